// PROVISIONING=autodesk against the fake Team Admin API: read-back first, converging calls, seats before work, clean
// stops, the team's pace (no 429s, never above the window), token refresh mid-run and the audit of every call.
import { afterEach, describe, expect, it } from 'vitest';
import { createAutodesk, type Autodesk } from '../../../src/autodesk/team-admin/create-autodesk.ts';
import { createMemoryStore } from '../../../src/store/memory-store.ts';
import type { MigrationStore } from '../../../src/store/store.ts';
import { startFakeAutodesk, type FakeAutodesk, type FakeAutodeskOptions } from '../../fakes/autodesk-team-admin.ts';
import { person } from '../people.ts';
import { signIn } from './sign-in.ts';

const KEY = Buffer.alloc(32, 7).toString('base64');
const TEAM = '100001';
let fake: FakeAutodesk | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(
  options: FakeAutodeskOptions = {},
  teamId: string | null = TEAM,
): Promise<{ f: FakeAutodesk; a: Autodesk; store: MigrationStore }> {
  const f = (fake = await startFakeAutodesk({ timeScale: 600, startAt: Date.UTC(2026, 11, 7, 10, 0, 0), ...options }));
  f.addTeam(TEAM, 'Engineering', ['admin-1']);
  const store = createMemoryStore();
  const a = createAutodesk(
    {
      PUBLIC_URL: 'https://bot.example.com',
      AUTODESK_CLIENT_ID: f.clientId,
      AUTODESK_CLIENT_SECRET: f.clientSecret,
      AUTODESK_API_URL: f.url,
      AUTODESK_TOKEN_KEY: KEY,
      AUTODESK_CALLS_PER_MINUTE: 57,
    },
    { store, now: f.now, sleep: f.sleep },
  );
  await signIn(f, a.oauth, a.vault, 'boss@example.org', teamId ?? undefined);
  return { f, a, store };
}

const people = (n: number, prefix = 'p') => Array.from({ length: n }, (_, i) => person(`${prefix}${i}.x@example.org`));
const posts = (f: FakeAutodesk, path: string) => f.calls.filter((c) => c.method === 'POST' && c.path.endsWith(path));

describe('autodesk provider', () => {
  it('invites only the people Autodesk does not show, and a second run calls no one', async () => {
    const { f, a } = await setup();
    f.addUser(TEAM, 'p0.x@example.org');
    const ps = people(5);
    const r = await a.provider.invite(ps);
    expect(r.applied).toBe(true);
    expect(r.done.sort()).toEqual(
      ps
        .slice(1)
        .map((p) => p.id)
        .sort(),
    );
    expect(r.alreadyDone).toEqual([ps[0]?.id]);
    expect(
      posts(f, '/users')
        .map((c) => c.subject)
        .sort(),
    ).toEqual(
      ps
        .slice(1)
        .map((p) => p.email)
        .sort(),
    );
    const again = await a.provider.invite(ps);
    expect(again.done).toEqual([]);
    expect(again.alreadyDone).toHaveLength(5);
    expect(posts(f, '/users')).toHaveLength(4);
    expect(f.users(TEAM)).toHaveLength(5);
  });

  it('says the seats before work and stops cleanly when the pool runs out', async () => {
    const { f, a } = await setup();
    f.addPool(TEAM, {
      productId: 'prod-rvt',
      productName: 'Revit',
      totalQuantity: 5,
      assignedQuantity: 2,
      unlimited: false,
    });
    const ps = people(5);
    await a.provider.invite(ps);
    const r = await a.provider.assign('Revit', ps);
    expect(r.seats).toEqual({ product: 'Revit', free: 3, toAssign: 5 });
    expect(r.done).toHaveLength(3);
    expect(r.failed.map((x) => x.reason)).toEqual(Array(2).fill('no free Revit seat left on the Autodesk team'));
    expect(r.stopped).toBe('no free Revit seat left on the Autodesk team');
    expect(posts(f, '/assignments')).toHaveLength(3);
    expect(f.assignments(TEAM)).toHaveLength(3);
  });

  it('reads unlimited pools as unlimited and future-dated ones as not usable yet', async () => {
    const { f, a } = await setup();
    f.addPool(TEAM, {
      productId: 'acad',
      productName: 'AutoCAD - including specialized toolsets',
      totalQuantity: null,
      assignedQuantity: null,
      unlimited: true,
    });
    f.addPool(TEAM, {
      productId: 'rvt',
      productName: 'Revit',
      totalQuantity: 10,
      assignedQuantity: null,
      unlimited: false,
      startDate: '2027-06-01T00:00:00.000Z',
    });
    const ps = people(3);
    await a.provider.invite(ps);
    const acad = await a.provider.assign('AutoCAD', ps);
    expect(acad.seats).toEqual({ product: 'AutoCAD', free: null, toAssign: 3 });
    expect(acad.done).toHaveLength(3);
    const rvt = await a.provider.assign('Revit', ps);
    expect(rvt.stopped).toBe('the Revit pool on the Autodesk team is not usable yet (future-dated)');
    expect(rvt.failed).toHaveLength(3);
    expect(posts(f, '/assignments')).toHaveLength(3);
  });

  it('skips people already assigned (read-back), and stops on 422 with what Autodesk said', async () => {
    const { f, a } = await setup();
    f.addPool(TEAM, {
      productId: 'rvt',
      productName: 'Revit',
      totalQuantity: 50,
      assignedQuantity: 0,
      unlimited: false,
    });
    const ps = people(4);
    await a.provider.invite(ps);
    await a.provider.assign('Revit', ps.slice(0, 2));
    const before = posts(f, '/assignments').length;
    f.fail(1, 422, 'Reassignment quota exhausted', 'reassignment-quota-exhausted', 'POST');
    const r = await a.provider.assign('Revit', ps);
    expect(r.alreadyDone.sort()).toEqual(
      ps
        .slice(0, 2)
        .map((p) => p.id)
        .sort(),
    );
    expect(r.stopped).toBe("Autodesk's reassignment quota for this pool is used up");
    expect(r.failed).toHaveLength(2);
    expect(posts(f, '/assignments').length - before).toBe(1);
    f.fail(1, 422, 'Something new', 'brand-new-problem', 'POST');
    const r2 = await a.provider.assign('Revit', ps);
    expect(r2.stopped).toBe('Autodesk refused: Something new');
  });

  it('resumes after a crash and an outage without calling anyone twice', async () => {
    const { f, a } = await setup();
    const ps = people(30);
    // A first run reached Autodesk for 10 people, then the process died before the roster heard of it.
    await a.provider.invite(ps.slice(0, 10));
    // The next run reads back (skips those 10), then Autodesk stays unavailable through every retry: a clean stop.
    f.fail(8, 503, 'Service unavailable', 'service-unavailable', 'POST');
    const stopped = await a.provider.invite(ps);
    expect(stopped.alreadyDone).toHaveLength(10);
    expect(stopped.stopped).toBe('Autodesk refused: Service unavailable');
    expect(stopped.stoppedWhy).toEqual({ key: 'adsk_why_refused', vars: { title: 'Service unavailable' } });
    expect(stopped.failed).toHaveLength(20);
    // Run again: the 20 left are invited, nobody is called twice.
    const resumed = await a.provider.invite(ps);
    expect(resumed.done).toHaveLength(20);
    const subjects = posts(f, '/users')
      .filter((c) => c.status < 300)
      .map((c) => c.subject);
    expect(subjects).toHaveLength(30);
    expect(new Set(subjects).size).toBe(30);
  });

  it('stops at once when the admin is no longer a team administrator', async () => {
    const { f, a } = await setup();
    f.demote(TEAM, 'admin-1');
    const r = await a.provider.invite(people(3));
    expect(r.stopped).toMatch(/not an administrator of this team/);
    expect(r.failed).toHaveLength(3);
    expect(f.calls.filter((c) => c.status === 403)).toHaveLength(1);
  });

  it('asks for a team when none is set or chosen, and for a connection when there is none', async () => {
    const { f, a } = await setup({}, null);
    expect((await a.provider.invite(people(1))).stopped).toMatch(/picks the team/);
    await a.vault.remove();
    expect((await a.provider.invite(people(1))).stopped).toBe(
      'Autodesk is not connected: an admin runs "connect autodesk"',
    );
    expect(f.calls).toHaveLength(0);
  });

  it('keeps the pace: no window above the limit, a 429 from a shared allowance waited out, the token refreshed mid-run', async () => {
    const { f, a, store } = await setup({ accessTokenSeconds: 400 });
    f.addPool(TEAM, {
      productId: 'rvt',
      productName: 'Revit',
      totalQuantity: null,
      assignedQuantity: null,
      unlimited: true,
    });
    const ps = people(70);
    f.consume(TEAM, 60); // another app used this minute's allowance: Autodesk answers 429 and the run waits
    await a.provider.invite(ps);
    const r = await a.provider.assign('Revit', ps);
    expect(r.done).toHaveLength(70);
    const perMinute = new Map<number, number>();
    for (const c of f.calls.filter((x) => x.teamId && x.status !== 429))
      perMinute.set(Math.floor(c.at / 60_000), (perMinute.get(Math.floor(c.at / 60_000)) ?? 0) + 1);
    expect(Math.max(...perMinute.values())).toBeLessThanOrEqual(60);
    expect(f.rejected429).toBe(1); // refused once, then the run waited for Retry-After
    // X-RateLimit-Remaining 0 pauses the run until X-RateLimit-Reset instead of drawing a 429.
    f.leaveInWindow(TEAM, 3);
    await a.provider.invite(people(10, 'q'));
    expect(f.rejected429).toBe(1);
    expect(f.users(TEAM)).toHaveLength(80);
    expect(f.assignments(TEAM)).toHaveLength(70);
    const tokens = new Set(f.calls.map((c) => c.token));
    expect(tokens.size).toBeGreaterThan(1); // refreshed: 140+ calls at 57/min outlive a 400 s token
    expect(f.liveRefreshTokens()).toBe(1); // each refresh rotated the refresh token
    const audit = await store.readAudit(1000);
    const calls = audit.filter((e) => e.action.startsWith('autodesk:'));
    expect(calls.length).toBe(f.calls.length);
    expect(new Set(calls.map((e) => e.actor))).toEqual(new Set(['boss@example.org']));
    expect(calls.some((e) => e.action === 'autodesk:assignProduct' && e.person === ps[0]?.id)).toBe(true);
  });
});
