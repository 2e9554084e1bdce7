// Applies a parsed roster to the store: ~1,000 people per atomic batch, re-read and re-planned on conflicts.
import { DomainError } from '../domain/errors.ts';
import type { Actor, Person } from '../domain/types.ts';
import type { MigrationStore } from '../store/store.ts';
import type { ParsedRoster, Rejection } from './parse-roster.ts';
import { planManagerGrant, planRow, type PlannedChange } from './plan-import.ts';

export interface ImportOptions {
  /** Validate and count without writing anything. */
  dryRun?: boolean;
  batchSize?: number;
  /** Attempts per batch when other writers keep changing its people. */
  maxAttempts?: number;
}

export interface ImportResult {
  /** Data rows accepted. */
  accepted: number;
  /** People created, updated (including managers outside the file given the manager role) and left unchanged. */
  created: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[];
  /** Rows imported with a doubt worth checking, by line (absent when there is none). */
  warnings?: Rejection[];
}

const BATCH = 1000;
const ATTEMPTS = 8;
const IN_FLIGHT = 4;

async function inParallel(count: number, width: number, run: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await run(next++);
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, lane));
}

/**
 * Imports the accepted rows of a roster: new people are created, existing ones updated through `profile.updated`,
 * so importing the same file twice changes nothing. Anyone named as a manager gets the manager role: in the file,
 * already in the store, or named by people already in the store. A manager not known at all is only referenced.
 */
export async function importRoster(
  store: MigrationStore,
  roster: ParsedRoster,
  actor: Actor,
  now: number,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const size = options.batchSize ?? BATCH;
  const managers = new Set(roster.entries.flatMap((e) => (e.manager ? [e.manager] : [])));
  const inFile = new Set(roster.entries.map((e) => e.id));
  const result: ImportResult = {
    accepted: roster.accepted,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: roster.rejected,
    ...(roster.warnings.length > 0 && { warnings: roster.warnings }),
  };
  const write = (ids: string[], plan: (existing: (Person | undefined)[]) => Promise<PlannedChange[]>) =>
    writeBatch(store, ids, plan, actor, now, options);

  // Batches hold distinct people, so a few can be in flight at once: Redis works while we plan the next one.
  await inParallel(Math.ceil(roster.entries.length / size), IN_FLIGHT, async (b) => {
    const rows = roster.entries.slice(b * size, (b + 1) * size);
    const plans = await write(
      rows.map((r) => r.id),
      async (existing) => {
        // A new person imported after the people they manage is found through the store's manager index: one
        // lookup for the batch.
        const unknown = rows.flatMap((row, j) => (existing[j] || managers.has(row.id) ? [] : [j]));
        const managing = new Map<number, boolean>();
        if (unknown.length) {
          const counts = await store.countIndexes(unknown.map((j) => `manager:${rows[j]!.id}`));
          unknown.forEach((j, i) => managing.set(j, counts[i]! > 0));
        }
        return rows.map((row, j) => planRow(row, existing[j], managers.has(row.id) || managing.get(j) === true, now));
      },
    );
    for (const p of plans) result[p.kind]++;
  });

  const outside = [...managers].filter((id) => !inFile.has(id));
  for (let i = 0; i < outside.length; i += size) {
    const plans = await write(outside.slice(i, i + size), async (existing) =>
      existing.map((p) => (p ? planManagerGrant(p, now) : { kind: 'unchanged' as const })),
    );
    result.updated += plans.filter((p) => p.kind === 'updated').length;
  }
  return result;
}

async function writeBatch(
  store: MigrationStore,
  ids: string[],
  plan: (existing: (Person | undefined)[]) => Promise<PlannedChange[]>,
  actor: Actor,
  now: number,
  options: ImportOptions,
): Promise<PlannedChange[]> {
  const attempts = options.maxAttempts ?? ATTEMPTS;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const plans = await plan(await store.getPeople(ids));
    const writes = plans.flatMap((p) => (p.kind === 'unchanged' ? [] : [p.write]));
    if (options.dryRun || writes.length === 0) return plans;
    const { conflicts } = await store.writePeople(writes, actor, now);
    if (conflicts.length === 0) return plans;
  }
  throw new DomainError(
    'CONFLICT',
    `people in this import kept changing while it ran (${attempts} attempts on a batch starting with ${ids[0]}); ` +
      'batches before it were imported; run the import again to finish (it is idempotent)',
  );
}
