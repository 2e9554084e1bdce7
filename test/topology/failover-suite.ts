// The failover drill as a vitest suite, for each topology (failover-sentinel.test.ts, failover-cluster.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Topology } from '../helpers/redis-topology.ts';
import { failoverDrill, IN_FLIGHT_BOUND, PEOPLE } from './failover.ts';

export function runFailoverSuite(name: string, start: () => Promise<Topology>): void {
  describe(`failover on ${name}`, () => {
    let topology: Topology;
    beforeAll(async () => {
      topology = await start();
    }, 60_000);
    afterAll(async () => topology?.stop());

    it('kills the primary mid-campaign: every recipient served, none twice beyond the sends in flight, no tick run twice, no acknowledged roster change lost', async () => {
      const r = await failoverDrill(topology);
      // One line per run, so repeated runs can be compared (docs/OPERATIONS.md quotes them).
      console.log(`failover drill (${name}): ${JSON.stringify({ ...r, rosterLost: r.rosterLost.length })}`);
      expect(r.sentAtKill).toBeLessThan(PEOPLE);
      expect(r.served).toBe(PEOPLE);
      expect(r.informed).toBe(PEOPLE);
      expect(r.duplicates).toBeLessThanOrEqual(IN_FLIGHT_BOUND);
      expect(r.ticksRunTwice).toEqual([]);
      expect(r.ticksRerunAfterFailover).toEqual([]);
      expect(r.ticksRun).toBeGreaterThan(10);
      expect(r.rosterAcknowledged).toBeGreaterThan(10);
      expect(r.rosterLost).toEqual([]);
    }, 240_000);
  });
}
