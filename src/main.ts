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
  // A SIGTERM or SIGINT at any point, start-up included (an orchestrator may send one early), drains and stops once
  // whatever was being started has started: the process never dies half-started on the default signal action.
  let starting: Promise<unknown> = Promise.resolve();
  let apps: Awaited<ReturnType<typeof buildApps>> | undefined;
  let stopping = false;
  let running = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    starting
      .catch(() => undefined)
      .then(() => (running ? Promise.all([apps?.main.stop(), apps?.playground?.stop()]) : undefined))
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        logger.error({ err: (err as Error).message }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // The playground's sample migration goes into an empty store (tests of other features never ask for it); beside a
  // real platform the playground is a separate app on its own migration and port.
  const started = (async () => {
    apps = await buildApps(config, logger);
    if (stopping) return undefined;
    const port = await apps.main.start();
    running = true;
    const playgroundPort = apps.playground ? await apps.playground.start() : undefined;
    // The cron runs in the real process only; tests and the playground drive ticks themselves.
    if (!stopping) await apps.main.services.scheduler.start();
    return { port, playgroundPort, app: apps.main };
  })();
  starting = started;
  const up = await started;
  if (!up || stopping) return;
  const { port, playgroundPort, app } = up;
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
