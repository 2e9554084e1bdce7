// The `servers` command (state from the poll history) and the admin status card (state from the server's record) say
// the same thing about the same server: named cases with the state expected, then generated histories.
import { describe, expect, it } from 'vitest';
import type { AdminStatusData } from '../../src/cards/types.ts';
import { say } from '../../src/replies/say.ts';
import type { LicenseServerPoll } from '../../src/domain/license-server.ts';
import { SERVER_STATES, type ServerState } from '../../src/domain/server-state.ts';
import { recordPoll } from '../../src/server-watch/record-poll.ts';
import { lazyRoster } from '../../src/server-watch/roster.ts';
import { modifyServerRecord } from '../../src/server-watch/server-record.ts';
import { rng } from '../helpers/random-people.ts';
import { ADMIN, assertRenders, bench, T0 } from './harness.ts';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const FEATURE = '86815AECCOL_T_F';

/** One reading: down, or up with licences out and the logins listed (a count may come without names). */
type Reading = 'down' | { inUse: number; users: string[] };
interface ServerCase {
  id: string;
  /** Oldest first, 6 hours apart, the last one at T0 (when the command runs). */
  readings: Reading[];
  off?: boolean;
  planned?: boolean;
  expected?: ServerState;
}

const quiet: Reading = { inUse: 0, users: [] };
const jdoe: Reading = { inUse: 1, users: ['jdoe'] };
const times = (n: number, r: Reading) => Array.from({ length: n }, () => r);

function pollOf(r: Reading, at: number): LicenseServerPoll {
  if (r === 'down') return { at, status: 'down', inUse: 0, features: [] };
  const users = r.users.map((user) => ({ user, host: `pc-${user}` }));
  return {
    at,
    status: 'up',
    inUse: r.inUse,
    features: r.inUse || users.length ? [{ name: FEATURE, inUse: r.inUse, users }] : [],
  };
}

/** The same facts seen both ways: every reading stored as the poller does, then `servers` and `status` at T0. */
async function bothViews(cases: readonly ServerCase[]) {
  const servers = cases.map((c) => ({ id: c.id, address: `27000@${c.id}.example.org` }));
  // A one-day quiet window proven by 3 quiet polls: 5 readings 6 hours apart can make a server ready.
  const b = bench({ env: { LICENSE_SERVERS: JSON.stringify(servers), QUIET_WINDOW_DAYS: '1', MIN_QUIET_POLLS: '3' } });
  // Someone the matcher knows, with nothing left to switch (so only the polls decide readiness).
  await b.add({ email: 'jdoe@example.org', firstName: 'Jane', lastName: 'Doe', logins: ['jdoe'], products: [] });
  const roster = lazyRoster(b.store);
  for (const [i, c] of cases.entries()) {
    for (const [k, r] of c.readings.entries()) {
      const at = T0 - (c.readings.length - 1 - k) * 6 * HOUR;
      await recordPoll(b.ctx, servers[i]!, pollOf(r, at), { source: 'poll', roster });
    }
    if (c.planned || c.off)
      await modifyServerRecord(b.store, c.id, (cur) => ({
        ...(cur ?? servers[i]!),
        ...(c.planned ? { plannedOffAt: T0 + 10 * DAY } : {}),
        ...(c.off ? { decommissionedAt: T0 - HOUR } : {}),
      }));
  }

  const list = await b.say(ADMIN, 'servers');
  assertRenders(list);
  const stateByText = new Map(SERVER_STATES.map((s) => [say('en', `server_state_${s}`), s]));
  const fromServers = list.cards.map((card) => {
    const facts = (card.data as { facts: { title: string; value: string }[] }).facts;
    const state = stateByText.get(facts.find((f) => f.title === 'State')!.value);
    return { state, planned: facts.some((f) => f.title === 'Planned switch-off') };
  });

  const status = await b.say(ADMIN, 'status');
  assertRenders(status);
  const rows = (status.cards[0]!.data as AdminStatusData).servers!;
  const fromCard = rows.map((r) => ({ state: r.status, planned: r.plannedOffAt !== undefined }));
  return { fromServers, fromCard, rows };
}

const NAMED: ServerCase[] = [
  { id: 'never', readings: [], expected: 'unpolled' },
  { id: 'never-planned', readings: [], planned: true, expected: 'unpolled' },
  { id: 'unreachable', readings: [...times(5, quiet), 'down'], expected: 'down' },
  { id: 'proven', readings: times(6, quiet), planned: true, expected: 'ready' },
  { id: 'busy', readings: [...times(5, quiet), jdoe], expected: 'in_use' },
  { id: 'stranger', readings: [...times(5, quiet), { inUse: 1, users: ['ghost'] }], expected: 'in_use' },
  { id: 'count-only', readings: [...times(5, quiet), { inUse: 2, users: [] }], expected: 'in_use' },
  // Jane held a licence 12 hours ago, nobody since: quiet, but the window is not proven.
  { id: 'earlier', readings: [...times(4, quiet), jdoe, quiet, quiet], expected: 'quiet' },
  { id: 'young', readings: times(2, quiet), expected: 'quiet' },
  { id: 'gone', readings: [...times(5, quiet), jdoe], off: true, planned: true, expected: 'off' },
  { id: 'gone-unread', readings: [], off: true, expected: 'off' },
];

function generated(count: number, seed: number): ServerCase[] {
  const { next, pick } = rng(seed);
  const readings: Reading[] = [
    'down',
    quiet,
    quiet,
    quiet,
    quiet,
    jdoe,
    { inUse: 1, users: ['ghost'] },
    { inUse: 3, users: [] },
    { inUse: 2, users: ['jdoe', 'ghost'] },
  ];
  return Array.from({ length: count }, (_, i) => ({
    id: `gen${i}`,
    // Mostly quiet readings, so some servers become ready.
    readings: Array.from({ length: Math.floor(next() * 8) }, () => (next() < 0.5 ? quiet : pick(readings))),
    off: next() < 0.15,
    planned: next() < 0.3,
  }));
}

describe('server state: `servers` and the admin status card agree', () => {
  it('named cases: the state each view shows is the one expected, and the plan is shown alike', async () => {
    const { fromServers, fromCard } = await bothViews(NAMED);
    expect(fromServers.map((s) => s.state)).toEqual(NAMED.map((c) => c.expected));
    expect(fromCard).toEqual(fromServers);
    expect(fromServers.map((s) => s.planned)).toEqual(NAMED.map((c) => c.planned === true && !c.off));
  });

  it('the card says since when nobody has been on a quiet server: its last use, or its first poll if never used', async () => {
    const cases = NAMED.filter((c) => ['earlier', 'young', 'busy', 'proven'].includes(c.id));
    const { rows } = await bothViews(cases);
    expect(rows.map((r) => [r.status, r.quietSince])).toEqual([
      ['ready', undefined],
      ['in_use', undefined],
      ['quiet', T0 - 12 * HOUR],
      ['quiet', T0 - 6 * HOUR],
    ]);
  });

  it('generated histories: both views give the same state and plan for every server', async () => {
    const cases = generated(60, 20261103);
    const { fromServers, fromCard } = await bothViews(cases);
    expect(fromServers.every((s) => s.state !== undefined)).toBe(true);
    expect(fromCard).toEqual(fromServers);
    // The histories reach every state, so the agreement is not only about the easy ones.
    expect(new Set(fromCard.map((s) => s.state))).toEqual(new Set(SERVER_STATES));
  });
});
