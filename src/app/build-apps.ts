// The apps one process runs: the bot, and — when PLAYGROUND=on beside Teams or Slack — a separate playground app on
// its own migration and loopback port, with no platform, so the sample migration never reaches the real store and
// its people's cards never reach a real platform (docs/OPERATIONS.md, "Playground safety").
import { playgroundConfig, type Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { buildApp, type App } from './build-app.ts';

export interface Apps {
  main: App;
  playground?: App;
}

export async function buildApps(config: Config, logger: Logger): Promise<Apps> {
  const main = await buildApp(config, logger, { playgroundSample: true });
  const sandbox = playgroundConfig(config);
  if (!sandbox) return { main };
  const log = logger.child({ app: 'playground', migration: sandbox.MIGRATION_ID });
  log.warn('the playground runs beside a real platform as a separate app: its own migration, loopback only');
  return { main, playground: await buildApp(sandbox, log, { playgroundSample: true }) };
}
