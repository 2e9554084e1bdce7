// The StatusBook contract: the memory and Redis books must agree on every rule the engines rely on.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryJob, RecipientStatus } from '../../src/ports/delivery.ts';
import type { BookEntry, StatusBook } from '../../src/delivery/status-book.ts';

const job = (n: number, round = 1): DeliveryJob => ({
  key: `step4:p${n}@example.com:${round}`,
  personId: `p${n}@example.com`,
  card: { name: 'inform', data: {} },
});
const queued: RecipientStatus = { status: 'queued' };
const entries = (ns: number[]) =>
  ns.map((n) => ({ entry: { job: job(n), platform: 'teams' } as BookEntry, initial: queued }));

/**
 * `clock`: the clock the book books paced slots on, read from outside (Redis books on its own clock, TIME); without it,
 * the book books on the `now` it is given.
 */
export function runStatusBookContract(
  name: string,
  make: () => Promise<{ book: StatusBook; close(): Promise<void>; clock?: () => Promise<number> }>,
): void {
  describe(`StatusBook contract: ${name}`, () => {
    let book: StatusBook;
    let close: () => Promise<void>;
    let clock: (() => Promise<number>) | undefined;
    beforeEach(async () => {
      ({ book, close, clock } = await make());
    });
    afterEach(async () => close());

    it('registers new keys as queued and counts them; a key already queued is a duplicate in any campaign', async () => {
      const first = await book.register('c1', entries([1, 2, 3]), 1000);
      expect(first.fresh).toHaveLength(3);
      expect(first.duplicates).toBe(0);
      const again = await book.register('c2', entries([2, 3, 4]), 2000);
      expect(again.fresh.map((f) => f.entry.job.personId)).toEqual(['p4@example.com']);
      expect(again.duplicates).toBe(2);
      expect(await book.counts('c1')).toMatchObject({
        total: 3,
        queued: 3,
        sent: 0,
        startedAt: 1000,
        cancelled: false,
      });
      expect(await book.counts('c2')).toMatchObject({ total: 1, queued: 1 });
      expect(await book.campaigns()).toEqual(['c1', 'c2']);
      expect(await book.counts('nope')).toBeUndefined();
    });

    it('lets one worker claim a recipient; another worker is told to come back when the claim expires', async () => {
      await book.register('c1', entries([1]), 1000);
      const key = job(1).key;
      expect(await book.claim('c1', key, 'w1', 'teams', 1000, 5000)).toEqual({ kind: 'go', waitMs: 0 });
      expect(await book.claim('c1', key, 'w2', 'teams', 2000, 5000)).toEqual({ kind: 'busy', retryInMs: 4000 });
      expect(await book.claim('c1', key, 'w2', 'teams', 6001, 5000)).toEqual({ kind: 'go', waitMs: 0 });
      await book.release('c1', key, 'w2');
      expect(await book.claim('c1', key, 'w3', 'teams', 6002, 5000)).toEqual({ kind: 'go', waitMs: 0 });
    });

    it('never moves a sent recipient and never lets it be claimed again', async () => {
      await book.register('c1', entries([1]), 1000);
      const key = job(1).key;
      await book.claim('c1', key, 'w1', 'teams', 1000, 5000);
      expect(await book.settle('c1', key, { status: 'sent', at: 1500 })).toBe(true);
      expect(await book.settle('c1', key, { status: 'failed', reason: 'late' })).toBe(false);
      expect(await book.settle('c1', key, { status: 'sent', at: 1600 })).toBe(false);
      expect(await book.claim('c1', key, 'w2', 'teams', 2000, 5000)).toEqual({
        kind: 'settled',
        status: { status: 'sent', at: 1500 },
        effectsPending: false,
      });
      expect(await book.counts('c1')).toMatchObject({ total: 1, queued: 0, sent: 1 });
      const dup = await book.register('c2', entries([1]), 3000);
      expect(dup.duplicates).toBe(1);
    });

    it('remembers that a sent recipient still has its events to apply until told they are done', async () => {
      await book.register('c1', entries([1]), 1000);
      const key = job(1).key;
      await book.settle('c1', key, { status: 'sent', at: 1500 }, { effectsPending: true });
      expect(await book.claim('c1', key, 'w2', 'teams', 2000, 5000)).toMatchObject({
        kind: 'settled',
        effectsPending: true,
      });
      await book.effectsDone('c1', key);
      expect(await book.claim('c1', key, 'w2', 'teams', 2000, 5000)).toMatchObject({
        kind: 'settled',
        effectsPending: false,
      });
      expect(await book.counts('c1')).toMatchObject({ sent: 1, queued: 0 });
    });

    it('remembers that a failed or skipped recipient still has its effects to apply, without touching the counters', async () => {
      await book.register('c1', entries([1, 2, 3]), 1000);
      const [k1, k2, k3] = [job(1).key, job(2).key, job(3).key];
      const live = { onlyFrom: ['queued' as const, 'retrying' as const], effectsPending: true };
      expect(await book.settle('c1', k1, { status: 'failed', reason: 'HTTP 503' }, live)).toBe(true);
      expect(await book.settle('c1', k2, { status: 'skipped', reason: 'blocked' }, live)).toBe(true);
      expect(await book.settle('c1', k3, { status: 'skipped', reason: 'not_found' })).toBe(true);
      expect(await book.claim('c1', k1, 'w2', 'teams', 2000, 5000)).toEqual({
        kind: 'settled',
        status: { status: 'failed', reason: 'HTTP 503' },
        effectsPending: true,
      });
      expect(await book.claim('c1', k2, 'w2', 'teams', 2000, 5000)).toEqual({
        kind: 'settled',
        status: { status: 'skipped', reason: 'blocked' },
        effectsPending: true,
      });
      // A give-up arriving again (the job failing for good) does not move it.
      expect(await book.settle('c1', k2, { status: 'failed', reason: 'internal error' }, live)).toBe(false);
      await book.effectsDone('c1', k2);
      expect(await book.claim('c1', k2, 'w3', 'teams', 3000, 5000)).toEqual({
        kind: 'settled',
        status: { status: 'skipped', reason: 'blocked' },
        effectsPending: false,
      });
      expect(await book.claim('c1', k1, 'w3', 'teams', 3000, 5000)).toMatchObject({
        kind: 'settled',
        effectsPending: true,
      });
      expect(await book.status('c1', k1)).toEqual({
        status: { status: 'failed', reason: 'HTTP 503' },
        effectsPending: true,
      });
      expect(await book.status('c1', k3)).toEqual({
        status: { status: 'skipped', reason: 'not_found' },
        effectsPending: false,
      });
      expect(await book.status('c1', 'nope')).toBeUndefined();
      // Pending effects bring the recipient back after a crash; the results show the plain status.
      expect(await book.pending('c1')).toEqual([expect.objectContaining({ job: job(1) })]);
      expect((await book.results('c1')).results.find((r) => r.key === k1)?.status).toEqual({
        status: 'failed',
        reason: 'HTTP 503',
      });
      expect(await book.counts('c1')).toMatchObject({ total: 3, queued: 0, failed: 1, skipped: 2, sent: 0 });

      // A resend starts the recipient over: the flag goes with the status it belonged to.
      expect((await book.requeueFailed('c1')).map((e) => e.job.key)).toEqual([k1]);
      expect(await book.status('c1', k1)).toEqual({ status: { status: 'queued' }, effectsPending: false });
      await book.settle('c1', k1, { status: 'retrying', attempts: 1, reason: 'x' }, { effectsPending: true });
      expect(await book.status('c1', k1)).toMatchObject({ effectsPending: false });
      expect(await book.counts('c1')).toMatchObject({ total: 3, retrying: 1, failed: 0, skipped: 2 });
    });

    it('moves counters with every status change', async () => {
      await book.register('c1', entries([1, 2, 3, 4]), 1000);
      await book.settle('c1', job(1).key, { status: 'retrying', attempts: 1, reason: 'HTTP 502' });
      await book.settle('c1', job(2).key, { status: 'skipped', reason: 'blocked' });
      await book.settle('c1', job(3).key, { status: 'failed', reason: 'invalid' });
      expect(await book.counts('c1')).toMatchObject({
        total: 4,
        queued: 1,
        retrying: 1,
        skipped: 1,
        failed: 1,
        sent: 0,
      });
      await book.settle('c1', job(1).key, { status: 'sent', at: 2 });
      expect(await book.counts('c1')).toMatchObject({ queued: 1, retrying: 0, sent: 1 });
      const { results } = await book.results('c1');
      expect(results.find((r) => r.personId === 'p2@example.com')?.status).toEqual({
        status: 'skipped',
        reason: 'blocked',
      });
      expect(results).toHaveLength(4);
    });

    it('says a platform is throttled to every claimer until the pause ends, keeping the longer pause', async () => {
      await book.register('c1', entries([1]), 1000);
      const now = Date.now();
      await book.throttle('teams', 60_000, now);
      await book.throttle('teams', 10, now);
      const c = await book.claim('c1', job(1).key, 'w1', 'teams', now, 5000);
      expect(c.kind).toBe('throttled');
      if (c.kind === 'throttled') expect(c.retryInMs).toBeGreaterThan(30_000);
      expect(await book.claim('c1', job(1).key, 'w1', 'slack', now, 5000)).toEqual({ kind: 'go', waitMs: 0 });
    });

    it('books evenly spaced send slots per platform when pacing, and moves them past a 429 pause', async () => {
      await book.register('c1', entries([1, 2, 3, 4]), 1000);
      const now = Date.now();
      // A slot is `wait` after the book's clock at the claim, which is only known to lie between readings taken just
      // before and just after the call: each slot is known as [earliest, latest], whatever the load on the machine.
      const claims: { before: number; after: number; wait: number }[] = [];
      for (const n of [1, 2, 3]) {
        const before = clock ? await clock() : now;
        const c = await book.claim('c1', job(n).key, `w${n}`, 'slack', now, 5000, 100);
        const after = clock ? await clock() : now;
        if (c.kind !== 'go') throw new Error(c.kind);
        claims.push({ before, after, wait: c.waitMs });
      }
      expect(claims[0]!.wait).toBe(0);
      // Each slot is the later of the claim's time and 100 ms after the previous slot.
      for (const [a, b] of [
        [claims[0]!, claims[1]!],
        [claims[1]!, claims[2]!],
      ] as const) {
        const slotA = { earliest: a.before + a.wait, latest: a.after + a.wait };
        const slotB = { earliest: b.before + b.wait, latest: b.after + b.wait };
        expect(slotB.latest - slotA.earliest).toBeGreaterThanOrEqual(100);
        expect(slotB.earliest).toBeLessThanOrEqual(Math.max(b.after, slotA.latest + 100));
        if (b.after < slotA.earliest + 100) expect(b.wait).toBeGreaterThan(0);
      }
      expect(await book.throttledFor('slack', Date.now())).toBe(0);
      await book.throttle('slack', 2000, Date.now());
      expect(await book.throttledFor('slack', Date.now())).toBeGreaterThan(1000);
      expect((await book.claim('c1', job(4).key, 'w4', 'slack', Date.now(), 5000, 100)).kind).toBe('throttled');
    });

    it('cancels queued and retrying recipients and skips later claims; a send already in flight still lands as sent', async () => {
      await book.register('c1', entries([1, 2, 3]), 1000);
      await book.claim('c1', job(1).key, 'w1', 'teams', 1000, 5000);
      await book.settle('c1', job(2).key, { status: 'retrying', attempts: 1, reason: 'timeout' });
      const moved = await book.cancel('c1', 2000);
      expect(moved.map((e) => e.job.personId).sort()).toEqual(['p1@example.com', 'p2@example.com', 'p3@example.com']);
      expect(await book.claim('c1', job(3).key, 'w2', 'teams', 2000, 5000)).toMatchObject({
        kind: 'settled',
        status: { status: 'skipped', reason: 'cancelled' },
      });
      expect(await book.settle('c1', job(1).key, { status: 'sent', at: 2100 })).toBe(true);
      expect(
        await book.settle(
          'c1',
          job(2).key,
          { status: 'retrying', attempts: 2, reason: 'x' },
          { onlyFrom: ['queued', 'retrying'] },
        ),
      ).toBe(false);
      expect(await book.counts('c1')).toMatchObject({
        total: 3,
        queued: 0,
        retrying: 0,
        skipped: 2,
        sent: 1,
        cancelled: true,
      });
      expect(await book.requeueFailed('c1')).toEqual([]);
    });

    it('re-queues failed recipients on resend and lets a later campaign take a failed or skipped key', async () => {
      await book.register('c1', entries([1, 2, 3]), 1000);
      await book.settle('c1', job(1).key, { status: 'failed', reason: 'HTTP 500' });
      await book.settle('c1', job(2).key, { status: 'skipped', reason: 'blocked' });
      await book.deactivate('c1');
      expect(await book.active()).not.toContain('c1');
      const again = await book.requeueFailed('c1');
      expect(again.map((e) => e.job.key)).toEqual([job(1).key]);
      expect(await book.active()).toContain('c1');
      expect(await book.counts('c1')).toMatchObject({ queued: 2, failed: 0, skipped: 1 });
      const pending = await book.pending('c1');
      expect(pending.map((e) => e.job.key).sort()).toEqual([job(1).key, job(3).key].sort());

      const taken = await book.register('c2', entries([2]), 2000);
      expect(taken.fresh).toHaveLength(1);
      expect(await book.counts('c2')).toMatchObject({ total: 1, queued: 1 });
      expect(await book.counts('c1')).toMatchObject({ total: 3, skipped: 1 });
      await book.settle('c2', job(2).key, { status: 'failed', reason: 'x' });
      const back = await book.register('c1', entries([2]), 3000);
      expect(back.fresh).toHaveLength(1);
      expect(await book.counts('c1')).toMatchObject({ total: 3, queued: 3, skipped: 0 });
    });

    it('only re-queues the failed keys a campaign still owns', async () => {
      await book.register('c1', entries([1]), 1000);
      await book.settle('c1', job(1).key, { status: 'failed', reason: 'x' });
      await book.register('c2', entries([1]), 2000);
      expect(await book.requeueFailed('c1')).toEqual([]);
    });

    it('pages through results', async () => {
      await book.register('c1', entries(Array.from({ length: 30 }, (_, i) => i)), 1000);
      const seen = new Set<string>();
      let cursor: string | undefined;
      do {
        const page = await book.results('c1', cursor, 7);
        for (const r of page.results) seen.add(r.key);
        cursor = page.next;
      } while (cursor);
      expect(seen.size).toBe(30);
    });
  });
}
