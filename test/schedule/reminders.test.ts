import { describe, expect, it } from 'vitest';
import { messageSchema } from '../../src/cards/models/message.ts';
import { reminderSchema } from '../../src/cards/models/reminder.ts';
import { remindersTick } from '../../src/schedule/reminders.ts';
import { SERVER_DOC } from '../../src/server-watch/server-record.ts';
import { INFORMED, makeWorld, utc } from './helpers.ts';

/** Thursday 26 Nov 2026, 11:00 in Brussels: the step-4 cards go out. */
const INFORMED_AT = utc('2026-11-26T10:00:00Z');
/** Monday 30 Nov, 11:05 in Brussels: two working days later, the first reminders are due. */
const MONDAY = utc('2026-11-30T10:05:00Z');
const LIC01 = '[{"id":"lic01","address":"27000@lic01.acme.example","products":["AutoCAD"]}]';

async function team(env: Record<string, string> = {}) {
  const w = makeWorld({ now: INFORMED_AT, env });
  await w.add({ email: 'boss@acme.example', firstName: 'Sophie', lastName: 'Leclercq', locale: 'fr' });
  const base = { lastName: 'X', products: ['AutoCAD'], manager: 'boss@acme.example', events: INFORMED };
  await w.add({ ...base, email: 'ann@acme.example', firstName: 'Ann' });
  await w.add({ ...base, email: 'bob@acme.example', firstName: 'Bob', at: utc('2026-11-30T09:00:00Z') });
  await w.add({
    ...base,
    email: 'cat@acme.example',
    firstName: 'Cat',
    events: [...INFORMED, { type: 'inform.acknowledged' }],
  });
  await w.add({
    ...base,
    email: 'dan@acme.example',
    firstName: 'Dan',
    events: [...INFORMED, { type: 'reminder.opted_out' }],
  });
  await w.add({
    ...base,
    email: 'eve@acme.example',
    firstName: 'Eve',
    events: [...INFORMED, { type: 'reminder.snoozed', until: utc('2026-12-02T08:00:00Z') }],
  });
  await w.add({ ...base, email: 'fay@acme.example', firstName: 'Fay', timeZone: 'America/New_York' });
  return w;
}

describe('reminder tick', () => {
  it('enqueues a reminder for each person due, and nobody else', async () => {
    const w = await team();
    const r = await remindersTick(w.ctx, MONDAY);
    // Bob was told this morning, Cat is done, Dan opted out, Eve snoozed, and Fay's Monday starts at 15:00 here.
    expect(w.delivery.keysQueued).toEqual(['reminder:ann@acme.example:1']);
    expect(r).toMatchObject({ reminded: 1, escalated: 0 });
    const job = w.delivery.job('reminder:ann@acme.example:1');
    expect(job.personId).toBe('ann@acme.example');
    expect(job.onSent).toEqual([{ type: 'reminder.sent', round: 1 }]);
    expect(job.card.name).toBe('reminder');
    const data = reminderSchema.parse(job.card.data);
    expect(data).toMatchObject({ round: 1, products: ['AutoCAD'], org: { name: 'Acme' }, timeZone: 'Europe/Brussels' });
    expect(data.deadline).toBeUndefined();

    await remindersTick(w.ctx, utc('2026-11-30T14:05:00Z'));
    expect(w.delivery.keysQueued).toEqual(['reminder:ann@acme.example:1', 'reminder:fay@acme.example:1']);
    expect(reminderSchema.parse(w.delivery.job('reminder:fay@acme.example:1').card.data).timeZone).toBe(
      'America/New_York',
    );
  });

  it('waits for working hours in the person’s zone before enqueuing', async () => {
    const w = await team();
    const evening = await remindersTick(w.ctx, utc('2026-11-30T17:30:00Z')); // 18:30 in Brussels
    expect(w.delivery.keysQueued.filter((k) => k.startsWith('reminder:ann'))).toEqual([]);
    expect(evening.outsideHours).toBeGreaterThan(0);
    await remindersTick(w.ctx, utc('2026-12-01T08:05:00Z')); // Tuesday 09:05
    expect(w.delivery.keysQueued).toContain('reminder:ann@acme.example:1');
  });

  it('does not enqueue a reminder twice, and the next round follows the interval once the card is sent', async () => {
    const w = await team();
    await remindersTick(w.ctx, MONDAY);
    const again = await remindersTick(w.ctx, MONDAY + 10 * 60_000);
    expect(again).toMatchObject({ reminded: 0, duplicates: 1 });
    await w.delivery.send('reminder:ann@acme.example:1', MONDAY + 15 * 60_000);
    expect((await w.store.getPerson('ann@acme.example'))?.reminders.sent).toBe(1);

    await remindersTick(w.ctx, utc('2026-12-02T10:05:00Z')); // two working days later: not yet (the interval is 3)
    expect(w.delivery.keysQueued.filter((k) => k.startsWith('reminder:ann'))).toEqual(['reminder:ann@acme.example:1']);
    await remindersTick(w.ctx, utc('2026-12-03T10:25:00Z'));
    expect(w.delivery.keysQueued).toContain('reminder:ann@acme.example:2');
  });

  it('respects a snooze: nothing before it ends, a reminder after', async () => {
    const w = await team();
    await remindersTick(w.ctx, utc('2026-12-01T10:00:00Z'));
    expect(w.delivery.keysQueued.some((k) => k.startsWith('reminder:eve'))).toBe(false);
    await remindersTick(w.ctx, utc('2026-12-02T08:05:00Z'));
    expect(w.delivery.keysQueued).toContain('reminder:eve@acme.example:1');
  });

  it('after the last reminder, tells the manager once, in the manager’s language', async () => {
    const w = await team({ MAX_REMINDERS: '1' });
    await remindersTick(w.ctx, MONDAY);
    await w.delivery.send('reminder:ann@acme.example:1', MONDAY + 60_000);
    await remindersTick(w.ctx, utc('2026-12-03T09:00:00Z')); // not yet three working days after the reminder
    expect(w.delivery.keysQueued.filter((k) => k.startsWith('escalate:'))).toEqual([]);

    const r = await remindersTick(w.ctx, utc('2026-12-03T10:10:00Z'));
    expect(r.escalated).toBeGreaterThanOrEqual(1);
    const job = w.delivery.job('escalate:ann@acme.example');
    expect(job.personId).toBe('boss@acme.example');
    expect(job.onSent ?? []).toEqual([]);
    expect(job.about).toEqual({ personId: 'ann@acme.example', events: [{ type: 'reminder.escalated' }] });
    const card = messageSchema.parse(job.card.data);
    expect(card.title).toContain('Ann X');
    expect(card.text).toMatch(/a reçu tous les rappels/);
    expect(card.facts).toContainEqual({ title: 'Rappels envoyés', value: '1' });
    // Queued is not told: Ann is marked escalated only once the note is out, and stays due until then.
    expect((await w.store.getPerson('ann@acme.example'))?.reminders.escalatedAt).toBeUndefined();
    const later = await remindersTick(w.ctx, utc('2026-12-03T10:40:00Z'));
    expect(later.escalated).toBe(0);
    expect(w.delivery.keysQueued.filter((k) => k === 'escalate:ann@acme.example')).toHaveLength(1);

    await w.delivery.send('escalate:ann@acme.example', utc('2026-12-03T10:45:00Z'));
    const ann = await w.store.getPerson('ann@acme.example');
    expect(ann?.reminders.escalatedAt).toBe(utc('2026-12-03T10:45:00Z'));
    expect((await w.store.getPerson('boss@acme.example'))?.reminders.escalatedAt).toBeUndefined();
    expect((await w.store.due(utc('2026-12-31T00:00:00Z'), 100)).map((d) => d.id)).not.toContain('ann@acme.example');

    await remindersTick(w.ctx, utc('2026-12-07T10:10:00Z'));
    expect(w.delivery.keysQueued.filter((k) => k === 'escalate:ann@acme.example')).toHaveLength(1);
  });

  it('marks the person escalated without a note when their manager cannot be reached', async () => {
    const w = makeWorld({ now: INFORMED_AT, env: { MAX_REMINDERS: '0' } });
    const base = { lastName: 'Z', products: ['AutoCAD'], events: INFORMED };
    await w.add({ ...base, email: 'gus@acme.example', firstName: 'Gus', manager: 'gone@acme.example' });
    const r = await remindersTick(w.ctx, utc('2026-12-02T10:00:00Z'));
    expect(r).toMatchObject({ escalated: 0, managerUnreachable: 1 });
    expect(w.delivery.keysQueued).toEqual([]);
    expect((await w.store.getPerson('gus@acme.example'))?.reminders.escalatedAt).toBe(utc('2026-12-02T10:00:00Z'));
    const again = await remindersTick(w.ctx, utc('2026-12-08T10:00:00Z'));
    expect(again).toMatchObject({ escalated: 0, managerUnreachable: 0 });
  });

  it('escalates nobody without a manager', async () => {
    const w = makeWorld({ now: INFORMED_AT, env: { MAX_REMINDERS: '0' } });
    await w.add({
      email: 'solo@acme.example',
      firstName: 'Solo',
      lastName: 'Y',
      products: ['AutoCAD'],
      events: INFORMED,
    });
    await remindersTick(w.ctx, utc('2026-12-10T10:00:00Z'));
    expect(w.delivery.keysQueued).toEqual([]);
  });

  it('shows the days left before the planned switch-off of the person’s licence server', async () => {
    const w = await team({ LICENSE_SERVERS: LIC01 });
    await w.store.putDoc(SERVER_DOC, 'lic01', {
      id: 'lic01',
      address: '27000@lic01.acme.example',
      plannedOffAt: utc('2026-12-11T16:00:00Z'),
    });
    await remindersTick(w.ctx, MONDAY);
    const data = reminderSchema.parse(w.delivery.job('reminder:ann@acme.example:1').card.data);
    expect(data.deadline).toEqual({ at: utc('2026-12-11T16:00:00Z'), daysLeft: 11 });
  });

  it('stops for everyone once every licence server is switched off, or ready to be', async () => {
    const off = await team({ LICENSE_SERVERS: LIC01 });
    await off.store.putDoc(SERVER_DOC, 'lic01', {
      id: 'lic01',
      address: '27000@lic01.acme.example',
      decommissionedAt: MONDAY - 1,
    });
    expect(await remindersTick(off.ctx, MONDAY)).toMatchObject({ skipped: 'migration_over', reminded: 0 });
    expect(off.delivery.keysQueued).toEqual([]);

    const ready = await team({ LICENSE_SERVERS: LIC01 });
    await ready.store.putDoc(SERVER_DOC, 'lic01', { id: 'lic01', address: '27000@lic01.acme.example', ready: true });
    expect(await remindersTick(ready.ctx, MONDAY)).toMatchObject({ skipped: 'migration_over' });

    // A server still in use keeps the reminders going.
    const busy = await team({ LICENSE_SERVERS: LIC01 });
    await busy.store.putDoc(SERVER_DOC, 'lic01', { id: 'lic01', address: '27000@lic01.acme.example', ready: false });
    await remindersTick(busy.ctx, MONDAY);
    expect(busy.delivery.keysQueued).toEqual(['reminder:ann@acme.example:1']);
  });
});
