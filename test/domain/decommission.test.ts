import { describe, expect, it } from 'vitest';
import { decommissionReadiness, isMigrationComplete, type DecommissionInput } from '../../src/domain/decommission.ts';
import { checkoutsSince, type LicenseServerPoll } from '../../src/domain/license-server.ts';
import { matchLicenseUsers, normaliseLogin } from '../../src/domain/license-user-match.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const now = Date.UTC(2026, 2, 20, 12);

/** Polls every `step` ms from `from` to `to` (inclusive), all quiet unless `busy` says otherwise. */
function polls(from: number, to: number, step: number, busy: (at: number) => number = () => 0): LicenseServerPoll[] {
  const out: LicenseServerPoll[] = [];
  for (let at = from; at <= to; at += step) {
    const inUse = busy(at);
    out.push({
      at,
      status: 'up',
      inUse,
      features: inUse ? [{ name: '64300ACD_F', inUse, users: [{ user: 'jdoe', host: 'PC-0042' }] }] : [],
    });
  }
  return out;
}

const base = (over: Partial<DecommissionInput> = {}): DecommissionInput => ({
  serverId: 'lic01',
  polls: polls(now - 10 * DAY, now, 6 * HOUR),
  notSwitched: [],
  seen: { personIds: [], logins: [] },
  minPolls: 20,
  now,
  ...over,
});

describe('decommissionReadiness', () => {
  it('waits for borrowed licences, saying how many, when the last returns and whose', () => {
    const holders = [
      { type: 'person' as const, personId: 'jdoe@acme.example' },
      { type: 'login' as const, login: 'x' },
    ];
    const r = decommissionReadiness(base({ borrowed: { count: 2, lastReturnAt: now + 5 * DAY, holders } }));
    expect(r.ready).toBe(false);
    expect(r.reasons).toEqual([{ code: 'BORROWED', count: 2, lastReturnAt: now + 5 * DAY, holders }]);
    expect(decommissionReadiness(base({ borrowed: { count: 0, lastReturnAt: 0, holders: [] } })).ready).toBe(true);
  });

  it('is ready when everyone switched and ten days of polls show nobody on the server', () => {
    const r = decommissionReadiness(base());
    expect(r).toMatchObject({ serverId: 'lic01', ready: true, reasons: [], stillOn: [], windowStart: now - 7 * DAY });
    expect(r.lastUsedAt).toBeUndefined();
  });

  it('is not ready while people in scope have not switched', () => {
    const r = decommissionReadiness(base({ notSwitched: ['ann@x.org', 'bob@x.org'] }));
    expect(r.ready).toBe(false);
    expect(r.reasons).toEqual([{ code: 'NOT_SWITCHED', personIds: ['ann@x.org', 'bob@x.org'] }]);
  });

  it('is not ready while someone holds a licence, and says who and when it was last used', () => {
    const lastBusy = now - 2 * DAY;
    const r = decommissionReadiness(
      base({
        polls: polls(now - 10 * DAY, now, 6 * HOUR, (at) => (at === lastBusy || at === lastBusy - 6 * HOUR ? 3 : 0)),
        seen: { personIds: ['jdoe@x.org'], logins: ['GM-007028'] },
      }),
    );
    expect(r.ready).toBe(false);
    expect(r.reasons).toEqual([
      { code: 'STILL_ON_SERVER', personIds: ['jdoe@x.org'], logins: ['GM-007028'] },
      { code: 'IN_USE', lastInUseAt: lastBusy, inUse: 3, busyPolls: 2 },
    ]);
    expect(r.stillOn).toEqual([
      { type: 'person', personId: 'jdoe@x.org' },
      { type: 'login', login: 'GM-007028' },
    ]);
    expect(r.lastUsedAt).toBe(lastBusy);
  });

  it('is not ready when the history is shorter than the quiet window, however many polls there are', () => {
    const r = decommissionReadiness(base({ polls: polls(now - 3 * DAY, now, HOUR) }));
    expect(r.ready).toBe(false);
    expect(r.reasons).toEqual([{ code: 'WINDOW_NOT_COVERED', firstPollAt: now - 3 * DAY, windowStart: now - 7 * DAY }]);
  });

  it('is not ready with too few polls inside the window, and down polls do not count as quiet', () => {
    const history = polls(now - 10 * DAY, now, DAY); // 11 polls, 8 inside the window
    expect(decommissionReadiness(base({ polls: history })).reasons).toEqual([
      { code: 'TOO_FEW_POLLS', quietPolls: 8, minPolls: 20, downPolls: 0 },
    ]);
    const mostlyDown = polls(now - 10 * DAY, now, 6 * HOUR).map((p, i) =>
      i % 2 ? { ...p, status: 'down' as const } : p,
    );
    const r = decommissionReadiness(base({ polls: mostlyDown }));
    expect(r.ready).toBe(false);
    expect(r.reasons).toEqual([{ code: 'TOO_FEW_POLLS', quietPolls: 15, minPolls: 20, downPolls: 14 }]);
    expect(decommissionReadiness(base({ polls: mostlyDown, minPolls: 15 })).ready).toBe(true);
  });

  it('is not ready without any poll', () => {
    expect(decommissionReadiness(base({ polls: [] })).reasons).toEqual([{ code: 'NO_POLLS' }]);
  });

  it('becomes ready once the last use falls out of the window', () => {
    const lastBusy = now - 8 * DAY;
    const history = polls(now - 20 * DAY, now, 6 * HOUR, (at) => (at === lastBusy ? 1 : 0));
    const before = decommissionReadiness(
      base({ polls: history.filter((p) => p.at <= now - 2 * DAY), now: now - 2 * DAY }),
    );
    expect(before.ready).toBe(false);
    expect(before.reasons.map((x) => x.code)).toEqual(['IN_USE']);
    const after = decommissionReadiness(base({ polls: history }));
    expect(after.ready).toBe(true);
    expect(after.lastUsedAt).toBe(lastBusy);
  });

  it('is not ready when the debug log shows a checkout inside the window, even if every poll was quiet', () => {
    const lastOutAt = now - 3 * DAY;
    const r = decommissionReadiness(base({ lastOutAt }));
    expect(r.reasons).toEqual([{ code: 'RECENT_CHECKOUT', lastOutAt }]);
    expect(r.lastUsedAt).toBe(lastOutAt);
    expect(decommissionReadiness(base({ lastOutAt: now - 8 * DAY })).ready).toBe(true);
  });

  it('honours a custom quiet window and ignores polls from the future', () => {
    const history = polls(now - 3 * DAY, now + DAY, HOUR, (at) => (at > now ? 5 : 0));
    const r = decommissionReadiness(base({ polls: history, quietWindowMs: 2 * DAY, minPolls: 40 }));
    expect(r.ready).toBe(true);
  });
});

describe('matchLicenseUsers', () => {
  const roster = [
    { id: 'jane.doe@x.org', email: 'Jane.Doe@x.org', logins: ['JDoe', 'PC-0042'] },
    { id: 'amartin@x.org', email: 'amartin@x.org' },
    { id: 'bob@x.org', email: 'bob@x.org', logins: ['shared'] },
    { id: 'bob@y.org', email: 'bob@y.org', logins: ['shared'] },
  ];

  it('matches by login (case-insensitive, domain stripped), e-mail local part, host map and host login', () => {
    const r = matchLicenseUsers(
      [
        { user: 'CORP\\jdoe', host: 'PC-0001' },
        { user: 'AMartin', host: 'PC-0107' },
        { user: '1', host: 'GM-007028' },
        { user: 'build', host: 'pc-0042' },
      ],
      roster,
      { 'gm-007028': 'AMartin@x.org' },
    );
    expect(r.matched.map((m) => [m.user, m.personId, m.via])).toEqual([
      ['CORP\\jdoe', 'jane.doe@x.org', 'login'],
      ['AMartin', 'amartin@x.org', 'email'],
      ['1', 'amartin@x.org', 'host-map'],
      ['build', 'jane.doe@x.org', 'host'],
    ]);
    expect(r.personIds).toEqual(['jane.doe@x.org', 'amartin@x.org']);
    expect(r.unmatched).toEqual([]);
  });

  it('returns unknown and ambiguous users unmatched, each user@host once', () => {
    const r = matchLicenseUsers(
      [
        { user: 'ghost', host: 'PC-9' },
        { user: 'GHOST', host: 'pc-9' },
        { user: 'shared', host: 'PC-7' },
        { user: 'bob', host: 'PC-8' },
      ],
      roster,
      { 'pc-9': 'not-in-roster@x.org' },
    );
    expect(r.matched).toEqual([]);
    expect(r.unmatched).toEqual([
      { user: 'ghost', host: 'PC-9' },
      { user: 'shared', host: 'PC-7', candidates: ['bob@x.org', 'bob@y.org'] },
      { user: 'bob', host: 'PC-8', candidates: ['bob@x.org', 'bob@y.org'] },
    ]);
  });

  it('normalises logins', () => {
    expect(normaliseLogin('  CORP\\JDoe ')).toBe('jdoe');
    expect(normaliseLogin('jdoe')).toBe('jdoe');
  });
});

describe('checkoutsSince and isMigrationComplete', () => {
  it('collects distinct users from the polls since a time', () => {
    const history: LicenseServerPoll[] = [
      { at: 1, status: 'up', inUse: 1, features: [{ name: 'A', inUse: 1, users: [{ user: 'old', host: 'h' }] }] },
      {
        at: 5,
        status: 'up',
        inUse: 2,
        features: [
          { name: 'A', inUse: 1, users: [{ user: 'jdoe', host: 'PC-1' }] },
          { name: 'B', inUse: 1, users: [{ user: 'JDOE', host: 'pc-1' }] },
        ],
      },
    ];
    expect(checkoutsSince(history, 2)).toEqual([{ user: 'jdoe', host: 'PC-1' }]);
  });

  it('is complete only when every registered server is decommissioned', () => {
    expect(isMigrationComplete([])).toBe(false);
    expect(isMigrationComplete([{ decommissionedAt: 5 }, {}])).toBe(false);
    expect(isMigrationComplete([{ decommissionedAt: 5 }, { decommissionedAt: 9 }])).toBe(true);
  });
});
