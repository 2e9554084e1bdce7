// A migration's whole state as portable text (`numbot export --state` / `numbot import --state`): every key under
// `num:{<MIGRATION_ID>}:`, as JSON lines, key by key, in each type's own terms (hash fields, set members, sorted-set
// scores, list items, stream entries with their ids, strings) with its time to live. Unlike an RDB or AOF file it
// moves between any Redis deployments and versions: one server, Cluster, Sentinel, managed services.
// The BullMQ queues (`:q:`) are left out: the delivery engine puts back on them, at start, every recipient the status
// book still has pending, so a restored migration carries on its campaigns.
import { z } from 'zod';
import { Cluster } from 'ioredis';
import { migrationKeys } from './keys.ts';
import type { RedisClient } from './redis-connection.ts';

export const STATE_FORMAT = 'numbot-state';
export const STATE_VERSION = 1;
/** Values per line: keeps lines (and the commands that write them back) small whatever the size of a key. */
const CHUNK = 500;

const header = z.object({
  format: z.literal(STATE_FORMAT),
  version: z.literal(STATE_VERSION),
  migrationId: z.string().min(1),
  exportedAt: z.string(),
});
const pairs = z.array(z.tuple([z.string(), z.string()]));
const keyLine = z.discriminatedUnion('type', [
  z.object({ key: z.string().min(1), ttlMs: z.number().int(), type: z.literal('string'), value: z.string() }),
  z.object({ key: z.string().min(1), ttlMs: z.number().int(), type: z.literal('hash'), fields: pairs.min(1) }),
  z.object({
    key: z.string().min(1),
    ttlMs: z.number().int(),
    type: z.literal('set'),
    members: z.array(z.string()).min(1),
  }),
  z.object({ key: z.string().min(1), ttlMs: z.number().int(), type: z.literal('zset'), members: pairs.min(1) }),
  z.object({
    key: z.string().min(1),
    ttlMs: z.number().int(),
    type: z.literal('list'),
    items: z.array(z.string()).min(1),
  }),
  z.object({
    key: z.string().min(1),
    ttlMs: z.number().int(),
    type: z.literal('stream'),
    entries: z.array(z.tuple([z.string().regex(/^\d+-\d+$/), z.array(z.string())])).min(1),
  }),
]);
const endLine = z.object({ end: z.literal(true), keys: z.number().int().min(0), lines: z.number().int().min(0) });

export type StateLine = z.infer<typeof keyLine>;
export interface ParsedState {
  migrationId: string;
  exportedAt: string;
  lines: StateLine[];
  keys: number;
}

/** A state file that cannot be read back: which line, and why. Nothing is written when this is thrown. */
export class StateFileError extends Error {
  readonly code = 'STATE_FILE_INVALID';
}

/** The nodes to scan: a Cluster's primaries (known once it has connected), or the one server. */
async function primaries(redis: RedisClient) {
  if (!(redis instanceof Cluster)) return [redis];
  await redis.ping();
  return redis.nodes('master');
}

/** The keys of a migration that are exported (its whole prefix but the BullMQ queues). */
async function migrationKeyNames(redis: RedisClient, migrationId: string): Promise<string[]> {
  const prefix = migrationKeys(migrationId).prefix;
  // The hash tag escapes glob characters in the id: ids are letters, digits, - and _ (config.ts), none of them special.
  const pattern = `${prefix}*`;
  const nodes = await primaries(redis);
  const out = new Set<string>();
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      for (const key of keys) if (!key.startsWith(`${prefix}q:`)) out.add(key);
      cursor = next;
    } while (cursor !== '0');
  }
  return [...out].sort();
}

const chunks = <T>(xs: T[], size = CHUNK): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
};
const toPairs = (flat: string[]): [string, string][] => {
  const out: [string, string][] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
};

/**
 * Writes the migration's state, line by line, to `write`. Answers the number of keys. Run it while the bot is stopped
 * (or quiet): keys are read one after another, not as one snapshot.
 */
export async function exportState(
  redis: RedisClient,
  migrationId: string,
  write: (line: string) => Promise<void> | void,
  now: Date,
): Promise<{ keys: number; lines: number }> {
  const prefix = migrationKeys(migrationId).prefix;
  await write(
    JSON.stringify({ format: STATE_FORMAT, version: STATE_VERSION, migrationId, exportedAt: now.toISOString() }),
  );
  let keys = 0;
  let lines = 0;
  const emit = async (line: StateLine) => {
    await write(JSON.stringify(line));
    lines++;
  };
  for (const full of await migrationKeyNames(redis, migrationId)) {
    const type = await redis.type(full);
    const ttlMs = await redis.pttl(full);
    const base = { key: full.slice(prefix.length), ttlMs: ttlMs > 0 ? ttlMs : -1 };
    const before = lines;
    if (type === 'string') {
      const value = await redis.get(full);
      if (value !== null) await emit({ ...base, type, value });
    } else if (type === 'hash') {
      let cursor = '0';
      do {
        const [next, flat] = await redis.hscan(full, cursor, 'COUNT', CHUNK);
        if (flat.length) await emit({ ...base, type, fields: toPairs(flat) });
        cursor = next;
      } while (cursor !== '0');
    } else if (type === 'set') {
      let cursor = '0';
      do {
        const [next, members] = await redis.sscan(full, cursor, 'COUNT', CHUNK);
        if (members.length) await emit({ ...base, type, members });
        cursor = next;
      } while (cursor !== '0');
    } else if (type === 'zset') {
      const flat = await redis.zrange(full, '0', '-1', 'WITHSCORES');
      for (const part of chunks(toPairs(flat))) await emit({ ...base, type, members: part });
    } else if (type === 'list') {
      const items = await redis.lrange(full, 0, -1);
      for (const part of chunks(items)) await emit({ ...base, type, items: part });
    } else if (type === 'stream') {
      let start = '-';
      for (;;) {
        const rows = await redis.xrange(full, start, '+', 'COUNT', String(CHUNK));
        if (rows.length === 0) break;
        await emit({ ...base, type, entries: rows });
        start = `(${rows.at(-1)![0]}`;
        if (rows.length < CHUNK) break;
      }
    }
    if (lines > before) keys++;
  }
  await write(JSON.stringify({ end: true, keys, lines }));
  return { keys, lines };
}

/** Reads a state file whole and checks every line before anything is written. Throws a StateFileError. */
export function parseState(text: string): ParsedState {
  const raw = text.split('\n').filter((l, i, all) => l.trim() !== '' || i < all.length - 1);
  const parse = (line: string, n: number): unknown => {
    try {
      return JSON.parse(line);
    } catch {
      throw new StateFileError(`line ${n}: not JSON`);
    }
  };
  if (raw.length === 0) throw new StateFileError('the file is empty');
  const head = header.safeParse(parse(raw[0]!, 1));
  if (!head.success) throw new StateFileError(`line 1: not a ${STATE_FORMAT} version ${STATE_VERSION} file header`);
  const lines: StateLine[] = [];
  const seen = new Set<string>();
  for (let i = 1; i < raw.length; i++) {
    const value = parse(raw[i]!, i + 1);
    const end = endLine.safeParse(value);
    if (end.success) {
      if (i !== raw.length - 1) throw new StateFileError(`line ${i + 1}: the end line is not the last line`);
      if (end.data.lines !== lines.length || end.data.keys !== seen.size)
        throw new StateFileError(
          `line ${i + 1}: the file says ${end.data.keys} keys in ${end.data.lines} lines, it holds ${seen.size} in ${lines.length}`,
        );
      return { migrationId: head.data.migrationId, exportedAt: head.data.exportedAt, lines, keys: seen.size };
    }
    const line = keyLine.safeParse(value);
    if (!line.success) throw new StateFileError(`line ${i + 1}: ${z.prettifyError(line.error).split('\n')[0]}`);
    seen.add(line.data.key);
    lines.push(line.data);
  }
  throw new StateFileError('the file ends before its end line: it was cut short (copy it again)');
}

/** Whether the migration has any key in this Redis (queues included). */
export async function migrationExists(redis: RedisClient, migrationId: string): Promise<boolean> {
  const prefix = migrationKeys(migrationId).prefix;
  for (const node of await primaries(redis)) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 10_000);
      if (keys.length) return true;
      cursor = next;
    } while (cursor !== '0');
  }
  return false;
}

/** Writes a parsed state back under `migrationId` (the caller checked that it is free). Answers the keys written. */
export async function importState(redis: RedisClient, migrationId: string, state: ParsedState): Promise<number> {
  const prefix = migrationKeys(migrationId).prefix;
  const ttl = new Map<string, number>();
  for (const line of state.lines) {
    const key = prefix + line.key;
    if (line.ttlMs > 0) ttl.set(key, line.ttlMs);
    switch (line.type) {
      case 'string':
        await redis.set(key, line.value);
        break;
      case 'hash':
        await redis.hset(key, ...line.fields.flat());
        break;
      case 'set':
        await redis.sadd(key, ...line.members);
        break;
      case 'zset':
        await redis.zadd(key, ...line.members.flatMap(([m, score]) => [score, m]));
        break;
      case 'list':
        await redis.rpush(key, ...line.items);
        break;
      case 'stream':
        for (const [id, fields] of line.entries) await redis.xadd(key, id, ...fields);
        break;
    }
  }
  for (const [key, ms] of ttl) await redis.pexpire(key, ms);
  return state.keys;
}
