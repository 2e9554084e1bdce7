// Opens what a CLI command needs from the environment: config and store, with the embedded-mode warning.
import { loadConfig, type Config } from '../config.ts';
import { openStore } from '../store/open-store.ts';
import type { MigrationStore } from '../store/store.ts';
import type { CliIo } from './io.ts';

export async function openCliStore(io: CliIo): Promise<{ config: Config; store: MigrationStore }> {
  const config = loadConfig(io.env);
  if (config.embedded)
    io.err(
      'numbot: no Redis is configured (REDIS_URL, REDIS_CLUSTER_NODES or REDIS_SENTINELS) — using an empty in-memory store; nothing is read from or kept after this command.',
    );
  const store = openStore(config);
  await store.ping();
  return { config, store };
}
