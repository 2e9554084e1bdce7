// The status book in Redis: one hash of statuses per campaign, counters moved by Lua on every write, so progress is
// a single HGETALL and two replicas can never both claim the same recipient.
import { readFileSync } from 'node:fs';
import type { Platform } from '../../ports/chat-channel.ts';
import type { RecipientStatus } from '../../ports/delivery.ts';
import type { BookEntry, CampaignCounts, Claim, Gate, StatusBook } from '../status-book.ts';
import type { ChainableCommander } from 'ioredis';
import { NotReplicatedError, writeToReplicas, type RedisClient } from '../../store/redis-connection.ts';
import { deliveryKeys } from './keys.ts';

const lua = (name: string) => readFileSync(new URL(`./${name}.lua`, import.meta.url), 'utf8');
const PRELUDE = lua('book-prelude');
const SCRIPTS = {
  numbotBookRegister: { keys: 7, file: 'register' },
  numbotBookClaim: { keys: 5, file: 'claim' },
  numbotBookSettle: { keys: 4, file: 'settle' },
  numbotBookCancel: { keys: 3, file: 'cancel' },
  numbotBookThrottle: { keys: 2, file: 'throttle' },
  numbotBookGate: { keys: 2, file: 'gate' },
  numbotBookEffectsDone: { keys: 1, file: 'effects-done' },
} as const;
type Scripted = RedisClient & Record<keyof typeof SCRIPTS, (...args: (string | number)[]) => Promise<unknown>>;

/** Lua arguments per register call: keeps each script run short so Redis stays responsive. */
const REGISTER_BATCH = 500;
const SCAN_COUNT = 1000;

/** Stored with a settled status: its effects still have to be applied (see Claim). */
interface StoredStatus {
  fx?: 1;
}

function parseStatus(json: string): { status: RecipientStatus; effectsPending: boolean } {
  const { fx, ...status } = JSON.parse(json) as RecipientStatus & StoredStatus;
  return { status: status as RecipientStatus, effectsPending: fx === 1 };
}

/**
 * With replicas to wait for (Cluster, Sentinel: REDIS_WAIT_REPLICAS), a send starts only once its claim is on them and
 * a `sent` counts only once it is on them: a failover then loses at most the sends in flight, never a whole stretch
 * of sends a lagging replica had not received. While no replica confirms, claims answer `busy` and sends wait.
 */
export interface BookDurability {
  waitReplicas: number;
  waitTimeoutMs: number;
}

export function createRedisStatusBook(
  redis: RedisClient,
  migrationId: string,
  durability: BookDurability = { waitReplicas: 0, waitTimeoutMs: 0 },
): StatusBook {
  const k = deliveryKeys(migrationId);
  type Piped = ChainableCommander & Record<keyof typeof SCRIPTS, (...args: (string | number)[]) => ChainableCommander>;
  /** A script run whose outcome must be on the replicas first (claims and sent statuses). */
  const durably = (name: keyof typeof SCRIPTS, args: (string | number)[]) =>
    durability.waitReplicas > 0
      ? writeToReplicas(redis, durability.waitReplicas, durability.waitTimeoutMs, (p) => (p as Piped)[name](...args))
      : r[name](...args);
  for (const [name, s] of Object.entries(SCRIPTS)) {
    if (!(name in redis)) redis.defineCommand(name, { numberOfKeys: s.keys, lua: `${PRELUDE}\n${lua(s.file)}` });
  }
  const r = redis as Scripted;
  const metaKeys = (id: string) => [k.campaign(id), k.status(id), k.claims(id)];

  const entriesOf = async (campaignId: string, keys: string[]): Promise<BookEntry[]> => {
    if (keys.length === 0) return [];
    const raws = await redis.hmget(k.jobs(campaignId), ...keys);
    return raws.filter((x): x is string => typeof x === 'string').map((x) => JSON.parse(x) as BookEntry);
  };

  /** Scans a campaign's statuses, handing each page's keys with their status name and effects flag to `visit`. */
  const scanStatuses = async (campaignId: string, visit: (page: [string, string, boolean][]) => Promise<void>) => {
    let cursor = '0';
    do {
      const [next, flat] = await redis.hscan(k.status(campaignId), cursor, 'COUNT', SCAN_COUNT);
      const page: [string, string, boolean][] = [];
      for (let i = 0; i < flat.length; i += 2) {
        const { status, effectsPending } = parseStatus(flat[i + 1]!);
        page.push([flat[i]!, status.status, effectsPending]);
      }
      if (page.length) await visit(page);
      cursor = next;
    } while (cursor !== '0');
  };

  return {
    async register(campaignId, entries, now) {
      const fresh: typeof entries = [];
      for (let i = 0; i < entries.length; i += REGISTER_BATCH) {
        const batch = entries.slice(i, i + REGISTER_BATCH);
        const args: string[] = [k.prefix, campaignId, String(now), String(batch.length)];
        for (const e of batch) args.push(e.entry.job.key, JSON.stringify(e.entry), JSON.stringify(e.initial));
        const keys = [
          k.registry,
          ...metaKeys(campaignId).slice(0, 2),
          k.jobs(campaignId),
          k.claims(campaignId),
          k.campaigns,
          k.active,
        ];
        const idx = (await r.numbotBookRegister(...keys, ...args)) as number[];
        for (const n of idx) fresh.push(batch[n - 1]!);
      }
      return { fresh, duplicates: entries.length - fresh.length };
    },

    async claim(campaignId, key, token, platform: Platform, now, ttlMs, paceMs = 0): Promise<Claim> {
      const keys = [...metaKeys(campaignId), k.throttle(platform), k.pace(platform)];
      let reply;
      try {
        reply = await durably('numbotBookClaim', [...keys, key, token, now, ttlMs, paceMs]);
      } catch (err) {
        if (!(err instanceof NotReplicatedError)) throw err;
        // No replica confirms: no send starts (a failover now would forget it was made). The claim, if it was taken,
        // is given back; the job comes back later.
        await this.release(campaignId, key, token);
        return { kind: 'busy', retryInMs: durability.waitTimeoutMs };
      }
      const [kind, value] = reply as [string, string | undefined];
      if (kind === 'go') return { kind: 'go', waitMs: Number(value ?? 0) };
      if (kind === 'settled') return { kind: 'settled', ...parseStatus(value!) };
      return { kind: kind as 'busy' | 'throttled', retryInMs: Number(value) };
    },

    async release(campaignId, key, token) {
      const held = await redis.hget(k.claims(campaignId), key);
      if (held?.startsWith(`${token}|`)) await redis.hdel(k.claims(campaignId), key);
    },

    async settle(campaignId, key, status, options = {}) {
      const settled = status.status === 'sent' || status.status === 'failed' || status.status === 'skipped';
      const stored: RecipientStatus & StoredStatus = options.effectsPending && settled ? { ...status, fx: 1 } : status;
      const args = [
        ...metaKeys(campaignId),
        k.active,
        key,
        JSON.stringify(stored),
        (options.onlyFrom ?? []).join(','),
        campaignId,
      ];
      // A `sent` counts once a replica has it: a failover then resends at most the sends in flight.
      const moved =
        status.status === 'sent' ? await durably('numbotBookSettle', args) : await r.numbotBookSettle(...args);
      return moved === 1;
    },

    async effectsDone(campaignId, key) {
      await r.numbotBookEffectsDone(k.status(campaignId), key);
    },

    async status(campaignId, key) {
      const json = await redis.hget(k.status(campaignId), key);
      return json === null ? undefined : parseStatus(json);
    },

    async throttle(platform, forMs) {
      await r.numbotBookThrottle(k.throttle(platform), k.pace(platform), Math.max(1, Math.ceil(forMs)));
    },

    async gate(platform, windowMs, max): Promise<Gate> {
      const member = `${Date.now()}:${Math.random().toString(36).slice(2)}`;
      const ms = Number(await r.numbotBookGate(k.gate(platform), k.throttle(platform), windowMs, max, member));
      return ms === 0 ? { kind: 'admitted' } : ms < 0 ? { kind: 'throttled', ms: -ms } : { kind: 'wait', ms };
    },

    async throttledFor(platform) {
      return Math.max(0, await redis.pttl(k.throttle(platform)));
    },

    async counts(campaignId): Promise<CampaignCounts | undefined> {
      const h = await redis.hgetall(k.campaign(campaignId));
      if (!h.startedAt) return undefined;
      const n = (f: string) => Number(h[f] ?? 0);
      return {
        total: n('total'),
        queued: n('queued'),
        sent: n('sent'),
        retrying: n('retrying'),
        failed: n('failed'),
        skipped: n('skipped'),
        startedAt: n('startedAt'),
        cancelled: h.cancelled === '1',
      };
    },

    async cancel(campaignId) {
      if (!(await redis.exists(k.campaign(campaignId)))) return [];
      await redis.hset(k.campaign(campaignId), 'cancelled', '1');
      const moved: BookEntry[] = [];
      await scanStatuses(campaignId, async (page) => {
        const live = page.filter(([, s]) => s === 'queued' || s === 'retrying').map(([key]) => key);
        if (live.length === 0) return;
        const keys = (await r.numbotBookCancel(...metaKeys(campaignId), ...live)) as string[];
        moved.push(...(await entriesOf(campaignId, keys)));
      });
      return moved;
    },

    async requeueFailed(campaignId) {
      if ((await redis.hget(k.campaign(campaignId), 'cancelled')) === '1') return [];
      const moved: string[] = [];
      await scanStatuses(campaignId, async (page) => {
        const failed = page.filter(([, s]) => s === 'failed').map(([key]) => key);
        if (failed.length === 0) return;
        const owners = await redis.hmget(k.registry, ...failed);
        for (const [i, key] of failed.entries()) {
          if (owners[i] !== campaignId) continue;
          if (await this.settle(campaignId, key, { status: 'queued' }, { onlyFrom: ['failed'] })) moved.push(key);
        }
      });
      return entriesOf(campaignId, moved);
    },

    async pending(campaignId) {
      const keys: string[] = [];
      await scanStatuses(campaignId, async (page) => {
        for (const [key, s, fx] of page) if (s === 'queued' || s === 'retrying' || fx) keys.push(key);
      });
      return entriesOf(campaignId, keys);
    },

    async results(campaignId, cursor = '0', limit = 500) {
      const [next, flat] = await redis.hscan(k.status(campaignId), cursor, 'COUNT', String(limit));
      const keys: string[] = [];
      const statuses: RecipientStatus[] = [];
      for (let i = 0; i < flat.length; i += 2) {
        keys.push(flat[i]!);
        statuses.push(parseStatus(flat[i + 1]!).status);
      }
      const entries = keys.length ? await redis.hmget(k.jobs(campaignId), ...keys) : [];
      const results = keys.map((key, i) => ({
        key,
        personId: entries[i] ? (JSON.parse(entries[i]) as BookEntry).job.personId : '',
        status: statuses[i]!,
      }));
      return next === '0' ? { results } : { results, next };
    },

    async campaigns() {
      return redis.zrange(k.campaigns, '0', '-1');
    },

    async active() {
      return redis.smembers(k.active);
    },

    async deactivate(campaignId) {
      await redis.srem(k.active, campaignId);
    },

    async close() {},
  };
}
