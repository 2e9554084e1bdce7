// What one person write moves: index memberships and counter deltas, computed once for both stores.
import { diffKeys, personCounters, personIndexes } from '../domain/progress.ts';
import type { PersonWrite } from './store.ts';

export interface WriteEffects {
  indexRemoved: string[];
  indexAdded: string[];
  /** counter -> delta, only non-zero entries. */
  counterDeltas: Map<string, number>;
}

/** Index and counter changes for a batch; counter deltas are summed across the batch. */
export function effectsOf(writes: PersonWrite[]): {
  perWrite: { removed: string[]; added: string[] }[];
  counters: Map<string, number>;
} {
  const counters = new Map<string, number>();
  const perWrite = writes.map((w) => {
    const before = w.before;
    const idx = diffKeys(before ? personIndexes(before) : [], personIndexes(w.after));
    const cnt = diffKeys(before ? personCounters(before) : [], personCounters(w.after));
    for (const k of cnt.removed) counters.set(k, (counters.get(k) ?? 0) - 1);
    for (const k of cnt.added) counters.set(k, (counters.get(k) ?? 0) + 1);
    return idx;
  });
  for (const [k, v] of counters) if (v === 0) counters.delete(k);
  return { perWrite, counters };
}
