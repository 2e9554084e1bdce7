// Every Redis connection numbot opens is built here, from the settings config.ts derived from exactly one of REDIS_URL,
// REDIS_CLUSTER_NODES and REDIS_SENTINELS. ioredis speaks all three natively (Cluster redirections, Sentinel
// discovery and failover), so the store, the delivery queues and the leases need no proxy in front of Redis.
import { Cluster, Redis, type ChainableCommander, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { RedisSettings } from '../config.ts';

/** A connection to whichever topology is configured: a `Redis` (one server, Sentinel) or a `Cluster`. */
export type RedisClient = Redis | Cluster;

/**
 * What a connection is for, which decides how it behaves while Redis is away (a failover takes seconds):
 * - `store`, `book`: a request fails after a bounded wait, so a chat answer or a send attempt is not held forever;
 * - `queue`, `worker`: BullMQ's connections wait as long as it takes (BullMQ requires `maxRetriesPerRequest: null`);
 * - `tool`: the CLI and tests: fail fast.
 */
export type RedisPurpose = 'store' | 'book' | 'queue' | 'worker' | 'tool';

/** ioredis retries a command over this many reconnections: about 8 s of reconnecting, longer than a failover. */
const RETRIES_DURING_FAILOVER = 20;

function perPurpose(purpose: RedisPurpose): Pick<RedisOptions, 'maxRetriesPerRequest'> {
  if (purpose === 'queue' || purpose === 'worker') return { maxRetriesPerRequest: null };
  return { maxRetriesPerRequest: purpose === 'tool' ? 3 : RETRIES_DURING_FAILOVER };
}

/** Reconnects quickly at first, then every 500 ms: a Sentinel promotes a replica within seconds. */
const retryStrategy = (times: number) => Math.min(50 * times, 500);

/**
 * After a failover the old primary may come back as a replica while a connection still points at it: a READONLY
 * answer makes that connection reconnect (Sentinel: asking the Sentinels again) and the command is sent again.
 */
const reconnectOnError = (err: Error) => (err.message.startsWith('READONLY') ? 2 : false);

/**
 * A connection-error handler that reports the first error at once, then at most one every `everyMs` with how many it
 * left out: a Redis that is away makes ioredis fail every reconnection attempt (every 500 ms), which is one fact, not a
 * line each time.
 */
export function rateLimitedErrors(
  report: (err: Error, suppressed: number) => void,
  everyMs = 10_000,
  now: () => number = Date.now,
): (err: Error) => void {
  let last = -Infinity;
  let suppressed = 0;
  return (err) => {
    if (now() - last < everyMs) {
      suppressed++;
      return;
    }
    last = now();
    report(err, suppressed);
    suppressed = 0;
  };
}

/**
 * Opens a connection for `purpose` to the configured Redis. The caller closes it (`quit()`). Connection errors
 * (a node down during a failover) go to `onError` — ioredis reconnects by itself, and a command that cannot wait
 * fails to its caller — instead of ioredis' unstructured "Unhandled error event" on the console.
 */
export function connectRedis(
  settings: RedisSettings,
  purpose: RedisPurpose,
  onError: (err: Error) => void = () => undefined,
): RedisClient {
  const client = openClient(settings, purpose);
  client.on('error', onError);
  return client;
}

function openClient(settings: RedisSettings, purpose: RedisPurpose): RedisClient {
  const { topology } = settings;
  const auth: RedisOptions = {
    ...(settings.username ? { username: settings.username } : {}),
    ...(settings.password ? { password: settings.password } : {}),
    ...(settings.tls ? { tls: {} } : {}),
  };
  const common: RedisOptions = {
    ...perPurpose(purpose),
    retryStrategy,
    reconnectOnError,
    connectionName: `numbot:${purpose}`,
  };
  switch (topology.kind) {
    case 'single':
      return new Redis(topology.url, common);
    case 'sentinel':
      return new Redis({
        ...common,
        ...auth,
        sentinels: topology.sentinels,
        name: topology.name,
        ...(topology.sentinelUsername ? { sentinelUsername: topology.sentinelUsername } : {}),
        ...(topology.sentinelPassword ? { sentinelPassword: topology.sentinelPassword } : {}),
        ...(settings.tls ? { enableTLSForSentinelMode: true, sentinelTLS: {} } : {}),
        // No failoverDetector: in ioredis it can end a connection for good when a +switch-master arrives while it is
        // reconnecting ("Connection is closed", seen in the failover drill). A dead primary breaks the connection
        // anyway, and a primary turned replica answers READONLY (reconnectOnError): both make it ask the Sentinels.
        sentinelRetryStrategy: (times: number) => Math.min(100 * times, 1000),
      });
    case 'cluster': {
      const { retryStrategy: _perNode, ...redisOptions } = { ...common, ...auth };
      const options: ClusterOptions = {
        redisOptions,
        // Every key of a migration shares its hash tag, so it lives on one slot: reads go to its primary too.
        scaleReads: 'master',
        clusterRetryStrategy: (times: number) => Math.min(100 * times, 1000),
        retryDelayOnFailover: 200,
        retryDelayOnClusterDown: 300,
        retryDelayOnTryAgain: 100,
        slotsRefreshTimeout: 2000,
        ...(purpose === 'queue' || purpose === 'worker' ? {} : { maxRedirections: 32 }),
      };
      return new Cluster(topology.nodes, options);
    }
  }
}

/** For logs: the topology and its addresses, never credentials. */
export function describeRedis(settings: RedisSettings): Record<string, unknown> {
  const t = settings.topology;
  if (t.kind === 'single') {
    const u = new URL(t.url);
    return { redis: 'single', host: u.hostname, port: u.port || '6379', tls: u.protocol === 'rediss:' };
  }
  const addresses = (t.kind === 'cluster' ? t.nodes : t.sentinels).map((n) => `${n.host}:${n.port}`);
  return {
    redis: t.kind,
    [t.kind === 'cluster' ? 'nodes' : 'sentinels']: addresses,
    ...(t.kind === 'sentinel' ? { name: t.name } : {}),
    tls: settings.tls,
    waitReplicas: settings.waitReplicas,
  };
}

/** A write that reached the primary but not the replicas it must (REDIS_WAIT_REPLICAS) in REDIS_WAIT_TIMEOUT_MS. */
export class NotReplicatedError extends Error {
  readonly code = 'STORE_NOT_REPLICATED';
  constructor(
    readonly wanted: number,
    readonly got: number,
    timeoutMs: number,
  ) {
    super(
      `Redis did not confirm the write on ${wanted} replica(s) within ${timeoutMs} ms (${got} did): it may be lost if the primary fails now. Check the replicas, or lower REDIS_WAIT_REPLICAS.`,
    );
  }
}

/** Answers of a Redis that is failing over, restarting or out of reach: the same command may succeed a moment later. */
const UNAVAILABLE =
  /^(CLUSTERDOWN|READONLY|LOADING|TRYAGAIN|MASTERDOWN|NOREPLICAS)\b|Connection is closed|Stream isn't writeable|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Command timed out|Failed to refresh slots cache|None of startup nodes is available|All sentinels are unreachable/;

/**
 * Whether `err` says Redis is unavailable for now (a failover, a restart, a lost connection, a write no replica
 * confirmed) rather than that the command or the data is wrong: callers wait and try again instead of giving up.
 */
export function isRedisUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err instanceof NotReplicatedError) return true;
  if (err.name === 'MaxRetriesPerRequestError' || err.name === 'ClusterAllFailedError') return true;
  return UNAVAILABLE.test(err.message);
}

/** Per client: whether its last WAIT fell short, and when to try one again. */
const shortfalls = new WeakMap<RedisClient, { until: number; probing: boolean }>();
/** After a WAIT fell short, writes are refused at once for this long rather than each holding the connection. */
const SHORTFALL_BACKOFF_MS = 1000;

/** What a write that must reach replicas adds to its pipeline: its own commands. */
export type PipelineWrite = (pipeline: ChainableCommander) => ChainableCommander;

/**
 * Runs `write` and, right behind it in the same pipeline, `WAIT replicas timeout`; answers the write's reply once the
 * replicas have it. One pipeline, because WAIT counts the writes of the connection it runs on: sent together they
 * share it (on a Cluster, the connection to the node holding the keys' slot); a connection lost between them fails
 * both to the caller (single server and Sentinel do not resend commands in flight), and a Cluster that retries the
 * pipeline on the new primary retries the write with its WAIT. With `replicas` 0 it is the write alone.
 * WAIT blocks its connection, which a store shares with every request: once a WAIT has fallen short (no replica
 * answers), writes are refused at once, without being made, and one write a second probes whether a replica is back.
 * Throws NotReplicatedError when fewer replicas confirmed (the write is then on the primary only).
 */
export async function writeToReplicas(
  client: RedisClient,
  replicas: number,
  timeoutMs: number,
  write: PipelineWrite,
): Promise<unknown> {
  const short = replicas > 0 ? shortfalls.get(client) : undefined;
  if (short && (Date.now() < short.until || short.probing)) throw new NotReplicatedError(replicas, 0, timeoutMs);
  const pipeline = write(client.pipeline());
  if (replicas > 0) pipeline.wait(replicas, timeoutMs);
  if (short) short.probing = true;
  let res: [Error | null, unknown][] | null;
  try {
    res = await pipeline.exec();
  } finally {
    if (short) short.probing = false;
  }
  if (!res || res.length === 0) throw new Error('Redis answered no reply to a write');
  for (const [err] of res) if (err) throw err;
  if (replicas > 0) {
    const got = Number(res.at(-1)![1]);
    if (got < replicas) {
      shortfalls.set(client, { until: Date.now() + SHORTFALL_BACKOFF_MS, probing: false });
      throw new NotReplicatedError(replicas, got, timeoutMs);
    }
    shortfalls.delete(client);
    return res.at(-2)![1];
  }
  return res.at(-1)![1];
}

/**
 * WAIT on its own, after a batch of writes on a connection of this process only (the CLI's restore): the caller owns
 * the connection, so nothing else ran on it, and a reconnect in between would have failed the writes.
 */
export async function waitForReplicas(client: RedisClient, replicas: number, timeoutMs: number): Promise<void> {
  if (replicas <= 0) return;
  // On a Cluster the writes went to the primary of their slot, over the client's connection to it: WAIT on each
  // primary's connection (the others have nothing of ours to wait for and answer at once).
  const got =
    client instanceof Cluster
      ? Math.min(...(await Promise.all(client.nodes('master').map((n) => n.wait(replicas, timeoutMs)))))
      : await client.wait(replicas, timeoutMs);
  if (got < replicas) throw new NotReplicatedError(replicas, got, timeoutMs);
}

/** Settings for one server at `url`, with no replica wait: tests, benchmarks and `REDIS_URL` callers. */
export function singleServer(url: string): RedisSettings {
  return { topology: { kind: 'single', url }, tls: false, waitReplicas: 0, waitTimeoutMs: 1000 };
}

/** Settings as given, or one server for a URL. */
export const asRedisSettings = (redis: RedisSettings | string): RedisSettings =>
  typeof redis === 'string' ? singleServer(redis) : redis;
