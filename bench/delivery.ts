// Delivery benchmark: N people notified through the fake Bot Connector and the fake Slack Web API, which enforce
// their platform's limits, by the BullMQ engine on Redis. One JSON line per run, counted from what the FAKE SERVER
// received: delivered, duplicates, lost, 429s, requests, achieved rate against the limit (exactly the fields).
// A second line per run ("bench":"delivery-cpu") gives the CPU the replicas spent per card delivered (cpuMsPerSend,
// user + system, measured in the replicas themselves).
//   npm run bench -- delivery [--people 10000] [--slack-people 2000] [--slack-per-min 600] [--concurrency 16]
//                             [--runs teams,slack,teams-2,teams-unlimited,teams-unlimited-2]
// REDIS_URL is used when set; otherwise a private redis-server is started on a free port.
// BENCH_CPU_PROF=<dir> makes every replica write a V8 CPU profile (.cpuprofile) into <dir>.
import { dropMigration } from './helpers.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config.ts';
import type { DeliveryJob } from '../src/ports/delivery.ts';
import { configuredRates } from '../src/delivery/engine-options.ts';
import { createBullDelivery } from '../src/delivery/redis/bullmq-delivery.ts';
import { newPerson } from '../src/domain/person.ts';
import { createLogger } from '../src/log.ts';
import { createRedisStore } from '../src/store/redis-store.ts';
import { slackRig, teamsRig, type PlatformRig } from '../test/delivery/helpers/bench-rigs.ts';
import { channelFor } from '../test/delivery/helpers/channel-spec.ts';
import { exited, spawnWorker, workerCpu } from '../test/delivery/helpers/spawn-worker.ts';

interface Options {
  people: number;
  slackPeople: number;
  slackPerMin: number;
  concurrency: number;
  runs: string[];
}

const RUNS = ['teams', 'slack', 'teams-2', 'teams-unlimited', 'teams-unlimited-2'];

function parseArgs(args: string[]): Options {
  const value = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const num = (name: string, fallback: number) => {
    const v = value(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number`);
    return n;
  };
  const people = num('people', 10_000);
  const runs = (value('runs') ?? RUNS.join(',')).split(',');
  const unknown = runs.filter((r) => !RUNS.includes(r));
  if (unknown.length) throw new Error(`unknown run(s) ${unknown.join(', ')}; known: ${RUNS.join(', ')}`);
  return {
    people,
    slackPeople: num('slack-people', Math.min(people, 2000)),
    slackPerMin: num('slack-per-min', 600),
    concurrency: num('concurrency', 16),
    runs,
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no free port'))));
    });
  });
}

/** REDIS_URL, or a private redis-server for the duration of the benchmark. */
async function benchRedis(): Promise<{ url: string; child?: ChildProcess }> {
  const configured = loadConfig().REDIS_URL;
  if (configured) return { url: configured };
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const url = `redis://127.0.0.1:${port}`;
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  for (let i = 0; ; i++) {
    try {
      await probe.connect();
      await probe.ping();
      break;
    } catch (err) {
      if (i > 100) throw new Error(`redis-server did not start: ${String(err)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  probe.disconnect();
  return { url, child };
}

async function runOnce(
  redisUrl: string,
  rig: PlatformRig,
  replicas: number,
  people: number,
  concurrency: number,
  engineRate: number,
) {
  const migrationId = `bench-dlv-${Date.now().toString(36)}-${rig.platform}-${replicas}`;
  const logger = createLogger('error');
  const store = createRedisStore({ redis: redisUrl, migrationId });
  const org = { name: 'Acme Engineering', adminName: 'IT desk' };
  const jobs: DeliveryJob[] = [];
  const seed = [];
  for (let n = 0; n < people; n++) {
    const p = newPerson(
      { email: `bench${n}@example.org`, firstName: `First${n}`, lastName: `Last${n}`, products: ['AutoCAD'] },
      1000,
    );
    p.assignments = { AutoCAD: { status: 'assigned', at: 1000 } };
    seed.push({ expectedVersion: -1, after: p, action: 'person.created' });
    jobs.push({
      key: `step4:${p.id}:1`,
      personId: p.id,
      card: {
        name: 'step4',
        data: {
          cardId: `step4:${p.id}:1`,
          round: 1,
          person: { id: p.id, firstName: p.firstName, email: p.email },
          org,
          products: ['AutoCAD'],
        },
      },
      onSent: [{ type: 'inform.sent' }],
    });
  }
  for (let i = 0; i < seed.length; i += 1000)
    await store.writePeople(seed.slice(i, i + 1000), { id: 'bench', source: 'import' }, 1000);

  // The replicas are processes of their own, as in production; this process only enqueues and watches.
  const workers: ChildProcess[] = [];
  for (let r = 0; r < replicas; r++) {
    workers.push(
      await spawnWorker({
        redisUrl,
        migrationId,
        channel: rig.spec,
        concurrency,
        ratePerSec: Number.isFinite(engineRate) ? engineRate : null,
        logLevel: 'error',
      }),
    );
  }
  const channel = channelFor(rig.spec, store, logger);
  // Nobody is seeded with a chat identity: the platform's directory sync links them, as the running bot does.
  const s0 = Date.now();
  const sync = await channel.syncDirectory();
  const syncMs = Date.now() - s0;
  if (sync.linked !== people) throw new Error(`the directory sync linked ${sync.linked} of ${people}`);
  const enqueuer = createBullDelivery({
    redis: redisUrl,
    migrationId,
    store,
    channels: { [rig.platform]: channel },
    clock: { now: () => Date.now() },
    logger,
    defaults: { locale: 'en', timeZone: 'Europe/Brussels' },
    rates: { [rig.platform]: engineRate },
    concurrency,
    maxAttempts: 6,
    workers: false,
  });
  await enqueuer.start();
  const t0 = Date.now();
  await enqueuer.enqueue('bench', jobs);
  const enqueuedMs = Date.now() - t0;
  const deadline = t0 + (Number.isFinite(engineRate) ? (people / engineRate) * 3 * 1000 : 0) + 300_000;
  for (;;) {
    const p = await enqueuer.progress('bench');
    if (p && p.queued + p.retrying === 0) break;
    if (Date.now() > deadline) throw new Error(`run did not finish: ${JSON.stringify(p)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const c = rig.counts();
  for (const w of workers) w.kill('SIGTERM');
  await Promise.all(workers.map(exited));
  const cpus = await Promise.all(workers.map(workerCpu));
  await enqueuer.stop();
  await store.close();
  const cleaner = new Redis(redisUrl);
  await dropMigration(cleaner, migrationId);
  await cleaner.quit();

  let delivered = 0;
  let duplicates = 0;
  for (let n = 0; n < people; n++) {
    const got = c.perRecipient[rig.recipientOf(n)] ?? 0;
    if (got > 0) delivered += 1;
    duplicates += Math.max(0, got - 1);
  }
  const seconds = (c.lastDeliveryAt - t0) / 1000;
  console.error(
    `  ${rig.platform} x${replicas}: enqueue ${enqueuedMs} ms, last delivery after ${seconds.toFixed(1)} s`,
  );
  const achievedPerSec = Math.round((delivered / seconds) * 100) / 100;
  // The replicas' own CPU from "ready" to SIGTERM (user + system), over the cards they sent: the cost of one send.
  const workerCpuMs = cpus.every((c) => c) ? cpus.reduce((sum, c) => sum + c!.userMs + c!.systemMs, 0) : null;
  const line = {
    bench: 'delivery',
    platform: rig.platform,
    replicas,
    recipients: people,
    delivered,
    duplicates,
    lost: people - delivered,
    throttled: c.throttled,
    requests: c.requests,
    achievedPerSec,
    limitPerSec: rig.limitPerSec === null ? null : Math.round(rig.limitPerSec * 100) / 100,
    ratio: rig.limitPerSec === null ? null : Math.round((achievedPerSec / rig.limitPerSec) * 1000) / 1000,
    syncMs,
    syncApiCalls: sync.apiCalls,
  };
  const cpu = {
    bench: 'delivery-cpu',
    platform: rig.platform,
    replicas,
    limitPerSec: line.limitPerSec,
    workerCpuMs: workerCpuMs === null ? null : Math.round(workerCpuMs),
    cpuMsPerSend: workerCpuMs === null || delivered === 0 ? null : Math.round((workerCpuMs / delivered) * 1000) / 1000,
  };
  return [line, cpu];
}

export async function main(args: string[]): Promise<void> {
  const o = parseArgs(args);
  const { url, child } = await benchRedis();
  // A private redis-server must not outlive an interrupted benchmark.
  const stop = () => {
    child?.kill('SIGTERM');
    process.exit(130);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const rates = configuredRates(loadConfig());
  // Slack's engine rate sits just under the fake's workspace limit, as SLACK_RATE_PER_MIN would be set in production.
  const slackEngineRate = (o.slackPerMin * 0.96) / 60;
  console.error(
    `delivery bench: teams ${o.people} people (limit 50/s, engine ${rates.teams}/s), slack ${o.slackPeople} people ` +
      `(limit ${o.slackPerMin}/min, engine ${Math.round(slackEngineRate * 60)}/min), concurrency ${o.concurrency}`,
  );
  try {
    for (const run of o.runs) {
      const rig =
        run === 'slack'
          ? await slackRig(o.slackPerMin, o.slackPeople)
          : await teamsRig(run.startsWith('teams-unlimited') ? null : 50, o.people);
      try {
        const lines =
          run === 'slack'
            ? await runOnce(url, rig, 1, o.slackPeople, o.concurrency, slackEngineRate)
            : run.startsWith('teams-unlimited')
              ? await runOnce(url, rig, run.endsWith('-2') ? 2 : 1, o.people, o.concurrency, Number.POSITIVE_INFINITY)
              : await runOnce(url, rig, run === 'teams-2' ? 2 : 1, o.people, o.concurrency, rates.teams);
        for (const line of lines) console.log(JSON.stringify(line));
      } finally {
        await rig.close();
      }
    }
  } finally {
    child?.kill('SIGTERM');
  }
}
