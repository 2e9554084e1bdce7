// Reading many people through the store's indexes, a page at a time, never one call per person.
import type { Person } from '../domain/types.ts';
import type { MigrationStore } from '../store/store.ts';

const PAGE = 500;

/** Every id in one index (see domain/progress personIndexes). */
export async function indexIds(store: MigrationStore, index: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listIndex(index, cursor, PAGE);
    ids.push(...page.ids);
    cursor = page.next;
  } while (cursor);
  return ids;
}

/** The people with these ids, in chunks; ids that no longer exist are dropped. */
export async function loadPeople(store: MigrationStore, ids: readonly string[]): Promise<Person[]> {
  const out: Person[] = [];
  for (let i = 0; i < ids.length; i += PAGE) {
    const chunk = await store.getPeople(ids.slice(i, i + PAGE));
    for (const p of chunk) if (p) out.push(p);
  }
  return out;
}

/** The people in the union of these indexes, each once. */
export async function peopleInIndexes(store: MigrationStore, indexes: readonly string[]): Promise<Person[]> {
  const ids = new Set<string>();
  for (const index of indexes) for (const id of await indexIds(store, index)) ids.add(id);
  return loadPeople(store, [...ids].sort());
}
