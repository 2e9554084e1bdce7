// Everyone due at `now`, a page of people at a time (as the store read them: no second read). Each page starts after the last instant of the one before (the store never
// splits an instant across pages), so a tick reads each due entry about once however many are due. The due set moves
// while the tick runs (sent cards move people later): someone moved to a later instant still due is seen once.
import type { Person } from '../domain/types.ts';
import type { MigrationStore } from '../store/store.ts';

export const DUE_PAGE = 1000;
/** A bound on one tick's work; people beyond it are handled by the next tick. */
export const MAX_DUE_PAGES = 50;

export async function* duePeople(
  store: MigrationStore,
  now: number,
  pageSize = DUE_PAGE,
  maxPages = MAX_DUE_PAGES,
): AsyncGenerator<Person[]> {
  const seen = new Set<string>();
  let after: number | undefined;
  for (let page = 1; page <= maxPages; page++) {
    const entries = await store.duePage(now, after, pageSize);
    if (entries.length === 0) return;
    const fresh: Person[] = [];
    for (const { id, person } of entries) {
      if (seen.has(id)) continue;
      seen.add(id);
      if (person) fresh.push(person);
    }
    if (fresh.length) yield fresh;
    after = entries[entries.length - 1]!.at;
  }
}
