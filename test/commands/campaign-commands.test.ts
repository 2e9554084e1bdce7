import { describe, expect, it } from 'vitest';
import { renderCard } from '../../src/cards/index.ts';
import { ADMIN, ASSIGNED, assertRenders, bench, INFORMED, textOf } from './harness.ts';

async function people() {
  const b = bench();
  await b.add({ email: 'admin@example.org', firstName: 'Marc', lastName: 'Peeters' });
  await b.add({ email: 'ready@example.org' }, ASSIGNED);
  await b.add({ email: 'ready2@example.org', products: ['AutoCAD', 'Revit'] }, ASSIGNED);
  await b.add({ email: 'unassigned@example.org' }, [{ type: 'invite.sent' }]);
  await b.add({ email: 'told@example.org' }, INFORMED);
  await b.add({ email: 'done@example.org' }, [...INFORMED, { type: 'inform.acknowledged' }]);
  await b.add({ email: 'optout@example.org' }, [...INFORMED, { type: 'reminder.opted_out' }]);
  return b;
}

describe('notify', () => {
  it('queues one step-4 card per person assigned and not yet informed, keyed step4:<id>:<round>, with inform.sent on send', async () => {
    const b = await people();
    const r = await b.say(ADMIN, 'notify pending');
    assertRenders(r);
    const jobs = b.delivery.jobs.map((j) => j.job);
    expect(jobs.map((j) => j.key).sort()).toEqual(['step4:ready2@example.org:1', 'step4:ready@example.org:1']);
    for (const j of jobs) {
      expect(j.onSent).toEqual([{ type: 'inform.sent', round: 1 }]);
      expect(j.card.name).toBe('step4');
      // The data is what the card model accepts: rendered as the worker would.
      renderCard('step4', j.card.data as never, 'en', 'teams');
    }
    expect((jobs[0]!.card.data as { org: { adminName: string } }).org.adminName).toBe('Marc Peeters');
    expect(textOf(r)).toContain('Queued: 2');
    const audit = await b.store.readAudit(1);
    expect(audit[0]).toMatchObject({ action: 'campaign.step4', actor: ADMIN, source: 'slack' });
  });

  it('never queues the same person twice', async () => {
    const b = await people();
    await b.say(ADMIN, 'notify pending');
    const again = await b.say(ADMIN, 'notify pending');
    expect(b.delivery.jobs).toHaveLength(2);
    expect(textOf(again)).toContain('Already queued or sent before: 2');
  });

  it('names people explicitly, says why some are skipped, and sends a next round to people already told', async () => {
    const b = await people();
    const r = await b.say(ADMIN, 'notify told@example.org unassigned@example.org done@example.org ghost@example.org');
    expect(b.delivery.jobs.map((j) => j.job.key)).toEqual(['step4:told@example.org:2']);
    const text = textOf(r);
    expect(text).toContain('no product assigned yet');
    expect(text).toContain('already signed in');
    expect(text).toContain('not in the roster');
  });
});

describe('remind', () => {
  it('sends a reminder now to people told and not signed in, skipping those who opted out', async () => {
    const b = await people();
    const r = await b.say(ADMIN, 'remind pending');
    assertRenders(r);
    expect(b.delivery.jobs.map((j) => j.job.key)).toEqual(['reminder:told@example.org:1']);
    const job = b.delivery.jobs[0]!.job;
    expect(job.onSent).toEqual([{ type: 'reminder.sent', round: 1 }]);
    renderCard('reminder', job.card.data as never, 'en', 'slack');
    const named = await b.say(ADMIN, 'remind optout@example.org ready@example.org');
    expect(textOf(named)).toContain('opted out');
    expect(textOf(named)).toContain('sign-in instructions not sent yet');
    expect(b.delivery.jobs).toHaveLength(1);
  });
});

describe('resend and cancel', () => {
  it('resends the failed messages and cancels the latest campaign', async () => {
    const b = await people();
    b.delivery.failed = 3;
    expect(textOf(await b.say(ADMIN, 'resend failed'))).toContain('Queued again: 3');
    expect(textOf(await b.say(ADMIN, 'cancel'))).toContain('no campaign');
    await b.say(ADMIN, 'notify pending');
    const campaign = b.delivery.jobs[0]!.campaignId;
    const r = await b.say(ADMIN, 'cancel');
    assertRenders(r);
    expect(b.delivery.cancelled).toEqual([campaign]);
    expect(textOf(r)).toContain(campaign);
    expect((await b.store.readAudit(1))[0]).toMatchObject({ action: 'campaign.cancel', detail: campaign });
    const unknown = await b.say(ADMIN, 'cancel step4-nope');
    expect(textOf(unknown)).toContain('no campaign');
    expect(b.delivery.cancelled).toHaveLength(1);
  });
});
