// Two scheduler replicas on one shared store: each tick runs on exactly one of them. Run on one Redis
// (scheduler.test.ts) and on a Redis Cluster and under Sentinel (test/topology/).
import { expect, it } from 'vitest';
import { createScheduler } from '../../src/schedule/scheduler.ts';
import type { MigrationStore } from '../../src/store/store.ts';
import { uniqueMigrationId } from '../helpers/redis.ts';
import { INFORMED, makeWorld, utc } from './helpers.ts';

const INFORMED_AT = utc('2026-11-26T10:00:00Z');
const MONDAY = utc('2026-11-30T10:05:30Z');

async function seed(w: ReturnType<typeof makeWorld>) {
  for (const name of ['ann', 'bob', 'cy'])
    await w.add({
      email: `${name}@acme.example`,
      firstName: name,
      lastName: 'X',
      products: ['AutoCAD'],
      events: INFORMED,
      at: INFORMED_AT,
    });
}

/** `open(migrationId)` gives each replica's store on its own connection, and a way to close them. */
export function runTwoReplicaTicks(
  open: (migrationId: string) => { a: MigrationStore; b: MigrationStore; close(): Promise<void> },
): void {
  it('run each tick on exactly one of them', async () => {
    const stores = open(uniqueMigrationId('sched'));
    try {
      const a = makeWorld({ now: INFORMED_AT, store: stores.a });
      const b = makeWorld({ now: INFORMED_AT, store: stores.b });
      await seed(a);
      const sa = createScheduler(a.ctx, { replicaId: 'replica-a' });
      const sb = createScheduler(b.ctx, { replicaId: 'replica-b' });

      for (const at of [MONDAY, MONDAY + 60_000]) {
        const outcomes = await Promise.all([sa.tick('reminders', at), sb.tick('reminders', at)]);
        expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
        expect(outcomes.filter((o) => !o.ran)).toEqual([{ job: 'reminders', at, ran: false, reason: 'lease_taken' }]);
      }
      // One set of jobs between them: the first tick enqueued three, the second only found duplicates.
      const keys = [...a.delivery.keysQueued, ...b.delivery.keysQueued].sort();
      expect(keys).toEqual([
        'reminder:ann@acme.example:1',
        'reminder:bob@acme.example:1',
        'reminder:cy@acme.example:1',
      ]);

      const both = await Promise.all([sa.runDueJobs(MONDAY + 120_000), sb.runDueJobs(MONDAY + 120_000)]);
      expect(
        both
          .flat()
          .filter((o) => o.ran)
          .map((o) => o.job)
          .sort(),
      ).toEqual(['invitations', 'reminders', 'summaries']);
    } finally {
      await stores.close();
    }
  });
}
