// The daily poll summaries, wired: each recorded poll lands in its day, and the step-5 check reads them, so a
// 90-day window is proven after the kept poll history has been cut short.
import { describe, expect, it } from 'vitest';
import type { LicenseServerPoll } from '../../src/domain/license-server.ts';
import { assessServer } from '../../src/server-watch/check-readiness.ts';
import { POLL_DAYS_DOC, readPollDays } from '../../src/server-watch/poll-days-store.ts';
import { recordPoll } from '../../src/server-watch/record-poll.ts';
import { lazyRoster } from '../../src/server-watch/roster.ts';
import { POLL_HISTORY } from '../../src/server-watch/server-record.ts';
import { makeWorld, utc } from '../schedule/helpers.ts';

const T = utc('2026-12-01T09:00:00Z');
const DAY = 86_400_000;
const server = { id: 'lic01', address: '27000@lic01.acme.example' };

describe('daily poll summaries in the step-5 check', () => {
  it('prove a 90-day quiet window once the raw history no longer reaches back that far', async () => {
    const w = makeWorld({
      now: T,
      env: { LICENSE_SERVERS: JSON.stringify([server]), QUIET_WINDOW_DAYS: '90', MIN_QUIET_POLLS: '20' },
    });
    const roster = lazyRoster(w.store);
    const quiet = (at: number): LicenseServerPoll => ({ at, status: 'up', inUse: 0, features: [] });
    for (let at = T - 91 * DAY; at <= T; at += DAY / 2)
      await recordPoll(w.ctx, server, quiet(at), { source: 'poll', roster });
    expect(await readPollDays(w.store, 'lic01')).toHaveLength(92);

    // Cut the kept polls to the last 20 (ten days), as 2,000 polls every 15 minutes would be after ~21 days.
    await w.store.pushHistory(POLL_HISTORY, 'lic01', quiet(T), 20);
    expect(await w.store.readHistory(POLL_HISTORY, 'lic01', 100)).toHaveLength(20);
    expect((await assessServer(w.ctx, server, T, roster)).readiness).toMatchObject({ ready: true, reasons: [] });

    await w.store.deleteDoc(POLL_DAYS_DOC, 'lic01');
    const without = (await assessServer(w.ctx, server, T, roster)).readiness;
    expect(without.reasons.map((r) => r.code)).toEqual(['WINDOW_NOT_COVERED']);
  });
});
