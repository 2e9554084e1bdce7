// Store benchmark: bulk import into real Redis (people/s), Redis memory per person, and progress-summary time
// at 1,000 and 100,000 people. Prints JSON lines. REDIS_URL defaults to redis://127.0.0.1:6379.
import { dropMigration } from './helpers.ts';
import { Redis } from 'ioredis';
import { newPerson } from '../src/domain/person.ts';
import { progressFromCounters } from '../src/domain/progress.ts';
import type { Person } from '../src/domain/types.ts';
import { createRedisStore } from '../src/store/redis-store.ts';
import type { MigrationStore } from '../src/store/store.ts';

const PRODUCTS = ['AutoCAD', 'Revit', 'Civil 3D', 'Inventor', '3ds Max'];
const DEPTS = ['Design', 'Engineering', 'Survey', 'Architecture', 'BIM'];

function generate(n: number, offset = 0): Person[] {
  const now = Date.UTC(2026, 10, 2);
  return Array.from({ length: n }, (_, j) => {
    const i = offset + j;
    return newPerson(
      {
        email: `firstname${i}.lastname${i}@example-company.com`,
        firstName: `Firstname${i}`,
        lastName: `Lastname${i}`,
        locale: (['en', 'fr', 'nl', 'de'] as const)[i % 4],
        department: DEPTS[i % DEPTS.length],
        manager: `manager${i % 500}@example-company.com`,
        products: [PRODUCTS[i % PRODUCTS.length]!, PRODUCTS[(i + 2) % PRODUCTS.length]!],
      },
      now,
    );
  });
}

async function importAll(store: MigrationStore, people: Person[], batch = 500, inFlight = 4): Promise<void> {
  const actor = { id: 'bench', source: 'import' as const };
  let next = 0;
  const worker = async () => {
    while (next < people.length) {
      const slice = people.slice(next, (next += batch));
      const existing = await store.getPeople(slice.map((p) => p.id));
      const writes = slice
        .filter((_, j) => !existing[j])
        .map((p) => ({ expectedVersion: -1, after: p, action: 'import' }));
      const out = await store.writePeople(writes, actor, Date.now());
      if (out.conflicts.length) throw new Error(`unexpected conflicts: ${out.conflicts.length}`);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}

async function summaryMs(store: MigrationStore, runs = 50): Promise<number> {
  for (let i = 0; i < 5; i++) progressFromCounters(await store.counters());
  const t = performance.now();
  for (let i = 0; i < runs; i++) progressFromCounters(await store.counters());
  return (performance.now() - t) / runs;
}

export async function main(args: string[]): Promise<void> {
  const n = Number(args[args.indexOf('--people') + 1]) || 100_000;
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(url);
  const tag = `bench-${Date.now().toString(36)}`;
  try {
    const small = createRedisStore({ redis, migrationId: `${tag}-small` });
    await importAll(small, generate(1000));
    const smallMs = await summaryMs(small);

    const big = createRedisStore({ redis, migrationId: `${tag}-big` });
    const people = generate(n);
    const before = await usedMemory(redis);
    const t = performance.now();
    await importAll(big, people);
    const seconds = (performance.now() - t) / 1000;
    const after = await usedMemory(redis);
    const bigMs = await summaryMs(big);
    console.log(
      JSON.stringify({
        bench: 'store',
        metric: 'import',
        people: n,
        seconds: +seconds.toFixed(3),
        peoplePerSec: Math.round(n / seconds),
      }),
    );
    console.log(
      JSON.stringify({ bench: 'store', metric: 'memory', people: n, bytesPerPerson: Math.round((after - before) / n) }),
    );
    console.log(JSON.stringify({ bench: 'store', metric: 'summary', people: 1000, ms: +smallMs.toFixed(3) }));
    console.log(
      JSON.stringify({
        bench: 'store',
        metric: 'summary',
        people: n,
        ms: +bigMs.toFixed(3),
        ratioTo1000: +(bigMs / smallMs).toFixed(2),
      }),
    );
  } finally {
    for (const m of process.env.KEEP ? [] : [`${tag}-small`, `${tag}-big`]) await dropMigration(redis, m);
    await redis.quit();
  }
}
