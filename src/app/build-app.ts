// The composition root of the running bot: every service constructed once, in dependency order, each handed the
// narrow set of services it needs. main.ts and the end-to-end tests both start the bot from here; nothing is filled
// in after it is built.
//
//   core (config, policy, store, logger, clock)
//     → the platforms' outbound channels (Teams, Slack, playground), counted by the metrics
//     → delivery (sends through the channels) → admins' feed → scheduler (enqueues on delivery)
//     → provisioning → the interaction handler (commands, card actions)
//     → what each platform serves inbound (answered by the handler), the licence-server and device routes, health.
import { createProvisioning } from '../autodesk/create-provisioning.ts';
import { createAutodeskLink } from '../autodesk/team-admin/autodesk-link.ts';
import { createAutodesk } from '../autodesk/team-admin/create-autodesk.ts';
import { createAutodeskRunner } from '../autodesk/team-admin/autodesk-runs.ts';
import { applyProvisioningResult } from '../autodesk/result-events.ts';
import { appliedCard } from '../replies/provisioning-reply.ts';
import { createRunCards } from '../replies/autodesk-run-cards.ts';
import { autodeskCallbackPage } from '../replies/autodesk-page.ts';
import { messageCard } from '../replies/cards.ts';
import { say } from '../replies/say.ts';
import { createSlackEdge } from '../channels/slack/slack-edge.ts';
import { createTeamsEdge } from '../channels/teams/teams-edge.ts';
import type { Config } from '../config.ts';
import { createDelivery } from '../delivery/create-delivery.ts';
import {
  DEVICE_REPORT_PATH,
  MAX_DEVICE_REPORT_BYTES,
  deviceReportGuard,
  deviceReportHandler,
} from '../device-reports/device-report-route.ts';
import { dueAtFor } from '../domain/reminder-policy.ts';
import { sendJson } from '../http/router.ts';
import { createHttpServer, type HttpServer } from '../http/server.ts';
import type { Logger } from '../log.ts';
import { countedChannels, timedHandler, trackedDelivery } from '../metrics/instrument.ts';
import { METRICS_PATH, metricsHandler } from '../metrics/metrics-route.ts';
import { createMetrics, observeQueueDepth } from '../metrics/metrics.ts';
import { OTHER_PRODUCT } from '../metrics/people-gauges.ts';
import { compactName } from '../licensing/product-names.ts';
import { loadCatalogue } from '../licensing/product-keys-data.ts';
import { QueueDepth } from '../metrics/queue-depth.ts';
import { createPlaygroundEdge } from '../playground/playground-edge.ts';
import { preparePlayground } from '../playground/sample-migration.ts';
import { ManualClock, systemClock, type Clock } from '../ports/clock.ts';
import type { Channels, CoreDeps, InteractionDeps } from '../ports/deps.ts';
import type { InteractionHandler } from '../ports/interaction.ts';
import type { ComponentHealth, Inbound } from '../ports/platform-edge.ts';
import type { Scheduler } from '../ports/scheduler.ts';
import { createScheduler } from '../schedule/scheduler.ts';
import {
  LMSTAT_PUSH_PATH,
  MAX_LMSTAT_BODY_BYTES,
  lmstatPushGuard,
  lmstatPushHandler,
} from '../server-watch/lmstat-push-route.ts';
import { createDirectory } from '../services/directory.ts';
import { createAdminPoster } from '../services/post-to-admins.ts';
import { preferPlatform } from '../services/reach.ts';
import { trackDue } from '../services/due-tracking-store.ts';
import { openStore } from '../store/open-store.ts';
import { rateLimitedErrors } from '../store/redis-connection.ts';
import type { MigrationStore } from '../store/store.ts';
import { reminderPolicyFrom } from './policy.ts';
import { createInteractionHandler } from './handle-interaction.ts';

/** Every service of a built app, for main.ts and tests to reach (read-only: the app is built once). */
export interface Services extends InteractionDeps {
  readonly channels: Channels;
  readonly scheduler: Scheduler;
  /** The interaction handler every platform calls, as the platforms see it (timed, and wrapped when a test asks). */
  readonly handle: InteractionHandler;
}

/** /readyz waits this long for the store's answer: a probe's timeout is typically 1 s. */
const READY_PING_MS = 800;
/** How long stop() waits for one part (or the store) to stop. */
const STOP_WAIT_MS = 5000;

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/** True when `p` resolves within `ms`; false when it rejects or takes longer (it is left to settle on its own). */
function answersWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  return Promise.race([
    p.then(
      () => true,
      () => false,
    ),
    delay(ms).then(() => false),
  ]);
}

export interface App {
  readonly services: Services;
  readonly http: HttpServer;
  /** Listens on the port (0 = any free one) and starts background work; returns the port. */
  start(port?: number): Promise<number>;
  /** Graceful stop: no new work, in-flight finished, store closed. */
  stop(): Promise<void>;
}

export interface BuildOptions {
  store?: MigrationStore;
  clock?: Clock;
  /** Channels of a test's own, beside (or instead of) the configured ones. */
  channels?: Channels;
  /** Wraps the interaction handler (tests record interactions, answer for the core, or hold them). */
  wrapHandler?: (handle: InteractionHandler) => InteractionHandler;
  /**
   * Loads the playground's sample migration into an empty store when the playground is on (main.ts asks for it;
   * tests of other features leave it off, so their stores stay theirs).
   */
  playgroundSample?: boolean;
  /** Time for the Autodesk edge (tests and benches scale Autodesk's minute with the fake's clock). */
  autodeskTime?: { now: () => number; sleep: (ms: number) => Promise<void> };
}

export async function buildApp(configured: Config, logger: Logger, options: BuildOptions = {}): Promise<App> {
  const policy = reminderPolicyFrom(configured);
  // Every write keeps the person's place in the due set, whoever makes it.
  // The store connection's errors (Redis away) as JSON lines, one every 10 s at most with the count left out.
  const storeErrors = rateLimitedErrors((err, suppressed) =>
    logger.error({ redis: 'store', err: err.message, suppressed }, 'redis connection error'),
  );
  const store = trackDue(options.store ?? openStore(configured, storeErrors), (person, now) =>
    dueAtFor(person, now, policy),
  );
  // The playground alone moves time forward to play a campaign through; beside a real platform it must not.
  const clock =
    options.clock ??
    (configured.playgroundEnabled && !configured.teamsEnabled && !configured.slackEnabled
      ? new ManualClock()
      : systemClock);
  const sample = options.playgroundSample
    ? await preparePlayground(configured, store, clock.now(), logger)
    : { config: configured, firstPoll: false };
  const config = sample.config;
  const core: CoreDeps = { config, policy, store, logger, clock };
  // Metric labels only from bounded sets: a catalogue product's name, any other roster text counted as `other`.
  const catalogue = loadCatalogue();
  const metrics = createMetrics({
    counters: () => store.counters(),
    productLabel: (product) => catalogue.byName.get(compactName(product))?.name ?? OTHER_PRODUCT,
  });

  // Outbound: the platforms' channels, then what sends through them.
  const teams = createTeamsEdge(core);
  const slack = createSlackEdge(core);
  const playground = createPlaygroundEdge(core);
  const channels = preferPlatform(
    countedChannels(
      { teams: teams?.channel, slack: slack?.channel, playground: playground?.channel, ...options.channels },
      metrics,
    ),
    config.PREFERRED_PLATFORM,
  );
  const engine = createDelivery(core, channels);
  const depth = new QueueDepth(engine);
  observeQueueDepth(metrics, () => depth.depth());
  const delivery = trackedDelivery(engine, depth);
  const postToAdmins = createAdminPoster(channels, logger);
  const directory = createDirectory({ ...core, channels, delivery });
  const autodesk =
    config.PROVISIONING === 'autodesk'
      ? createAutodesk(config, { store, logger, now: () => clock.now(), ...options.autodeskTime })
      : undefined;
  const provisioning = autodesk?.provider ?? createProvisioning(config, { now: () => clock.now(), logger, store });
  const autodeskLink =
    autodesk &&
    createAutodeskLink({
      autodesk,
      cipher: autodesk.cipher,
      store,
      migrationId: config.MIGRATION_ID,
      ...(config.AUTODESK_TEAM_ID ? { fixedTeam: config.AUTODESK_TEAM_ID } : {}),
      now: options.autodeskTime?.now ?? (() => clock.now()),
      logger,
      page: autodeskCallbackPage,
      onConnected: async (adminId, outcome) => {
        if (outcome.kind !== 'connected') return;
        const locale = config.DEFAULT_LOCALE;
        const team = outcome.team?.name ?? say(locale, 'connect_no_team');
        await postToAdmins(
          messageCard(
            locale,
            say(locale, 'connect_title'),
            say(locale, 'connect_admins_note', { admin: adminId, team }),
          ),
        );
      },
    });

  const runCards = createRunCards(channels, config.AUTODESK_CALLS_PER_MINUTE, logger);
  const autodeskRuns =
    autodesk &&
    createAutodeskRunner({
      progress: runCards.progress,
      store,
      providerFor: autodesk.providerFor,
      now: () => clock.now(),
      logger,
      onFinished: async (run, result) => {
        const action = run.kind === 'invite' ? { kind: run.kind } : { kind: run.kind, product: run.product ?? '' };
        const outcome = await applyProvisioningResult(store, result, action, run.by, clock.now());
        if (outcome.errors.length)
          logger.warn({ kind: run.kind, errors: outcome.errors.length }, 'provisioning changes refused by the domain');
        const l = run.locale;
        const title =
          run.status === 'cancelled'
            ? say(l, 'adsk_run_cancelled_title')
            : say(l, run.kind === 'invite' ? 'invite_title' : 'assign_title', { product: run.product ?? '' });
        const card = appliedCard(l, title, result);
        await runCards.finished(run, card);
        await postToAdmins(card);
      },
    });

  const scheduler = createScheduler({
    ...core,
    delivery,
    channels,
    postToAdmins,
    directory,
    ...(autodeskLink ? { autodesk: autodeskLink } : {}),
  });
  // Inbound: one handler for every platform, then what each serves.
  const deps: InteractionDeps = {
    ...core,
    delivery,
    directory,
    provisioning,
    postToAdmins,
    ...(autodeskLink ? { autodesk: autodeskLink } : {}),
    ...(autodeskRuns ? { autodeskRuns } : {}),
  };
  const coreHandle = createInteractionHandler(deps);
  const handle = timedHandler(options.wrapHandler ? options.wrapHandler(coreHandle) : coreHandle, metrics);
  let unwatchDepth: () => void = () => undefined;
  const inbound: Inbound[] = [
    ...(teams ? [teams.serve(handle)] : []),
    ...(slack ? [slack.serve(handle)] : []),
    // Stopped after delivery (stops run in reverse): the engine's last reports still reach the depth tracker.
    { start: async () => void (unwatchDepth = depth.watch()), stop: async () => unwatchDepth() },
    { start: () => delivery.start(), stop: () => delivery.stop() },
    ...(playground ? [playground.serve(handle, scheduler)] : []),
    // Started last: unfinished Autodesk runs resume once everything they report to is up; stopped first.
    ...(autodeskRuns ? [{ start: () => autodeskRuns.begin(), stop: () => autodeskRuns.halt() }] : []),
    {
      routes: [
        {
          method: 'POST',
          path: LMSTAT_PUSH_PATH,
          handler: lmstatPushHandler({ ...core, postToAdmins, delivery }),
          guard: lmstatPushGuard(core),
          maxBodyBytes: MAX_LMSTAT_BODY_BYTES,
        },
        {
          method: 'POST',
          path: DEVICE_REPORT_PATH,
          handler: deviceReportHandler(core),
          guard: deviceReportGuard(core),
          maxBodyBytes: MAX_DEVICE_REPORT_BYTES,
        },
        { method: 'GET', path: METRICS_PATH, handler: metricsHandler(metrics.registry) },
        ...(autodeskLink ? [autodeskLink.callbackRoute] : []),
      ],
      // The cron is started by main.ts (tests and the playground run ticks themselves); a stop ends it.
      stop: () => scheduler.stop(),
    },
  ];

  const http = createHttpServer(logger, config.http);
  for (const part of inbound)
    for (const r of part.routes ?? [])
      http.router.add(r.method, r.path, r.handler, { maxBodyBytes: r.maxBodyBytes, guard: r.guard });
  const checks = inbound.flatMap((part) => (part.health ? [part.health] : []));
  // Liveness: 200 while the process serves HTTP at all. A part being down (Slack refusing the token) is not a reason to
  // restart the process, which would take Teams, the scheduler and delivery down with it.
  http.router.add('GET', '/livez', (_req, res) => sendJson(res, 200, { status: 'alive' }));
  // 200 {status:'ok'}; 503 {status:'degraded', slack:'disconnected'} while a part that reports its health is down.
  http.router.add('GET', '/healthz', (_req, res) => {
    const parts = checks.map(({ name, check }) => [name, check()] as [string, ComponentHealth]);
    const ok = parts.every(([, h]) => h.ok);
    sendJson(res, ok ? 200 : 503, {
      status: ok ? 'ok' : 'degraded',
      ...Object.fromEntries(parts.map(([name, h]) => [name, h.state])),
    });
  });
  // Ready: the store answers within READY_PING_MS (a lost Redis is said at once, not after the client's retries) and
  // every part has started (a part whose start failed on a lost Redis is started again in the background).
  const waiting = new Set<Inbound>();
  http.router.add('GET', '/readyz', async (_req, res) => {
    if (http.draining) return sendJson(res, 503, { status: 'draining' });
    const reachable = await answersWithin(store.ping(), READY_PING_MS);
    if (!reachable) return sendJson(res, 503, { status: 'store unreachable', store: store.kind });
    if (waiting.size > 0) return sendJson(res, 503, { status: 'starting', store: store.kind });
    sendJson(res, 200, { status: 'ready', store: store.kind });
  });
  let stopping = false;
  /** Starts a part; when its start fails (Redis away), tries again with back-off until it starts or the app stops. */
  async function startPart(part: Inbound): Promise<void> {
    for (let attempt = 0; !stopping; attempt++) {
      try {
        await part.start?.();
        waiting.delete(part);
        if (attempt > 0) logger.info({ attempts: attempt + 1 }, 'part started after the store came back');
        return;
      } catch (err) {
        if (attempt === 0)
          logger.error({ err: (err as Error).message }, 'part could not start (store unreachable?); retrying');
        await new Promise((r) => setTimeout(r, Math.min(1000 * 2 ** Math.min(attempt, 3), 8000)).unref());
      }
    }
  }

  return {
    services: { ...deps, channels, scheduler, handle },
    http,
    async start(port = config.PORT) {
      const bound = await http.listen(port, config.HOST);
      // With the store reachable, parts start in order and a failure stops the start (a revoked Slack token). With
      // the store away the bot still comes up: /livez answers, /readyz says 503, and the parts start in the
      // background once it is back.
      if (await answersWithin(store.ping(), READY_PING_MS)) {
        for (const part of inbound) await part.start?.();
      } else {
        logger.error({ store: store.kind }, 'store unreachable at start: serving /livez, parts start when it is back');
        for (const part of inbound) waiting.add(part);
        void (async () => {
          for (const part of inbound) await startPart(part);
        })();
      }
      // Link the roster to the platforms' directories once the bot is ready (in the background: a slow directory
      // must not hold the start; campaigns sync again before they are queued).
      if (channels.teams || channels.slack)
        void directory
          .sync('start')
          .catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'directory sync at start failed'));
      // First start of the playground: a first poll of the sample's licence server, so step 5 has something to show.
      if (sample.firstPoll) await scheduler.tick('polls', clock.now());
      return bound;
    },
    async stop() {
      stopping = true;
      await http.close();
      await answersWithin(directory.idle(), STOP_WAIT_MS);
      // Each part gets STOP_WAIT_MS: with Redis gone a queue's close could wait for ever, and an orchestrator's
      // SIGKILL would come first.
      for (const part of [...inbound].reverse())
        if (!(await answersWithin(part.stop?.() ?? Promise.resolve(), STOP_WAIT_MS)))
          logger.warn('a part did not stop cleanly in time (store unreachable?)');
      await answersWithin(store.close(), STOP_WAIT_MS);
    },
  };
}
