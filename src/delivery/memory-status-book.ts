// The status book of the embedded (in-process) engine: the same rules as the Redis book, held in maps.
import type { Platform } from '../ports/chat-channel.ts';
import type { RecipientStatus } from '../ports/delivery.ts';
import type { BookEntry, CampaignCounts, Claim, Gate, SettleOptions, StatusBook, StatusName } from './status-book.ts';

interface Row {
  entry: BookEntry;
  status: RecipientStatus;
  effectsPending: boolean;
  claim?: { token: string; until: number };
}

interface Campaign {
  counts: CampaignCounts;
  rows: Map<string, Row>;
}

const LIVE: StatusName[] = ['queued', 'retrying', 'sent'];
const SETTLED: StatusName[] = ['sent', 'failed', 'skipped'];

export function createMemoryStatusBook(): StatusBook {
  const campaigns = new Map<string, Campaign>();
  /** key -> owning campaign id. */
  const registry = new Map<string, string>();
  const active = new Set<string>();
  const throttledUntil = new Map<Platform, number>();
  /** Next free send slot per platform (paced claims). */
  const nextSlot = new Map<Platform, number>();
  /** Admission times per platform (gate). */
  const admitted = new Map<Platform, number[]>();

  const move = (c: Campaign, row: Row, status: RecipientStatus) => {
    c.counts[row.status.status] -= 1;
    c.counts[status.status] += 1;
    row.status = status;
    row.effectsPending = false;
    delete row.claim;
  };

  return {
    async register(campaignId, entries, now) {
      let c = campaigns.get(campaignId);
      if (!c) {
        c = {
          counts: {
            total: 0,
            queued: 0,
            sent: 0,
            retrying: 0,
            failed: 0,
            skipped: 0,
            startedAt: now,
            cancelled: false,
          },
          rows: new Map(),
        };
        campaigns.set(campaignId, c);
      }
      const fresh: typeof entries = [];
      let duplicates = 0;
      for (const e of entries) {
        const key = e.entry.job.key;
        const own = c.rows.get(key);
        const owner = registry.get(key);
        const ownerRow = owner === undefined ? undefined : campaigns.get(owner)?.rows.get(key);
        if (ownerRow && LIVE.includes(ownerRow.status.status)) {
          duplicates += 1;
          continue;
        }
        if (own) c.counts[own.status.status] -= 1;
        else c.counts.total += 1;
        c.rows.set(key, { entry: e.entry, status: e.initial, effectsPending: false });
        c.counts[e.initial.status] += 1;
        registry.set(key, campaignId);
        fresh.push(e);
      }
      active.add(campaignId);
      return { fresh, duplicates };
    },

    async claim(campaignId, key, token, platform, now, ttlMs, paceMs = 0): Promise<Claim> {
      const c = campaigns.get(campaignId);
      const row = c?.rows.get(key);
      if (!c || !row)
        return { kind: 'settled', status: { status: 'skipped', reason: 'cancelled' }, effectsPending: false };
      const s = row.status.status;
      if (SETTLED.includes(s)) return { kind: 'settled', status: row.status, effectsPending: row.effectsPending };
      if (c.counts.cancelled) {
        move(c, row, { status: 'skipped', reason: 'cancelled' });
        return { kind: 'settled', status: row.status, effectsPending: false };
      }
      if (row.claim && row.claim.token !== token && row.claim.until > now)
        return { kind: 'busy', retryInMs: row.claim.until - now };
      const until = throttledUntil.get(platform) ?? 0;
      if (until > now) return { kind: 'throttled', retryInMs: until - now };
      row.claim = { token, until: now + ttlMs };
      if (paceMs <= 0) return { kind: 'go', waitMs: 0 };
      const slot = Math.max(now, nextSlot.get(platform) ?? 0);
      nextSlot.set(platform, slot + paceMs);
      return { kind: 'go', waitMs: slot - now };
    },

    async release(campaignId, key, token) {
      const row = campaigns.get(campaignId)?.rows.get(key);
      if (row?.claim?.token === token) delete row.claim;
    },

    async settle(campaignId, key, status, options: SettleOptions = {}) {
      const c = campaigns.get(campaignId);
      const row = c?.rows.get(key);
      if (!c || !row) return false;
      if (row.status.status === 'sent') return false;
      if (options.onlyFrom && !options.onlyFrom.includes(row.status.status)) return false;
      move(c, row, status);
      row.effectsPending = options.effectsPending === true && SETTLED.includes(status.status);
      if (status.status === 'queued' || status.status === 'retrying') active.add(campaignId);
      return true;
    },

    async effectsDone(campaignId, key) {
      const row = campaigns.get(campaignId)?.rows.get(key);
      if (row) row.effectsPending = false;
    },

    async status(campaignId, key) {
      const row = campaigns.get(campaignId)?.rows.get(key);
      return row ? { status: row.status, effectsPending: row.effectsPending } : undefined;
    },

    async throttle(platform, forMs, now) {
      const until = now + forMs;
      if ((throttledUntil.get(platform) ?? 0) < until) throttledUntil.set(platform, until);
      if ((nextSlot.get(platform) ?? 0) < until) nextSlot.set(platform, until);
    },

    async gate(platform, windowMs, max, now): Promise<Gate> {
      const throttled = (throttledUntil.get(platform) ?? 0) - now;
      if (throttled > 0) return { kind: 'throttled', ms: throttled };
      const list = admitted.get(platform) ?? [];
      while (list.length && list[0]! <= now - windowMs) list.shift();
      admitted.set(platform, list);
      if (list.length < max) {
        list.push(now);
        return { kind: 'admitted' };
      }
      return { kind: 'wait', ms: Math.max(1, list[0]! + windowMs - now) };
    },

    async throttledFor(platform, now) {
      return Math.max(0, (throttledUntil.get(platform) ?? 0) - now);
    },

    async counts(campaignId) {
      const c = campaigns.get(campaignId);
      return c ? { ...c.counts } : undefined;
    },

    async cancel(campaignId) {
      const c = campaigns.get(campaignId);
      if (!c) return [];
      c.counts.cancelled = true;
      const moved: BookEntry[] = [];
      for (const row of c.rows.values()) {
        if (row.status.status !== 'queued' && row.status.status !== 'retrying') continue;
        move(c, row, { status: 'skipped', reason: 'cancelled' });
        moved.push(row.entry);
      }
      return moved;
    },

    async requeueFailed(campaignId) {
      const c = campaigns.get(campaignId);
      if (!c || c.counts.cancelled) return [];
      const moved: BookEntry[] = [];
      for (const row of c.rows.values()) {
        if (row.status.status !== 'failed' || registry.get(row.entry.job.key) !== campaignId) continue;
        move(c, row, { status: 'queued' });
        moved.push(row.entry);
      }
      if (moved.length) active.add(campaignId);
      return moved;
    },

    async pending(campaignId) {
      const c = campaigns.get(campaignId);
      if (!c) return [];
      return [...c.rows.values()]
        .filter((r) => r.status.status === 'queued' || r.status.status === 'retrying' || r.effectsPending)
        .map((r) => r.entry);
    },

    async results(campaignId, cursor = '0', limit = 500) {
      const rows = [...(campaigns.get(campaignId)?.rows.values() ?? [])];
      const start = Number(cursor) || 0;
      const page = rows.slice(start, start + limit).map((r) => ({
        key: r.entry.job.key,
        personId: r.entry.job.personId,
        status: r.status,
      }));
      const end = start + limit;
      return end < rows.length ? { results: page, next: String(end) } : { results: page };
    },

    async campaigns() {
      return [...campaigns.entries()].sort((a, b) => a[1].counts.startedAt - b[1].counts.startedAt).map(([id]) => id);
    },

    async active() {
      return [...active];
    },

    async deactivate(campaignId) {
      active.delete(campaignId);
    },

    async close() {},
  };
}
