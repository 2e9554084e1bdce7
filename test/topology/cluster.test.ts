// A Redis Cluster (three primaries, one replica each, passwords on) started here: every contract, and every key of a
// migration on the slot of its hash tag.
import { describe, expect, it } from 'vitest';
import { startCluster } from '../helpers/redis-topology.ts';
import { runTopologySuites, withTopology } from './suites.ts';

const cluster = withTopology(() => startCluster());
runTopologySuites('a Redis Cluster', cluster);

describe('keys on a Redis Cluster', () => {
  it('puts every key of a migration (people, indexes, audit, docs, leases, campaigns, BullMQ queues) on the slot of its {MIGRATION_ID} tag, on one node', async () => {
    const topology = cluster.topology();
    const byTag = new Map<string, { keys: string[]; ports: Set<number> }>();
    for (const node of topology.processes) {
      const c = node.client();
      try {
        if (!(await c.info('replication')).includes('role:master')) continue;
        let cursor = '0';
        do {
          const [next, keys] = await c.scan(cursor, 'MATCH', 'num:{*', 'COUNT', 1000);
          for (const key of keys) {
            const tag = /\{([^}]*)\}/.exec(key)![1]!;
            const entry = byTag.get(tag) ?? { keys: [], ports: new Set<number>() };
            entry.keys.push(key);
            entry.ports.add(node.port);
            byTag.set(tag, entry);
          }
          cursor = next;
        } while (cursor !== '0');
      } finally {
        c.disconnect();
      }
    }
    const all = [...byTag.values()].flatMap((e) => e.keys);
    // The suites above wrote every family of key.
    for (const family of [':people', ':idx:', ':counters', ':audit', ':doc:', ':lease:', ':campaign:', ':q:teams:'])
      expect(all.some((k) => k.includes(family))).toBe(true);
    const probe = cluster.client();
    for (const [tag, { keys, ports }] of byTag) {
      expect(ports.size).toBe(1);
      const slots = new Set(await Promise.all(keys.map((k) => probe.call('CLUSTER', 'KEYSLOT', k))));
      expect([...slots]).toEqual([await probe.call('CLUSTER', 'KEYSLOT', `{${tag}}`)]);
    }
  });

  it('is a real test: the Cluster refuses one script over keys of two migrations', async () => {
    const c = cluster.client();
    await expect(
      c.eval("return redis.call('EXISTS', KEYS[1], KEYS[2])", 2, 'num:{alpha}:people', 'num:{beta}:people'),
    ).rejects.toThrow(/CROSSSLOT/);
  });
});
