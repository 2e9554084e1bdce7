// Wires the bot from a config: store, channels, HTTP routes. main.ts and end-to-end tests both start it from here.
import type { Config } from '../config.ts';
import { dueAtFor } from '../domain/reminder-policy.ts';
import { trackDue } from '../services/due-tracking-store.ts';
import { reminderPolicyFrom } from './policy.ts';
import { createHttpServer, type HttpServer } from '../http/server.ts';
import { sendJson } from '../http/router.ts';
import type { Logger } from '../log.ts';
import { openStore } from '../store/open-store.ts';
import type { MigrationStore } from '../store/store.ts';
import { ManualClock, systemClock, type Clock } from './clock.ts';
import { installDelivery } from '../delivery/install-delivery.ts';
import type { AppContext, AppHost, AppModule, ComponentHealth } from './context.ts';
import { installTeams } from '../channels/teams/index.ts';
import { installSlack } from '../channels/slack/index.ts';
import { installPlayground } from '../playground/install-playground.ts';
import { installLicensing } from '../server-watch/install-server-watch.ts';
import { installScheduler } from '../schedule/install-scheduler.ts';
import { installMetrics } from '../metrics/install-metrics.ts';
import { installCommands } from './handle-interaction.ts';

/**
 * Feature modules, installed in this order. Each registers its routes, channels and services on the host.
 * Add a module by adding one line here.
 */
const MODULES: AppModule[] = [
  installCommands,
  installTeams,
  installSlack,
  installDelivery,
  installPlayground,
  installLicensing,
  installScheduler,
  // Last: it counts what the modules above set up (channels, the interaction handler, delivery).
  installMetrics,
];

export interface App {
  ctx: AppContext;
  http: HttpServer;
  /** Listens on the port (0 = any free one) and starts background work; returns the port. */
  start(port?: number): Promise<number>;
  /** Graceful stop: no new work, in-flight finished, store closed. */
  stop(): Promise<void>;
}

export interface BuildOptions {
  store?: MigrationStore;
  clock?: Clock;
  /** Extra modules (tests). */
  modules?: AppModule[];
}

export async function buildApp(config: Config, logger: Logger, options: BuildOptions = {}): Promise<App> {
  const policy = reminderPolicyFrom(config);
  // Every write keeps the person's place in the due set, whoever makes it.
  const store = trackDue(options.store ?? openStore(config), (person, now) => dueAtFor(person, now, policy));
  const ctx: AppContext = {
    config,
    policy,
    store,
    logger,
    // The playground alone moves time forward to play a campaign through; beside a real platform it must not.
    clock:
      options.clock ??
      (config.playgroundEnabled && !config.teamsEnabled && !config.slackEnabled ? new ManualClock() : systemClock),
    channels: {},
    handle: async () => ({ cards: [], refused: true }),
  };
  const http = createHttpServer(logger);
  const starters: (() => Promise<void>)[] = [];
  const stoppers: (() => Promise<void>)[] = [];
  const checks: [string, () => ComponentHealth][] = [];
  const host: AppHost = {
    ctx,
    http,
    onStart: (fn) => starters.push(fn),
    onStop: (fn) => stoppers.push(fn),
    onHealth: (name, check) => checks.push([name, check]),
  };
  for (const install of [...MODULES, ...(options.modules ?? [])]) await install(host);

  // Liveness: 200 while the process serves HTTP at all. A part being down (Slack refusing the token) is not a reason to
  // restart the process, which would take Teams, the scheduler and delivery down with it.
  http.router.add('GET', '/livez', (_req, res) => sendJson(res, 200, { status: 'alive' }));
  // 200 {status:'ok'}; 503 {status:'degraded', slack:'disconnected'} while a part that modules report on is down.
  http.router.add('GET', '/healthz', (_req, res) => {
    const parts = checks.map(([name, check]) => [name, check()] as const);
    const ok = parts.every(([, h]) => h.ok);
    sendJson(res, ok ? 200 : 503, {
      status: ok ? 'ok' : 'degraded',
      ...Object.fromEntries(parts.map(([name, h]) => [name, h.state])),
    });
  });
  http.router.add('GET', '/readyz', async (_req, res) => {
    if (http.draining) return sendJson(res, 503, { status: 'draining' });
    try {
      await store.ping();
      sendJson(res, 200, { status: 'ready', store: store.kind });
    } catch {
      sendJson(res, 503, { status: 'store unreachable', store: store.kind });
    }
  });

  return {
    ctx,
    http,
    async start(port = config.PORT) {
      const bound = await http.listen(port, config.HOST);
      for (const start of starters) await start();
      return bound;
    },
    async stop() {
      await http.close();
      for (const stop of stoppers.reverse()) await stop();
      await store.close();
    },
  };
}
