// `numbot export --state <file|->` and `numbot import --state <file|->`: a migration's whole Redis state as a portable
// file, to move it between Redis deployments (one server, Cluster, Sentinel, a managed service) or keep a backup
// that any Redis version reads back. The format is described in src/store/state-dump.ts and docs/OPERATIONS.md.
import { open } from 'node:fs/promises';
import { loadConfig } from '../config.ts';
import { connectRedis } from '../store/redis-connection.ts';
import { exportState, importState, migrationExists, parseState, StateFileError } from '../store/state-dump.ts';
import { waitForReplicas } from '../store/redis-connection.ts';
import type { CliIo } from './io.ts';

const NEEDS_REDIS =
  'needs Redis: set REDIS_URL, REDIS_CLUSTER_NODES or REDIS_SENTINELS (and MIGRATION_ID) to the deployment to read or write';
/** Lines written to a file per write call. */
const FLUSH_EVERY = 1000;

export async function exportStateCommand(target: string, io: CliIo): Promise<number> {
  const config = loadConfig(io.env);
  if (!config.redis) {
    io.err(`numbot export --state: ${NEEDS_REDIS}`);
    return 1;
  }
  const redis = connectRedis(config.redis, 'tool');
  const file = target === '-' ? undefined : await open(target, 'w');
  try {
    let pending: string[] = [];
    const flush = async () => {
      if (file && pending.length) await file.write(`${pending.join('\n')}\n`);
      pending = [];
    };
    const { keys, lines } = await exportState(
      redis,
      config.MIGRATION_ID,
      async (line) => {
        if (!file) return io.out(line);
        pending.push(line);
        if (pending.length >= FLUSH_EVERY) await flush();
      },
      new Date(io.now()),
    );
    await flush();
    if (file) io.err(`numbot: wrote migration "${config.MIGRATION_ID}" (${keys} keys, ${lines} lines) to ${target}`);
    return 0;
  } finally {
    await file?.close();
    await redis.quit().catch(() => undefined);
  }
}

export async function importStateCommand(source: string, io: CliIo): Promise<number> {
  const config = loadConfig(io.env);
  if (!config.redis) {
    io.err(`numbot import --state: ${NEEDS_REDIS}`);
    return 1;
  }
  let state;
  try {
    state = parseState((await io.readInput(source)).toString('utf8'));
  } catch (err) {
    if (!(err instanceof StateFileError)) throw err;
    io.err(`numbot import --state: ${source} refused, nothing was written: ${err.message}`);
    return 1;
  }
  if (state.migrationId !== config.MIGRATION_ID) {
    io.err(
      `numbot import --state: ${source} holds migration "${state.migrationId}", and MIGRATION_ID is "${config.MIGRATION_ID}": set MIGRATION_ID=${state.migrationId} to restore it. Nothing was written.`,
    );
    return 1;
  }
  const redis = connectRedis(config.redis, 'tool');
  try {
    if (await migrationExists(redis, config.MIGRATION_ID)) {
      io.err(
        `numbot import --state: this Redis already holds migration "${config.MIGRATION_ID}": restore into an empty one (or delete its keys num:{${config.MIGRATION_ID}}:* first). Nothing was written.`,
      );
      return 1;
    }
    const keys = await importState(redis, config.MIGRATION_ID, state);
    // Done means on the replicas too (REDIS_WAIT_REPLICAS), like every acknowledged write.
    await waitForReplicas(redis, config.redis.waitReplicas, config.redis.waitTimeoutMs);
    io.err(
      `numbot: restored migration "${config.MIGRATION_ID}" (${keys} keys, exported ${state.exportedAt}). Start the bot: deliveries still pending go back on the queues at start.`,
    );
    return 0;
  } finally {
    await redis.quit().catch(() => undefined);
  }
}
