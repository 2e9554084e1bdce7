// The composition root: reads config once, builds the app, starts it, stops it cleanly on SIGTERM/SIGINT.
import { ConfigError, DEFAULT_ORGANISATION_NAME, loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { buildApps } from './app/build-apps.ts';

async function run(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  if (config.embedded)
    logger.warn(
      'No Redis is configured: state is kept IN MEMORY ONLY (lost at exit, single instance). Set REDIS_URL (or REDIS_CLUSTER_NODES, REDIS_SENTINELS) for real use.',
    );
  if ((config.teamsEnabled || config.slackEnabled) && config.ORGANISATION_NAME === DEFAULT_ORGANISATION_NAME)
    logger.warn(
      `ORGANISATION_NAME is not set: cards will name the sender "${config.ORGANISATION_NAME}". Set it to your organisation's name.`,
    );
  // The playground's sample migration goes into an empty store (tests of other features never ask for it); beside a
  // real platform the playground is a separate app on its own migration and port.
  const { main: app, playground } = await buildApps(config, logger);
  const port = await app.start();
  const playgroundPort = playground ? await playground.start() : undefined;
  // From here on a SIGTERM drains and stops (an orchestrator may send one before start-up has finished).
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    Promise.all([app.stop(), playground?.stop()])
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        logger.error({ err: (err as Error).message }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // The cron runs in the real process only; tests and the playground drive ticks themselves.
  await app.services.scheduler.start();
  logger.info(
    {
      port,
      store: app.services.store.kind,
      teams: config.teamsEnabled,
      slack: config.slackEnabled,
      playground: config.playgroundEnabled || playgroundPort !== undefined,
      ...(playgroundPort !== undefined ? { playgroundPort } : {}),
    },
    `numbot listening on http://localhost:${port}`,
  );
}

await run();
