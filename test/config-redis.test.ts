// The Redis topology settings: exactly one of REDIS_URL, REDIS_CLUSTER_NODES, REDIS_SENTINELS, each with what goes
// with it, and a clear error naming the variable otherwise.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { describeRedis } from '../src/store/redis-connection.ts';

const problemOf = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
    return '';
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
};

describe('Redis topology settings', () => {
  it('reads a Cluster: its seed nodes, the node password, and waits for one replica by default', () => {
    const c = loadConfig({
      REDIS_CLUSTER_NODES: '10.0.0.5:6379, redis-b.internal:7000,[::1]:6380',
      REDIS_PASSWORD: 'pw',
    });
    expect(c.embedded).toBe(false);
    expect(c.redis).toEqual({
      topology: {
        kind: 'cluster',
        nodes: [
          { host: '10.0.0.5', port: 6379 },
          { host: 'redis-b.internal', port: 7000 },
          { host: '::1', port: 6380 },
        ],
      },
      password: 'pw',
      tls: false,
      waitReplicas: 1,
      waitTimeoutMs: 1000,
    });
  });

  it('reads Sentinel: the Sentinels, the primary name, both passwords, TLS and the replica wait', () => {
    const c = loadConfig({
      REDIS_SENTINELS: 's1:26379,s2:26379',
      REDIS_SENTINEL_NAME: 'mymaster',
      REDIS_USERNAME: 'numbot',
      REDIS_PASSWORD: 'node-pw',
      REDIS_SENTINEL_PASSWORD: 'sentinel-pw',
      REDIS_TLS: 'true',
      REDIS_WAIT_REPLICAS: '2',
      REDIS_WAIT_TIMEOUT_MS: '250',
    });
    expect(c.redis).toEqual({
      topology: {
        kind: 'sentinel',
        sentinels: [
          { host: 's1', port: 26379 },
          { host: 's2', port: 26379 },
        ],
        name: 'mymaster',
        sentinelPassword: 'sentinel-pw',
      },
      username: 'numbot',
      password: 'node-pw',
      tls: true,
      waitReplicas: 2,
      waitTimeoutMs: 250,
    });
    // What the start-up log line says: addresses, never a password.
    expect(JSON.stringify(describeRedis(c.redis!))).not.toMatch(/pw/);
  });

  it('keeps REDIS_URL as it was: one server, no replica wait unless asked', () => {
    expect(loadConfig({ REDIS_URL: 'redis://:secret@127.0.0.1:6379' }).redis).toEqual({
      topology: { kind: 'single', url: 'redis://:secret@127.0.0.1:6379' },
      tls: false,
      waitReplicas: 0,
      waitTimeoutMs: 1000,
    });
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_WAIT_REPLICAS: '1' }).redis?.waitReplicas).toBe(1);
  });

  it('refuses more than one topology, naming the variables', () => {
    expect(problemOf({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_CLUSTER_NODES: '127.0.0.1:7000' })).toContain(
      'REDIS_URL, REDIS_CLUSTER_NODES: set only one of REDIS_URL (one server), REDIS_CLUSTER_NODES (a Redis Cluster) or REDIS_SENTINELS (Sentinel); they are 2 now',
    );
    expect(
      problemOf({
        REDIS_URL: 'redis://127.0.0.1:6379',
        REDIS_CLUSTER_NODES: '127.0.0.1:7000',
        REDIS_SENTINELS: '127.0.0.1:26379',
        REDIS_SENTINEL_NAME: 'm',
      }),
    ).toContain('they are 3 now');
  });

  it('says what is missing or misplaced', () => {
    expect(problemOf({ REDIS_SENTINELS: '127.0.0.1:26379' })).toContain(
      'REDIS_SENTINEL_NAME: set it to the name the Sentinels monitor the primary under (e.g. mymaster)',
    );
    expect(problemOf({ REDIS_SENTINEL_NAME: 'mymaster' })).toContain(
      'REDIS_SENTINEL_NAME: only used with REDIS_SENTINELS',
    );
    expect(problemOf({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PASSWORD: 'x' })).toContain(
      'REDIS_PASSWORD: with REDIS_URL put the credentials in the URL (redis://user:password@host:6379)',
    );
    expect(problemOf({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_TLS: 'true' })).toContain(
      'REDIS_TLS: with REDIS_URL use a rediss:// URL for TLS',
    );
    expect(problemOf({ REDIS_PASSWORD: 'x' })).toContain(
      'REDIS_PASSWORD: set REDIS_URL, REDIS_CLUSTER_NODES or REDIS_SENTINELS too',
    );
    expect(problemOf({ REDIS_CLUSTER_NODES: '10.0.0.5' })).toContain(
      'REDIS_CLUSTER_NODES: "10.0.0.5" is not host:port (e.g. 10.0.0.5:6379,10.0.0.6:6379)',
    );
    expect(problemOf({ REDIS_CLUSTER_NODES: '10.0.0.5:6379,10.0.0.6:99999' })).toContain(
      '"10.0.0.6:99999" is not host:port',
    );
  });

  it('turns any text in REDIS_CLUSTER_NODES into nodes or a ConfigError naming the variable, never anything else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        try {
          const c = loadConfig({ REDIS_CLUSTER_NODES: text });
          if (c.redis?.topology.kind === 'cluster') {
            for (const n of c.redis.topology.nodes) {
              expect(n.port).toBeGreaterThanOrEqual(1);
              expect(n.port).toBeLessThanOrEqual(65535);
              expect(n.host.length).toBeGreaterThan(0);
            }
          } else expect(text.trim()).toBe('');
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigError);
          expect((e as Error).message).toContain('REDIS_CLUSTER_NODES');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reads back every well-formed list of nodes it is given', () => {
    const host = fc.oneof(fc.ipV4(), fc.domain());
    fc.assert(
      fc.property(
        fc.array(fc.record({ host, port: fc.integer({ min: 1, max: 65535 }) }), { minLength: 1, maxLength: 6 }),
        (nodes) => {
          const c = loadConfig({ REDIS_CLUSTER_NODES: nodes.map((n) => `${n.host}:${n.port}`).join(',') });
          expect(c.redis?.topology).toEqual({ kind: 'cluster', nodes });
        },
      ),
      { numRuns: 200 },
    );
  });
});
