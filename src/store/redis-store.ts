// The production store: Redis, with every person change applied atomically by one Lua script.
import { readFileSync } from 'node:fs';
import type { ChainableCommander } from 'ioredis';
import type { RedisSettings } from '../config.ts';
import type { Actor, Person } from '../domain/types.ts';
import { effectsOf } from './apply-write.ts';
import { wholeInstants } from './due-page.ts';
import { migrationKeys } from './keys.ts';
import { decodePerson, encodePerson, shortKey } from './person-codec.ts';
import {
  asRedisSettings,
  connectRedis,
  writeToReplicas,
  type PipelineWrite,
  type RedisClient,
} from './redis-connection.ts';
import type { AuditEntry, MigrationStore, Page, PersonWrite, WriteOutcome } from './store.ts';

const WRITE_SCRIPT = readFileSync(new URL('./write-people.lua', import.meta.url), 'utf8');
/** KEYS[1] a docs hash; ARGV id, expected JSON, next JSON. 1 when replaced, 0 when the doc changed or is gone. */
const CAS_DOC_SCRIPT = `if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1`;
/** SCARD of every key given, in order. */
const COUNT_SCRIPT = 'local out = {} for i = 1, #KEYS do out[i] = redis.call("SCARD", KEYS[i]) end return out';
/** Keys per counting call: one round trip for an import batch, bounded for Lua. */
const COUNT_CHUNK = 2000;
/** Audit entries kept (approximately): enough for a whole migration of 100k people and its follow-up. */
const AUDIT_MAX_LEN = 2_000_000;

type WithWriteScript = RedisClient & {
  numbotWritePeople(numKeys: number, ...args: (string | number)[]): Promise<string[]>;
  numbotCasDoc(key: string, id: string, expected: string, next: string): Promise<number>;
  numbotCountIndexes(numKeys: number, ...keys: string[]): Promise<number[]>;
};

const decode = (s: string | null | undefined): Person | undefined => (s ? decodePerson(s) : undefined);

export interface RedisStoreOptions {
  /**
   * An existing client to share (the caller closes it), or where to connect (closed by close()): a URL or the
   * settings of any topology (one server, Cluster, Sentinel).
   */
  redis: RedisClient | RedisSettings | string;
  migrationId: string;
  /**
   * Replicas a write must reach before it is acknowledged (Redis WAIT), and how long to wait for them; defaults to the
   * settings' (0 = no wait). Writes that wait: people (writePeople), docs, and scheduler leases.
   */
  waitReplicas?: number;
  waitTimeoutMs?: number;
  /** Errors of a connection this store opens (rate-limit them: see rateLimitedErrors). */
  onConnectionError?: (err: Error) => void;
}

function clientOf(
  redis: RedisStoreOptions['redis'],
  onError?: (err: Error) => void,
): { client: RedisClient; owned: boolean } {
  if (typeof redis === 'string' || 'topology' in redis)
    return { client: connectRedis(asRedisSettings(redis), 'store', onError), owned: true };
  return { client: redis, owned: false };
}

export function createRedisStore(opts: RedisStoreOptions): MigrationStore {
  const { client: redis, owned } = clientOf(opts.redis, opts.onConnectionError);
  const settings = typeof opts.redis === 'object' && 'topology' in opts.redis ? opts.redis : undefined;
  const waitReplicas = opts.waitReplicas ?? settings?.waitReplicas ?? 0;
  const waitTimeoutMs = opts.waitTimeoutMs ?? settings?.waitTimeoutMs ?? 1000;
  redis.defineCommand('numbotWritePeople', { lua: WRITE_SCRIPT });
  redis.defineCommand('numbotCasDoc', { numberOfKeys: 1, lua: CAS_DOC_SCRIPT });
  redis.defineCommand('numbotCountIndexes', { lua: COUNT_SCRIPT });
  const scripted = redis as WithWriteScript;
  const k = migrationKeys(opts.migrationId);
  /** An acknowledged write must be on the replicas before its caller tells anyone it is done (see waitReplicas). */
  const durably = (write: PipelineWrite) => writeToReplicas(redis, waitReplicas, waitTimeoutMs, write);
  type Scripts = ChainableCommander & {
    numbotWritePeople(numKeys: number, ...args: (string | number)[]): ChainableCommander;
    numbotCasDoc(key: string, id: string, expected: string, next: string): ChainableCommander;
  };
  /** Index sets and the due set hold short keys; the people hash maps them back to ids. */
  const idsOf = async (keys: string[]): Promise<string[]> => {
    if (keys.length === 0) return [];
    const raws = await redis.hmget(k.people, ...keys);
    return raws.map((r, i) => (r ? decodePerson(r).id : keys[i]!));
  };

  return {
    migrationId: opts.migrationId,
    kind: 'redis',
    async getPerson(id) {
      return decode(await redis.hget(k.people, shortKey(id)));
    },
    async getPeople(ids) {
      if (ids.length === 0) return [];
      return (await redis.hmget(k.people, ...ids.map(shortKey))).map(decode);
    },
    async writePeople(writes: PersonWrite[], actor: Actor, now: number): Promise<WriteOutcome> {
      if (writes.length === 0) return { conflicts: [] };
      const { perWrite, counters } = effectsOf(writes);
      const keys = [k.people, k.counters, k.audit, k.due];
      const pos = new Map<string, number>();
      const keyPos = (name: string) => {
        let p = pos.get(name);
        if (p === undefined) {
          keys.push(k.index(name));
          p = keys.length;
          pos.set(name, p);
        }
        return p;
      };
      const args: (string | number)[] = [now, actor.id, actor.source, writes.length, AUDIT_MAX_LEN];
      writes.forEach((w, i) => {
        const fx = perWrite[i]!;
        const due = w.dueAt === null ? 'del' : w.dueAt === undefined ? '' : w.dueAt;
        args.push(
          shortKey(w.after.id),
          w.after.id,
          w.expectedVersion,
          encodePerson(w.after),
          w.action,
          w.detail ?? '',
          due,
        );
        args.push(w.keep ? keyPos(w.keep.index) : 0, w.keep?.atLeast ?? 0);
        args.push(fx.removed.length, ...fx.removed.map(keyPos), fx.added.length, ...fx.added.map(keyPos));
      });
      args.push(counters.size);
      for (const [field, delta] of counters) args.push(field, delta);
      // The script answers {} when it wrote the batch: with replicas to wait for, that is once they have it.
      const [outcome, ...ids] =
        waitReplicas > 0
          ? ((await durably((p) => (p as Scripts).numbotWritePeople(keys.length, ...keys, ...args))) as string[])
          : await scripted.numbotWritePeople(keys.length, ...keys, ...args);
      if (outcome === 'refused') return { conflicts: [], refused: ids };
      return { conflicts: outcome === 'conflict' ? ids : [] };
    },
    async scanPeople(cursor = '0', count = 500) {
      const [next, flat] = await redis.hscan(k.people, cursor, 'COUNT', count);
      const people = flat.filter((_, i) => i % 2 === 1).map(decodePerson);
      return next === '0' ? { people } : { people, next };
    },
    async listIndex(index: string, cursor = '0', limit = 100): Promise<Page> {
      const ids = new Set<string>();
      let cur = cursor;
      // SSCAN's COUNT is a hint: keep scanning until the page is full or the scan ends.
      do {
        const [nextCur, batch] = await redis.sscan(k.index(index), cur, 'COUNT', Math.max(limit - ids.size, 10));
        for (const id of batch) ids.add(id);
        cur = nextCur;
      } while (cur !== '0' && ids.size < limit);
      const resolved = await idsOf([...ids]);
      return cur === '0' ? { ids: resolved } : { ids: resolved, next: cur };
    },
    async countIndex(index) {
      return redis.scard(k.index(index));
    },
    async countIndexes(indexes) {
      const out: number[] = [];
      for (let i = 0; i < indexes.length; i += COUNT_CHUNK) {
        const keys = indexes.slice(i, i + COUNT_CHUNK).map((index) => k.index(index));
        out.push(...(await scripted.numbotCountIndexes(keys.length, ...keys)));
      }
      return out;
    },
    async counters() {
      const raw = await redis.hgetall(k.counters);
      return Object.fromEntries(Object.entries(raw).map(([f, v]) => [f, Number(v)]));
    },
    async due(now, limit) {
      const flat = await redis.zrangebyscore(k.due, '-inf', now, 'WITHSCORES', 'LIMIT', 0, limit);
      const out: { id: string; at: number }[] = [];
      const ids = await idsOf(flat.filter((_, i) => i % 2 === 0));
      for (let i = 0; i < flat.length; i += 2) out.push({ id: ids[i / 2]!, at: Number(flat[i + 1]) });
      return out;
    },
    async duePage(now, after, size) {
      const read = async (min: string, max: number, limit?: number) => {
        const flat =
          limit === undefined
            ? await redis.zrangebyscore(k.due, min, max, 'WITHSCORES')
            : await redis.zrangebyscore(k.due, min, max, 'WITHSCORES', 'LIMIT', 0, limit);
        const rows: { key: string; at: number }[] = [];
        for (let i = 0; i < flat.length; i += 2) rows.push({ key: flat[i]!, at: Number(flat[i + 1]) });
        return rows;
      };
      let rows = await read(after === undefined ? '-inf' : `(${after}`, now, size + 1);
      // One instant fills the page: all of it, however many (people informed in one campaign share due times).
      if (rows.length > size && rows[0]!.at === rows[size]!.at) rows = await read(String(rows[0]!.at), rows[0]!.at);
      else rows = wholeInstants(rows, size, false);
      if (rows.length === 0) return [];
      const raws = await redis.hmget(k.people, ...rows.map((r) => r.key));
      return rows.map((r, i) => {
        const person = decode(raws[i]);
        return person ? { id: person.id, at: r.at, person } : { id: r.key, at: r.at };
      });
    },
    async appendAudit(e) {
      const fields = ['t', e.at, 'a', e.actor, 's', e.source, 'k', e.action];
      if (e.person) fields.push('p', e.person);
      if (e.detail) fields.push('d', e.detail);
      await redis.xadd(k.audit, 'MAXLEN', '~', AUDIT_MAX_LEN, '*', ...fields);
    },
    async readAudit(limit) {
      const rows = await redis.xrevrange(k.audit, '+', '-', 'COUNT', limit);
      return rows.map(([id, fields]) => {
        const f: Record<string, string> = {};
        for (let i = 0; i < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
        const entry: AuditEntry = {
          id,
          at: Number(f.t),
          actor: f.a ?? '',
          source: (f.s ?? 'system') as AuditEntry['source'],
          action: f.k ?? '',
        };
        if (f.p) entry.person = f.p;
        if (f.d) entry.detail = f.d;
        return entry;
      });
    },
    async getDoc<T>(kind: string, id: string) {
      const s = await redis.hget(k.docs(kind), id);
      return s === null ? undefined : (JSON.parse(s) as T);
    },
    async putDoc(kind, id, value) {
      await durably((p) => p.hset(k.docs(kind), id, JSON.stringify(value)));
    },
    async deleteDoc(kind, id) {
      await durably((p) => p.hdel(k.docs(kind), id));
    },
    async listDocs<T>(kind: string) {
      const raw = await redis.hgetall(k.docs(kind));
      return Object.entries(raw)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([id, s]) => ({ id, value: JSON.parse(s) as T }));
    },
    async putDocIfAbsent(kind, id, value) {
      return (await durably((p) => p.hsetnx(k.docs(kind), id, JSON.stringify(value)))) === 1;
    },
    async compareAndSetDoc(kind, id, expected, next) {
      if (expected === undefined) return false; // a gone doc never matches (use putDocIfAbsent to create one)
      const replaced = await durably((p) =>
        (p as Scripts).numbotCasDoc(k.docs(kind), id, JSON.stringify(expected), JSON.stringify(next)),
      );
      return replaced === 1;
    },
    async pushHistory(kind, id, entry, max) {
      await redis
        .multi()
        .lpush(k.history(kind, id), JSON.stringify(entry))
        .ltrim(k.history(kind, id), 0, max - 1)
        .exec();
    },
    async readHistory<T>(kind: string, id: string, limit: number) {
      return (await redis.lrange(k.history(kind, id), 0, limit - 1)).map((s) => JSON.parse(s) as T);
    },
    async acquireLease(name, owner, ttlMs) {
      // A lease lost in a failover would let another replica run the same tick: it counts once a replica has it.
      return (await durably((p) => p.set(k.lease(name), owner, 'PX', ttlMs, 'NX'))) === 'OK';
    },
    async ping() {
      await redis.ping();
    },
    async close() {
      if (owned) await redis.quit();
    },
  };
}
