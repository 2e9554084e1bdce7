// Roster import benchmark: parsing speed of a large HR export (clean, and with many broken quotes), and the import
// into the memory store and, when REDIS_URL is set, into Redis (first import, idempotent re-import, and an import
// that changes every person). JSON lines; `cpuMs` is this process's CPU time (user + system), steadier than `ms` on a
// busy machine. `npm run bench -- roster [--rows n]`.
import { dropMigration } from './helpers.ts';
import { Redis } from 'ioredis';
import { importRoster } from '../src/roster/import-roster.ts';
import { parseRoster, type ParsedRoster } from '../src/roster/parse-roster.ts';
import { createMemoryStore } from '../src/store/memory-store.ts';
import { createRedisStore } from '../src/store/redis-store.ts';
import type { MigrationStore } from '../src/store/store.ts';

const PRODUCTS = ['AutoCAD', 'Revit', 'Civil 3D', 'Inventor', '3ds Max'];
const LANGS = ['Français', 'nl-BE', 'Deutsch', 'en'];

/** An HR export as French Excel writes it: semicolons, CRLF, quoted departments, accents, managers. */
function hrCsv(n: number, brokenEvery = 0, variant = ''): Buffer {
  const lines = ['Prénom;Nom;Adresse e-mail;Responsable;Service;Langue;Produits;Fuseau horaire'];
  for (let i = 0; i < n; i++) {
    const last = brokenEvery && i % brokenEvery === 7 ? `"Lefèvre${i}` : `Lefèvre${i}`;
    const manager = i % 50 === 0 ? '' : `emilie${i - (i % 50)}.lefevre@exemple.fr`;
    const products = `${PRODUCTS[i % 5]}|${PRODUCTS[(i + 2) % 5]}${variant ? `|${PRODUCTS[(i + 1) % 5]}` : ''}`;
    lines.push(
      `Émilie${i};${last};emilie${i}.lefevre@exemple.fr;${manager};"Bureau d'études${variant}; ${i % 20}";${LANGS[i % 4]};${products};Europe/Brussels`,
    );
  }
  return Buffer.from(lines.join('\r\n') + '\r\n');
}

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number, number]> {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const r = await fn();
  const used = process.cpuUsage(cpu);
  return [r, performance.now() - t, (used.user + used.system) / 1000];
}

function parsed(csv: Buffer): [ParsedRoster, number] {
  const [r, ms] = time(() => parseRoster(csv));
  if (!r.ok) throw new Error(r.reason);
  return [r.roster, ms];
}

async function importThrice(
  kind: string,
  store: MigrationStore,
  roster: ParsedRoster,
  changed: ParsedRoster,
): Promise<void> {
  const actor = { id: 'bench', source: 'import' as const };
  const people = roster.entries.length;
  const line = (metric: string, counts: Record<string, number>, ms: number, cpuMs: number) =>
    console.log(
      JSON.stringify({
        bench: 'roster',
        metric,
        store: kind,
        people,
        ...counts,
        ms: Math.round(ms),
        cpuMs: Math.round(cpuMs),
        peoplePerSec: Math.round(people / (ms / 1000)),
        peoplePerCpuSec: Math.round(people / (cpuMs / 1000)),
      }),
    );
  const [first, ms, cpu] = await timeAsync(() => importRoster(store, roster, actor, Date.now()));
  line('import', { created: first.created }, ms, cpu);
  const [again, ms2, cpu2] = await timeAsync(() => importRoster(store, roster, actor, Date.now()));
  line('reimport', { unchanged: again.unchanged }, ms2, cpu2);
  const [update, ms3, cpu3] = await timeAsync(() => importRoster(store, changed, actor, Date.now()));
  line('update', { updated: update.updated }, ms3, cpu3);
}

export async function main(args: string[]): Promise<void> {
  const n = Number(args[args.indexOf('--rows') + 1]) || 50_000;
  const clean = hrCsv(n);
  const [roster, parseMs] = parsed(clean);
  console.log(
    JSON.stringify({
      bench: 'roster',
      metric: 'parse',
      rows: n,
      bytes: clean.length,
      ms: Math.round(parseMs),
      rowsPerSec: Math.round(n / (parseMs / 1000)),
    }),
  );
  const [broken, brokenMs] = parsed(hrCsv(n, 50));
  console.log(
    JSON.stringify({
      bench: 'roster',
      metric: 'parse-broken-quotes',
      rows: n,
      rejected: broken.rejected.length,
      ms: Math.round(brokenMs),
      rowsPerSec: Math.round(n / (brokenMs / 1000)),
    }),
  );

  const [changed] = parsed(hrCsv(n, 0, ' (nouveau)'));

  await importThrice('memory', createMemoryStore('bench'), roster, changed);
  const url = process.env.REDIS_URL;
  if (!url) return;
  const redis = new Redis(url);
  const migrationId = `bench-roster-${Date.now().toString(36)}`;
  try {
    await importThrice('redis', createRedisStore({ redis, migrationId }), roster, changed);
  } finally {
    await dropMigration(redis, migrationId);
    await redis.quit();
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) await main(process.argv.slice(2));
