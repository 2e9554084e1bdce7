import { describe, expect, it } from 'vitest';
import { adminStatusSchema } from '../../src/cards/models/admin-status.ts';
import { managerSummarySchema } from '../../src/cards/models/manager-summary.ts';
import type { PersonEvent } from '../../src/domain/events.ts';
import { renderCard } from '../../src/cards/index.ts';
import { SERVER_DOC } from '../../src/server-watch/server-record.ts';
import { adminSummaryTick } from '../../src/schedule/org-status.ts';
import { orgStatusCard } from '../../src/reports/org-status-card.ts';
import { managersFromCounters, summariesTick } from '../../src/schedule/summaries.ts';
import { INFORMED, makeWorld, utc } from './helpers.ts';

const T0 = utc('2026-11-26T10:00:00Z');
const DONE: PersonEvent[] = [...INFORMED, { type: 'inform.acknowledged' }];
const HELP: PersonEvent[] = [...INFORMED, { type: 'inform.help', text: 'Revit asks for a serial number' }];
/** Tuesday 1 Dec 2026: SUMMARY_TIME 08:30 in Brussels is 07:30 UTC, in New York 13:30 UTC. */
const TUE = (hhmm: string) => utc(`2026-12-01T${hhmm}:00Z`);

async function world() {
  const w = makeWorld({ now: T0, env: { SUMMARY_TIME: '08:30' } });
  await w.add({ email: 'sophie@acme.example', firstName: 'Sophie', lastName: 'L' });
  await w.add({ email: 'marc@acme.example', firstName: 'Marc', lastName: 'P', timeZone: 'America/New_York' });
  await w.add({ email: 'zoe@acme.example', firstName: 'Zoé', lastName: 'V' });
  const base = { products: ['AutoCAD'], lastName: 'X' };
  await w.add({
    ...base,
    email: 'ann@acme.example',
    firstName: 'Ann',
    manager: 'sophie@acme.example',
    events: INFORMED,
  });
  await w.add({ ...base, email: 'cat@acme.example', firstName: 'Cat', manager: 'sophie@acme.example', events: DONE });
  await w.add({ ...base, email: 'hal@acme.example', firstName: 'Hal', manager: 'sophie@acme.example', events: HELP });
  await w.add({ ...base, email: 'ivy@acme.example', firstName: 'Ivy', manager: 'marc@acme.example', events: INFORMED });
  await w.add({ ...base, email: 'jo@acme.example', firstName: 'Jo', manager: 'zoe@acme.example', events: DONE });
  return w;
}

const summaryFor = (w: Awaited<ReturnType<typeof world>>, manager: string, date: string) =>
  managerSummarySchema.parse(w.delivery.job(`summary:${manager}:${date}`).card.data);

describe('manager summaries', () => {
  it('lists the managers from the counters', async () => {
    const w = await world();
    expect(managersFromCounters(await w.store.counters())).toEqual([
      'marc@acme.example',
      'sophie@acme.example',
      'zoe@acme.example',
    ]);
  });

  it('sends each manager their own people once their local summary time has passed on a working day', async () => {
    const w = await world();
    await summariesTick(w.ctx, TUE('07:29'));
    expect(w.delivery.keysQueued).toEqual([]);

    const r = await summariesTick(w.ctx, TUE('07:31'));
    expect(r.sent).toEqual(['sophie@acme.example', 'zoe@acme.example']);
    const sophie = summaryFor(w, 'sophie@acme.example', '2026-12-01');
    expect(sophie.team).toEqual({ done: ['Cat X'], pending: ['Ann X'], needsHelp: ['Hal X'] });
    expect(sophie.manager).toEqual({ id: 'sophie@acme.example', firstName: 'Sophie' });
    expect(sophie.yesterday).toBeUndefined();
    expect(w.delivery.job('summary:sophie@acme.example:2026-12-01').personId).toBe('sophie@acme.example');

    await summariesTick(w.ctx, TUE('07:46'));
    expect(w.delivery.keysQueued).toHaveLength(2);

    await summariesTick(w.ctx, TUE('13:31')); // 08:31 in New York
    const marc = summaryFor(w, 'marc@acme.example', '2026-12-01');
    expect(marc.team).toEqual({ done: [], pending: ['Ivy X'], needsHelp: [] });
    expect(marc.timeZone).toBe('America/New_York');
  });

  it('shows the change since the previous summary', async () => {
    const w = await world();
    await summariesTick(w.ctx, TUE('07:31'));
    await w.apply('ann@acme.example', [{ type: 'inform.acknowledged' }], TUE('12:00'));
    await summariesTick(w.ctx, utc('2026-12-02T07:31:00Z'));
    const sophie = summaryFor(w, 'sophie@acme.example', '2026-12-02');
    expect(sophie.team.done).toEqual(['Ann X', 'Cat X']);
    expect(sophie.yesterday).toEqual({ done: 1, pending: 1, needsHelp: 1 });
  });

  it('tells a manager whose people are all done once, then stays quiet', async () => {
    const w = await world();
    await summariesTick(w.ctx, TUE('07:31'));
    expect(summaryFor(w, 'zoe@acme.example', '2026-12-01').team).toEqual({
      done: ['Jo X'],
      pending: [],
      needsHelp: [],
    });
    const next = await summariesTick(w.ctx, utc('2026-12-02T07:31:00Z'));
    expect(next.sent).not.toContain('zoe@acme.example');
    expect(next.skipped.all_done_told).toBe(1);
    expect(w.delivery.keysQueued.filter((k) => k.startsWith('summary:zoe'))).toEqual([
      'summary:zoe@acme.example:2026-12-01',
    ]);
  });

  it('sends nothing at the weekend or on a holiday', async () => {
    const w = await world();
    await summariesTick(w.ctx, utc('2026-12-05T09:00:00Z'));
    const holiday = makeWorld({ now: T0, env: { HOLIDAYS: '2026-12-01' } });
    await holiday.add({ email: 'sophie@acme.example', firstName: 'Sophie', lastName: 'L' });
    await holiday.add({ email: 'ann@acme.example', firstName: 'Ann', lastName: 'X', manager: 'sophie@acme.example' });
    await summariesTick(holiday.ctx, TUE('10:00'));
    expect([...w.delivery.keysQueued, ...holiday.delivery.keysQueued]).toEqual([]);
  });

  it('never calls a licence server ready before the step-5 check says so', async () => {
    const servers = ['lic01', 'lic02', 'lic03'].map((id) => ({ id, address: `27000@${id}.acme.example` }));
    const w = makeWorld({ now: T0, env: { LICENSE_SERVERS: JSON.stringify(servers) } });
    // lic01 was never read; lic02 had nobody on it at its last poll but the quiet window is not over; lic03 is ready.
    await w.store.putDoc(SERVER_DOC, 'lic02', {
      id: 'lic02',
      address: servers[1]!.address,
      lastPollAt: T0,
      status: 'up',
      inUse: 0,
      ready: false,
    });
    await w.store.putDoc(SERVER_DOC, 'lic03', {
      id: 'lic03',
      address: servers[2]!.address,
      lastPollAt: T0,
      status: 'up',
      inUse: 0,
      ready: true,
    });
    const card = await orgStatusCard(w.ctx, T0);
    const status = adminStatusSchema.parse(card.data);
    expect(status.servers.map((s) => [s.host, s.status])).toEqual([
      ['lic01.acme.example', 'unpolled'],
      ['lic02.acme.example', 'quiet'],
      ['lic03.acme.example', 'ready'],
    ]);
    const text = JSON.stringify(renderCard('admin-status', status, 'en', 'slack'));
    expect(text.match(/ready to switch off/g)).toHaveLength(1);
    expect(text).toContain('not polled yet');
    expect(text).toContain('nobody on it at the last poll, not ready yet');
  });

  it('gives the admins the organisation-wide status once a day, trying again when it could not be posted', async () => {
    const w = await world();
    expect(await adminSummaryTick(w.ctx, TUE('07:00'))).toBe('not_yet');
    w.channel.failAdminPosts = true;
    expect(await adminSummaryTick(w.ctx, TUE('07:31'))).toBe('not_delivered');
    w.channel.failAdminPosts = false;
    expect(await adminSummaryTick(w.ctx, TUE('07:46'))).toBe('done');
    expect(await adminSummaryTick(w.ctx, TUE('08:01'))).toBe('already_done');
    expect(w.channel.adminPosts).toHaveLength(1);
    const status = adminStatusSchema.parse(w.channel.adminPosts[0]!.data);
    expect(status.totals).toEqual({ people: 8, done: 2, pending: 5, needsHelp: 1 });
    expect(status.steps.find((s) => s.step === 4)).toEqual({ step: 4, done: 2, total: 8 });
    expect(status.nextActions.map((a) => a.kind)).toEqual(['invite', 'assign', 'help']);
  });
});
