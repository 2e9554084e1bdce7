// The failover drill: two bot replicas (delivery workers, schedulers, roster writes) on a real topology; the primary
// holding the migration is killed (SIGKILL) in the middle of a 2,000-person campaign, its replication link cut just
// before so that whatever was not yet replicated is really lost. Afterwards: every recipient served, none twice beyond the
// sends in flight, no scheduler tick run twice, no roster change acknowledged before the kill lost.
import { createBullDelivery } from '../../src/delivery/redis/bullmq-delivery.ts';
import type { Delivery } from '../../src/ports/delivery.ts';
import { newPerson } from '../../src/domain/person.ts';
import { createLogger } from '../../src/log.ts';
import type { Scheduler } from '../../src/ports/scheduler.ts';
import { createScheduler } from '../../src/schedule/scheduler.ts';
import { createPerson } from '../../src/services/update-person.ts';
import { createRedisStore } from '../../src/store/redis-store.ts';
import type { MigrationStore } from '../../src/store/store.ts';
import { FakeChannel } from '../delivery/helpers/fake-channel.ts';
import { informJob, personId, seedPeople, testPerson, until } from '../delivery/helpers/people.ts';
import { uniqueMigrationId } from '../helpers/redis.ts';
import { REDIS_PASSWORD, waitFor, type RedisProcess, type Topology } from '../helpers/redis-topology.ts';
import { makeWorld } from '../schedule/helpers.ts';

export const PEOPLE = 2000;
const CONCURRENCY = 8;
const REPLICAS = 2;
/** Sends a recipient may get twice: those in flight when the primary died (each replica's concurrency). */
export const IN_FLIGHT_BOUND = CONCURRENCY * REPLICAS;
const TICK_BASE = Date.UTC(2026, 10, 30, 10, 0);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface DrillReport {
  sentAtKill: number;
  served: number;
  duplicates: number;
  informed: number;
  /** Tick minutes run by more than one replica (must be none). */
  ticksRunTwice: number[];
  /** Ticks whose lease had been acknowledged but which ran again after the failover (must be none). */
  ticksRerunAfterFailover: number[];
  ticksRun: number;
  ticksRefused: number;
  rosterAcknowledged: number;
  rosterRefused: number;
  /** Acknowledged roster changes missing after the failover (must be none). */
  rosterLost: string[];
  failoverMs: number;
}

interface Replica {
  store: MigrationStore;
  delivery: Delivery;
  scheduler: Scheduler;
}

function replica(topology: Topology, migrationId: string, channel: FakeChannel, name: string): Replica {
  const store = createRedisStore({ redis: topology.settings, migrationId });
  const delivery = createBullDelivery({
    redis: topology.settings,
    migrationId,
    store,
    channels: { teams: channel },
    clock: { now: () => Date.now() },
    logger: createLogger('silent'),
    defaults: { locale: 'en', timeZone: 'Europe/Brussels' },
    rates: { teams: 250 },
    concurrency: CONCURRENCY,
    maxAttempts: 8,
    backoffMs: 200,
    progressEveryMs: 500,
    lockDurationMs: 3000,
    stalledIntervalMs: 1500,
  });
  const scheduler = createScheduler(makeWorld({ now: TICK_BASE, store }).ctx, { replicaId: name });
  return { store, delivery, scheduler };
}

/** Runs `body` every `everyMs` until `stop()` is true; errors are the body's to record. */
async function loop(stop: () => boolean, everyMs: number, body: (i: number) => Promise<void>): Promise<void> {
  for (let i = 0; !stop(); i++) {
    await body(i);
    await sleep(everyMs);
  }
}

/** Who is what, for a failure message. */
async function describeTopology(topology: Topology): Promise<string> {
  const out: string[] = [];
  for (const p of topology.processes) {
    const c = p.client();
    try {
      const info = await c.info('replication');
      out.push(`${p.port}: ${/role:(\w+)/.exec(info)?.[1]} ${/master_link_status:(\w+)/.exec(info)?.[1] ?? ''}`);
    } catch (err) {
      out.push(`${p.port}: ${(err as Error).message}`);
    } finally {
      c.disconnect();
    }
  }
  return out.join(', ');
}

/** The replica following `primary`. */
async function replicaOf(topology: Topology, primary: RedisProcess): Promise<RedisProcess> {
  for (const p of topology.processes) {
    if (p === primary || !p.running) continue;
    const c = p.client();
    try {
      const info = await c.info('replication');
      if (info.includes('role:slave') && info.includes(`master_port:${primary.port}`)) return p;
    } catch {
      // the Sentinel: not a replica
    } finally {
      c.disconnect();
    }
  }
  throw new Error(`no replica of ${primary.port}`);
}

/**
 * Cuts the replication link and keeps it cut (the replica cannot authenticate again) until the returned function
 * mends it: what the primary acknowledges meanwhile is on no replica.
 */
async function cutReplication(primary: RedisProcess, replica: RedisProcess): Promise<() => Promise<void>> {
  const r = replica.client();
  const p = primary.client();
  try {
    await r.config('SET', 'masterauth', 'not-the-password');
    await p.call('CLIENT', 'KILL', 'TYPE', 'replica');
  } finally {
    p.disconnect();
  }
  return async () => {
    try {
      await r.config('SET', 'masterauth', REDIS_PASSWORD);
    } finally {
      r.disconnect();
    }
  };
}

const phase = (what: string) => {
  if (process.env.NUMBOT_DRILL_TRACE) process.stderr.write(`drill ${new Date().toISOString()} ${what}\n`);
};

export async function failoverDrill(topology: Topology): Promise<DrillReport> {
  const migrationId = uniqueMigrationId('failover');
  const peopleKey = `num:{${migrationId}}:people`;
  const channel = new FakeChannel('teams');
  // Each send takes a few milliseconds, as a platform's answer does: sends are really in flight at the kill.
  channel.gate = async () => {
    await sleep(3 + Math.random() * 4);
  };
  const a = replica(topology, migrationId, channel, 'replica-a');
  const b = replica(topology, migrationId, channel, 'replica-b');
  const report: DrillReport = {
    sentAtKill: 0,
    served: 0,
    duplicates: 0,
    informed: 0,
    ticksRunTwice: [],
    ticksRerunAfterFailover: [],
    ticksRun: 0,
    ticksRefused: 0,
    rosterAcknowledged: 0,
    rosterRefused: 0,
    rosterLost: [],
    failoverMs: 0,
  };
  let stopping = false;
  const acknowledged: string[] = [];
  const ranBy = new Map<number, string[]>();
  try {
    await seedPeople(
      a.store,
      Array.from({ length: PEOPLE }, (_, n) => testPerson(n)),
    );
    await a.delivery.start();
    await b.delivery.start();
    await a.delivery.enqueue(
      'drill',
      Array.from({ length: PEOPLE }, (_, n) => informJob(n)),
    );

    // Roster changes, acknowledged when createPerson resolves (the CLI and chat answer "done" then).
    const roster = loop(
      () => stopping,
      5,
      async (i) => {
        const p = newPerson({ email: `late${i}@example.com`, firstName: 'Late', lastName: `${i}`, products: [] }, 1000);
        try {
          if (await createPerson(a.store, p, { id: 'hr', source: 'import' }, Date.now())) acknowledged.push(p.id);
        } catch {
          report.rosterRefused++;
        }
      },
    );
    // Scheduler ticks, one UTC minute each, both replicas at once: each runs on at most one.
    const ticks = loop(
      () => stopping,
      5,
      async (k) => {
        const at = TICK_BASE + k * 60_000;
        const outcomes = await Promise.all(
          [a, b].map((r) => r.scheduler.tick('invitations', at).catch(() => undefined)),
        );
        const ran = outcomes.flatMap((o, i) => (o?.ran ? [i === 0 ? 'a' : 'b'] : []));
        if (outcomes.some((o) => o === undefined)) report.ticksRefused++;
        if (ran.length) ranBy.set(k, ran);
      },
    );

    await until(() => channel.sends.length >= PEOPLE * 0.4, 60_000, '40% of the campaign sent');
    phase('40% sent');
    const primary = await topology.primaryFor(peopleKey);
    // The replication link is cut for a moment before the kill: what the primary acknowledges then
    // reaches no replica before it dies (a lagging replica). Only what a replica confirmed (WAIT) survives.
    const mend = await cutReplication(primary, await replicaOf(topology, primary));
    await sleep(300);
    report.sentAtKill = channel.sends.length;
    const killedAt = Date.now();
    await primary.kill('SIGKILL');
    phase('primary killed');
    await mend();
    await waitFor('a new primary', async () => (await topology.primaryFor(peopleKey)) !== primary, 30_000);
    report.failoverMs = Date.now() - killedAt;
    phase('new primary');
    // The old primary comes back (as an orchestrator would restart it) and rejoins as a replica.
    await topology.rejoin(primary);
    await waitFor(
      `the old primary to rejoin as a replica (${await describeTopology(topology)})`,
      async () => {
        const c = primary.client();
        try {
          return (await c.info('replication')).includes('master_link_status:up');
        } finally {
          c.disconnect();
        }
      },
      60_000,
    );

    phase('old primary rejoined');
    let lastProgress: unknown;
    await until(
      async () => {
        const p = await a.delivery.progress('drill');
        lastProgress = p;
        return p !== undefined && p.sent === PEOPLE;
      },
      120_000,
      'every recipient sent',
    ).catch((err: Error) => {
      const served = Array.from({ length: PEOPLE }, (_, n) => channel.sentTo(personId(n))).filter((c) => c >= 1).length;
      throw new Error(
        `${err.message}: progress ${JSON.stringify(lastProgress)}, sends ${channel.sends.length}, served ${served}`,
      );
    });
    await until(async () => (await a.store.countIndex('step4:informed')) === PEOPLE, 60_000, 'every person informed');
    phase('all informed');
    stopping = true;
    await Promise.all([roster, ticks]);
    phase('loops stopped');

    const counts = Array.from({ length: PEOPLE }, (_, n) => channel.sentTo(personId(n)));
    report.served = counts.filter((c) => c >= 1).length;
    report.duplicates = counts.reduce((sum, c) => sum + Math.max(0, c - 1), 0);
    report.informed = await a.store.countIndex('step4:informed');
    report.ticksRun = ranBy.size;
    report.ticksRunTwice = [...ranBy].filter(([, who]) => who.length > 1).map(([k]) => k);
    // Every tick that ran before or during the failover keeps its lease: asked again now, neither replica runs it.
    for (const k of ranBy.keys()) {
      const again = await Promise.all([a, b].map((r) => r.scheduler.tick('invitations', TICK_BASE + k * 60_000)));
      if (again.some((o) => o.ran)) report.ticksRerunAfterFailover.push(k);
    }
    report.rosterAcknowledged = acknowledged.length;
    const found = await a.store.getPeople(acknowledged);
    report.rosterLost = acknowledged.filter((_, i) => !found[i]);
    phase('checked');
    return report;
  } finally {
    stopping = true;
    await Promise.all([a, b].map((r) => r.delivery.stop().catch(() => undefined)));
    await Promise.all([a, b].map((r) => r.store.close().catch(() => undefined)));
  }
}
