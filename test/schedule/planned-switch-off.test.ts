// End to end: an admin plans a switch-off in chat, the reminder tick then puts the days left on the reminder cards.
import { describe, expect, it } from 'vitest';
import { createInteractionHandler } from '../../src/app/handle-interaction.ts';
import { createProvisioning } from '../../src/autodesk/create-provisioning.ts';
import type { InteractionReply } from '../../src/ports/interaction.ts';
import { renderCard } from '../../src/cards/index.ts';
import { reminderSchema } from '../../src/cards/models/reminder.ts';
import { remindersTick } from '../../src/schedule/reminders.ts';
import { INFORMED, makeWorld, utc, type World } from './helpers.ts';

const ADMIN = 'admin@acme.example';
const SERVERS = JSON.stringify([
  { id: 'lic01', address: '27000@lic01.acme.example', products: ['AutoCAD'] },
  { id: 'lic02', address: '27000@lic02.acme.example', products: ['Revit'] },
]);
/** Thursday 26 Nov 2026, 11:00 in Brussels: the step-4 cards go out. */
const INFORMED_AT = utc('2026-11-26T10:00:00Z');
/** Monday 30 Nov, 11:05 in Brussels: the first reminders are due. */
const MONDAY = utc('2026-11-30T10:05:00Z');
/** What `servers plan lic01 2026-12-11` means for an admin in Brussels: 17:00 that day. */
const DEC_11 = utc('2026-12-11T16:00:00Z');

function world(): World & { ask(text: string): Promise<InteractionReply>; say(text: string): Promise<string> } {
  const w = makeWorld({ now: INFORMED_AT, env: { LICENSE_SERVERS: SERVERS, ADMIN_EMAILS: ADMIN } });
  const handle = createInteractionHandler({ ...w.ctx, provisioning: createProvisioning(w.ctx.config) });
  const ask = (text: string) =>
    handle({ kind: 'command', actor: { platform: 'playground', userId: 'admin', personId: ADMIN }, text });
  return Object.assign(w, {
    ask,
    say: async (text: string) => JSON.stringify((await ask(text)).cards.map((c) => c.data)),
  });
}

const deadlineOf = (w: World, key: string) => reminderSchema.parse(w.delivery.job(key).card.data).deadline;
const cardText = (w: World, key: string) =>
  JSON.stringify(renderCard('reminder', reminderSchema.parse(w.delivery.job(key).card.data), 'en', 'teams'));

describe('planned switch-off on the reminders', () => {
  it('reminders after `servers plan` carry the deadline and the days left, in each person’s zone, for the server’s products only', async () => {
    const w = world();
    const base = { lastName: 'X', events: INFORMED };
    await w.add({ ...base, email: 'ann@acme.example', firstName: 'Ann', products: ['AutoCAD'] });
    await w.add({
      ...base,
      email: 'fay@acme.example',
      firstName: 'Fay',
      products: ['AutoCAD'],
      timeZone: 'America/New_York',
    });
    await w.add({
      ...base,
      email: 'rob@acme.example',
      firstName: 'Rob',
      products: ['AutoCAD', 'Revit'],
      events: [...INFORMED, { type: 'product.assigned', product: 'Revit' }],
    });
    await w.add({
      ...base,
      email: 'tom@acme.example',
      firstName: 'Tom',
      products: ['Revit'],
      events: [{ type: 'product.assigned', product: 'Revit' }, { type: 'inform.sent' }],
    });

    w.clock.t = MONDAY - 3600_000;
    expect(await w.say('servers plan lic01 2026-12-11')).toContain('(days left: 11)');
    // The admins' status card says it too.
    const status = (await w.ask('status')).cards.find((c) => c.name === 'admin-status')!;
    const rows = JSON.stringify(renderCard('admin-status', status.data as never, 'en', 'teams')).match(
      /\*\*lic0[12]\.acme\.example\*\*[^"]*/g,
    );
    expect(rows?.[0]).toMatch(/ · switch-off planned on 11 December 2026 \(11 days left\)$/);
    expect(rows?.[1]).not.toContain('planned');

    await remindersTick(w.ctx, MONDAY);
    expect(deadlineOf(w, 'reminder:ann@acme.example:1')).toEqual({ at: DEC_11, daysLeft: 11 });
    expect(cardText(w, 'reminder:ann@acme.example:1')).toContain('switched off in **11 days** (11 December 2026)');
    // Rob's AutoCAD is served by lic01; Tom only uses Revit, served by lic02, which has no plan.
    expect(deadlineOf(w, 'reminder:rob@acme.example:1')).toEqual({ at: DEC_11, daysLeft: 11 });
    expect(deadlineOf(w, 'reminder:tom@acme.example:1')).toBeUndefined();

    // 09:05 in New York: Fay's working day has started; 11:00 on the 11th in New York is the same instant.
    await remindersTick(w.ctx, utc('2026-11-30T14:05:00Z'));
    expect(deadlineOf(w, 'reminder:fay@acme.example:1')).toEqual({ at: DEC_11, daysLeft: 11 });
  });

  it('on the day itself the reminder says "today"; once cleared, reminders carry no deadline', async () => {
    const w = world();
    // Told on Wednesday 9 December: the first reminder is due on Friday the 11th.
    await w.add({
      email: 'gus@acme.example',
      firstName: 'Gus',
      lastName: 'X',
      products: ['AutoCAD'],
      events: INFORMED,
      at: utc('2026-12-09T10:00:00Z'),
    });
    await w.add({
      email: 'hal@acme.example',
      firstName: 'Hal',
      lastName: 'X',
      products: ['AutoCAD'],
      events: INFORMED,
      at: utc('2026-12-09T10:00:00Z'),
    });
    await w.apply(
      'hal@acme.example',
      [{ type: 'reminder.snoozed', until: utc('2026-12-14T08:00:00Z') }],
      utc('2026-12-09T10:00:00Z'),
    );

    w.clock.t = utc('2026-12-01T09:00:00Z');
    await w.say('servers plan lic01 2026-12-11');
    await remindersTick(w.ctx, utc('2026-12-11T10:05:00Z'));
    expect(deadlineOf(w, 'reminder:gus@acme.example:1')).toEqual({ at: DEC_11, daysLeft: 0 });
    expect(cardText(w, 'reminder:gus@acme.example:1')).toContain('switched off **today**');

    // The switch-off is postponed without a new date: Hal's reminder on Monday says nothing about a deadline.
    w.clock.t = utc('2026-12-11T15:00:00Z');
    expect(await w.say('servers plan lic01 none')).toContain('is cleared');
    await remindersTick(w.ctx, utc('2026-12-14T10:05:00Z'));
    expect(deadlineOf(w, 'reminder:hal@acme.example:1')).toBeUndefined();
  });

  it('a reminder sent now with `remind` carries the same deadline', async () => {
    const w = world();
    await w.add({
      email: 'ann@acme.example',
      firstName: 'Ann',
      lastName: 'X',
      products: ['AutoCAD'],
      events: INFORMED,
    });
    await w.add({
      email: 'tom@acme.example',
      firstName: 'Tom',
      lastName: 'X',
      products: ['Revit'],
      events: [{ type: 'product.assigned', product: 'Revit' }, { type: 'inform.sent' }],
    });
    w.clock.t = MONDAY;
    await w.say('servers plan lic01 2026-12-11');
    expect(await w.say('remind pending')).toContain('Queued: 2');
    expect(deadlineOf(w, 'reminder:ann@acme.example:1')).toEqual({ at: DEC_11, daysLeft: 11 });
    expect(deadlineOf(w, 'reminder:tom@acme.example:1')).toBeUndefined();
  });
});
