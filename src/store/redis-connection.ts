// Every Redis connection numbot opens is built here, from the settings config.ts derived from exactly one of REDIS_URL,
// REDIS_CLUSTER_NODES and REDIS_SENTINELS. ioredis speaks all three natively (Cluster redirections, Sentinel
// discovery and failover), so the store, the delivery queues and the leases need no proxy in front of Redis.
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
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

/**
 * Waits until the writes this client sent on the connection serving `key` are on `replicas` replicas (Redis WAIT).
 * WAIT counts the writes of the connection it runs on, so on a Cluster it rides in a pipeline with a read of `key`,
 * which sends both to the node that holds the key's slot (the node the writes went to).
 */
export async function waitForReplicas(client: RedisClient, key: string, replicas: number, timeoutMs: number) {
  if (replicas <= 0) return;
  let got: number;
  if (client instanceof Cluster) {
    const res = await client.pipeline().exists(key).wait(replicas, timeoutMs).exec();
    const [err, value] = res?.[1] ?? [new Error('WAIT got no answer'), 0];
    if (err) throw err;
    got = Number(value);
  } else got = await client.wait(replicas, timeoutMs);
  if (got < replicas) throw new NotReplicatedError(replicas, got, timeoutMs);
}

/** Settings for one server at `url`, with no replica wait: tests, benchmarks and `REDIS_URL` callers. */
export function singleServer(url: string): RedisSettings {
  return { topology: { kind: 'single', url }, tls: false, waitReplicas: 0, waitTimeoutMs: 1000 };
}

/** Settings as given, or one server for a URL. */
export const asRedisSettings = (redis: RedisSettings | string): RedisSettings =>
  typeof redis === 'string' ? singleServer(redis) : redis;
