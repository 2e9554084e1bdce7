import { describe, expect, it } from 'vitest';
import { messageSchema } from '../../src/cards/models/message.ts';
import { FOLLOWUPS_DOC, invitationsTick } from '../../src/schedule/invitations.ts';
import { makeWorld, utc } from './helpers.ts';

const DAY = 86_400_000;
const NOW = utc('2026-12-01T09:00:00Z'); // Tuesday, 10:00 in Brussels

describe('invitation follow-up tick', () => {
  it('tells the admins once a day how many invitations to resend and to re-add', async () => {
    const w = makeWorld({ now: NOW - 100 * DAY });
    await w.add({
      email: 'old@acme.example',
      firstName: 'Old',
      lastName: 'A',
      at: NOW - 95 * DAY,
      events: [{ type: 'invite.sent' }],
    });
    await w.add({
      email: 'late@acme.example',
      firstName: 'Late',
      lastName: 'B',
      at: NOW - 8 * DAY,
      events: [{ type: 'invite.sent' }],
    });
    await w.add({
      email: 'new@acme.example',
      firstName: 'New',
      lastName: 'C',
      at: NOW - DAY,
      events: [{ type: 'invite.sent' }],
    });
    await w.add({
      email: 'in@acme.example',
      firstName: 'In',
      lastName: 'D',
      at: NOW - 30 * DAY,
      events: [{ type: 'invite.sent' }, { type: 'invite.accepted' }],
    });

    const r = await invitationsTick(w.ctx, NOW);
    expect(r).toMatchObject({ outcome: 'done', resend: ['late@acme.example'], readd: ['old@acme.example'] });
    expect(await w.store.getDoc(FOLLOWUPS_DOC, 'latest')).toEqual({
      at: NOW,
      resend: ['late@acme.example'],
      readd: ['old@acme.example'],
    });
    expect(w.channel.adminPosts).toHaveLength(1);
    const card = messageSchema.parse(w.channel.adminPosts[0]!.data);
    expect(card.text).toContain('invite pending');
    expect(card.facts).toEqual([
      { title: 'To resend', value: 'Late B' },
      { title: 'To add again', value: 'Old A' },
    ]);

    expect((await invitationsTick(w.ctx, NOW + 3600_000)).outcome).toBe('already_done');
    expect(w.channel.adminPosts).toHaveLength(1);
  });

  it('posts nothing when every invitation is fresh', async () => {
    const w = makeWorld({ now: NOW - DAY });
    await w.add({ email: 'new@acme.example', firstName: 'New', lastName: 'C', events: [{ type: 'invite.sent' }] });
    expect((await invitationsTick(w.ctx, NOW)).outcome).toBe('done');
    expect(w.channel.adminPosts).toEqual([]);
  });
});
