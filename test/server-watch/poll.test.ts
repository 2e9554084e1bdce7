import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { serverReadySchema } from '../../src/cards/models/server-ready.ts';
import type { LicenseServerPoll } from '../../src/domain/license-server.ts';
import { isMigrationOver } from '../../src/server-watch/migration-state.ts';
import { pollServer, pollServers } from '../../src/server-watch/poll-servers.ts';
import { lazyRoster } from '../../src/server-watch/roster.ts';
import { lmstatCommand, runLmstat } from '../../src/server-watch/run-lmstat.ts';
import { POLL_HISTORY, READY_TOLD_DOC, readServerRecord } from '../../src/server-watch/server-record.ts';
import { setPlannedOff } from '../../src/server-watch/plan-switch-off.ts';
import { makeWorld, utc } from '../schedule/helpers.ts';

const FAKE = fileURLToPath(new URL('../fixtures/watch/fake-lmstat.mjs', import.meta.url));
const fake = (...args: string[]) => [process.execPath, FAKE, ...args];
const T = utc('2026-12-01T09:00:00Z');
const HOUR = 3_600_000;

function world(command: string[], env: Record<string, string> = {}) {
  const server = { id: 'lic01', address: '27000@lic01.acme.example', command };
  const w = makeWorld({
    now: T,
    env: { LICENSE_SERVERS: JSON.stringify([server]), QUIET_WINDOW_DAYS: '1', MIN_QUIET_POLLS: '3', ...env },
  });
  return { w, server };
}
/** Earlier quiet polls, as a poll of adsk_quiet.txt stores them (saves starting a process for each). */
async function seedQuiet(w: ReturnType<typeof makeWorld>, times: number[]) {
  const features = [
    { name: '87545ACD_2024_0F', inUse: 0, users: [] },
    { name: '87048RVT_2024_0F', inUse: 0, users: [] },
  ];
  for (const at of times)
    await w.store.pushHistory<LicenseServerPoll>(POLL_HISTORY, 'lic01', { at, status: 'up', inUse: 0, features }, 2000);
}
const history = (w: ReturnType<typeof makeWorld>) => w.store.readHistory<LicenseServerPoll>(POLL_HISTORY, 'lic01', 100);

describe('running lmstat', () => {
  it('runs lmutil lmstat -a -c <address> unless the server has its own command', () => {
    expect(lmstatCommand({ address: '27000@lic01' })).toEqual(['lmutil', 'lmstat', '-a', '-c', '27000@lic01']);
    expect(lmstatCommand({ address: 'x', command: ['/opt/lm/lmutil', 'lmstat', '-a'] })).toEqual([
      '/opt/lm/lmutil',
      'lmstat',
      '-a',
    ]);
  });

  it('passes arguments as they are, without a shell', async () => {
    const r = await runLmstat(
      [process.execPath, '-e', 'process.stdout.write(process.argv[1])', '$(echo hi); `id` | cat'],
      { timeoutMs: 10_000 },
    );
    expect(r).toEqual({ ok: true, output: '$(echo hi); `id` | cat' });
  });

  it('reads a non-zero exit with output as an answer, and reports what went wrong otherwise', async () => {
    expect(await runLmstat(fake('--exit', '1', 'adsk_quiet.txt'), { timeoutMs: 10_000 })).toMatchObject({ ok: true });
    expect(await runLmstat(['/nonexistent/lmutil', 'lmstat'], { timeoutMs: 10_000 })).toMatchObject({
      ok: false,
      reason: 'not_found',
    });
    expect(await runLmstat(fake('--hang'), { timeoutMs: 300 })).toMatchObject({ ok: false, reason: 'timeout' });
    expect(await runLmstat(fake('--flood'), { timeoutMs: 10_000, maxBytes: 64 * 1024 })).toMatchObject({
      ok: false,
      reason: 'too_large',
    });
  });
});

describe('licence-server poll', () => {
  it('stores the poll, who holds licences (matched to the roster or not), and their network use', async () => {
    const { w } = world(fake('adsk_busy.txt'));
    await w.add({
      email: 'john.doe@acme.example',
      firstName: 'John',
      lastName: 'Doe',
      products: ['AutoCAD'],
      logins: ['CORP\\jdoe'],
    });
    const [result] = await pollServers(w.ctx, T);
    expect(result).toEqual({ serverId: 'lic01', status: 'up', ready: false });
    const [poll] = await history(w);
    expect(poll).toMatchObject({ at: T, status: 'up', inUse: 2 });
    const record = await readServerRecord(w.store, 'lic01');
    expect(record).toMatchObject({
      id: 'lic01',
      address: '27000@lic01.acme.example',
      status: 'up',
      inUse: 2,
      source: 'poll',
      lastPollAt: T,
      ready: false,
    });
    expect(record?.users).toEqual({
      matched: [{ user: 'jdoe', host: 'PC-0042', personId: 'john.doe@acme.example' }],
      unmatched: [{ user: 'svc_render', host: 'RENDER-01' }],
    });
    expect((await w.store.getPerson('john.doe@acme.example'))?.switches).toEqual({
      AutoCAD: { 'pc-0042': { status: 'network', at: T } },
    });
    // Seen again: nothing new to record on the person.
    const version = (await w.store.getPerson('john.doe@acme.example'))?.version;
    await pollServers(w.ctx, T + HOUR);
    expect((await w.store.getPerson('john.doe@acme.example'))?.version).toBe(version);
  });

  it('records a server it cannot read as down, with the reason', async () => {
    const { w, server } = world(fake('--hang'));
    const r = await pollServer(w.ctx, server, T, lazyRoster(w.store), { timeoutMs: 300 });
    expect(r.poll).toEqual({ at: T, status: 'down', inUse: 0, features: [] });
    expect((await readServerRecord(w.store, 'lic01'))?.lastError).toMatch(/^timeout/);
    const missing = world(['/nonexistent/lmutil']);
    await pollServers(missing.w.ctx, T);
    expect(await readServerRecord(missing.w.store, 'lic01')).toMatchObject({
      status: 'down',
      lastError: 'not_found: /nonexistent/lmutil not found',
    });
  });

  it('tells the admins once when a quiet server may be switched off', async () => {
    const { w } = world(fake('adsk_quiet.txt'));
    await w.add({
      email: 'ann@acme.example',
      firstName: 'Ann',
      lastName: 'X',
      products: ['AutoCAD'],
      events: [
        { type: 'product.assigned', product: 'AutoCAD' },
        { type: 'device.switched', product: 'AutoCAD', device: 'pc-1', by: 'user' },
      ],
    });
    await w.add({ email: 'bo@acme.example', firstName: 'Bo', lastName: 'Y' }); // nothing in scope: does not hold it up
    for (const at of [T - 25 * HOUR, T - 16 * HOUR, T - 8 * HOUR]) await pollServers(w.ctx, at);
    expect(w.channel.adminPosts).toEqual([]);
    // Seen from T - 8 h, the history does not reach back a whole day yet.
    expect((await readServerRecord(w.store, 'lic01'))?.reasons).toEqual(['WINDOW_NOT_COVERED']);
    expect(await isMigrationOver(w.ctx)).toBe(false);

    const [ready] = await pollServers(w.ctx, T);
    expect(ready?.ready).toBe(true);
    expect(w.channel.adminPosts).toHaveLength(1);
    const card = w.channel.adminPosts[0]!;
    expect(card.name).toBe('server-ready');
    const data = serverReadySchema.parse(card.data);
    expect(data).toMatchObject({
      server: { id: 'lic01', host: 'lic01.acme.example' },
      quietDays: 1,
      quietSince: T - 24 * HOUR,
    });
    expect(data.commands).toContain('lmutil lmdown -c 27000@lic01.acme.example -q');
    expect(data.plannedOffAt).toBeUndefined();
    expect(await isMigrationOver(w.ctx)).toBe(true);

    await pollServers(w.ctx, T + HOUR);
    expect(w.channel.adminPosts).toHaveLength(1);
  });

  it('mentions the planned switch-off on the card, and the polls keep the plan', async () => {
    const { w, server } = world(fake('adsk_quiet.txt'));
    await seedQuiet(w, [T - 25 * HOUR, T - 16 * HOUR, T - 8 * HOUR]);
    const planned = utc('2026-12-11T16:00:00Z');
    await setPlannedOff(w.ctx, server, planned, { id: 'admin@acme.example', source: 'slack' }, T - HOUR);
    await pollServers(w.ctx, T);
    expect(serverReadySchema.parse(w.channel.adminPosts[0]!.data).plannedOffAt).toBe(planned);
    expect((await readServerRecord(w.store, 'lic01'))?.plannedOffAt).toBe(planned);
  });

  it('tries again later when the admins could not be told', async () => {
    const { w } = world(fake('adsk_quiet.txt'));
    await seedQuiet(w, [T - 25 * HOUR, T - 16 * HOUR, T - 8 * HOUR]);
    w.channel.failAdminPosts = true;
    await pollServers(w.ctx, T);
    expect(await w.store.getDoc(READY_TOLD_DOC, 'lic01')).toBeUndefined();
    w.channel.failAdminPosts = false;
    await pollServers(w.ctx, T + HOUR);
    expect(w.channel.adminPosts).toHaveLength(1);
  });

  it('is not ready while someone in its scope has not switched, or while it is in use', async () => {
    const { w } = world(fake('adsk_quiet.txt'));
    await w.add({ email: 'cy@acme.example', firstName: 'Cy', lastName: 'Z', products: ['AutoCAD'] });
    await seedQuiet(w, [T - 25 * HOUR, T - 16 * HOUR, T - 8 * HOUR]);
    await pollServers(w.ctx, T);
    expect((await readServerRecord(w.store, 'lic01'))?.reasons).toEqual(['NOT_SWITCHED']);

    // A server serving only Revit does not wait for Cy's AutoCAD.
    const revit = world(fake('adsk_quiet.txt'));
    const only = {
      id: 'lic01',
      address: '27000@lic01.acme.example',
      command: fake('adsk_quiet.txt'),
      products: ['Revit'],
    };
    revit.w.ctx.config.LICENSE_SERVERS = [only];
    await revit.w.add({ email: 'cy@acme.example', firstName: 'Cy', lastName: 'Z', products: ['AutoCAD'] });
    await seedQuiet(revit.w, [T - 25 * HOUR, T - 16 * HOUR, T - 8 * HOUR]);
    await pollServers(revit.w.ctx, T);
    expect((await readServerRecord(revit.w.store, 'lic01'))?.ready).toBe(true);

    const busy = world(fake('adsk_busy.txt'));
    await seedQuiet(busy.w, [T - 25 * HOUR, T - 16 * HOUR, T - 8 * HOUR]);
    await pollServers(busy.w.ctx, T);
    // Two quiet polls left in the window: the busy one does not count.
    expect((await readServerRecord(busy.w.store, 'lic01'))?.reasons).toEqual([
      'STILL_ON_SERVER',
      'IN_USE',
      'TOO_FEW_POLLS',
    ]);
    expect(busy.w.channel.adminPosts).toEqual([]);
  });
});
