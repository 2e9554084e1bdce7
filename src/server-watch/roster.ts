// The roster as the licence-user matcher needs it: ids, e-mail addresses, login names and products, nothing more.
import type { Person } from '../domain/types.ts';
import type { MigrationStore } from '../store/store.ts';

export type RosterEntry = Pick<Person, 'id' | 'email' | 'logins' | 'products'>;

/** Every person, paged through the store. Called only when a poll shows checkouts to match. */
export async function loadRoster(store: MigrationStore): Promise<RosterEntry[]> {
  const out: RosterEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.scanPeople(cursor, 500);
    for (const p of page.people)
      out.push({ id: p.id, email: p.email, products: p.products, ...(p.logins ? { logins: p.logins } : {}) });
    cursor = page.next;
  } while (cursor);
  return out;
}

/** Loads the roster once, on first use, for everything one poll (or one tick over several servers) needs. */
export function lazyRoster(store: MigrationStore): () => Promise<RosterEntry[]> {
  let loaded: Promise<RosterEntry[]> | undefined;
  return () => (loaded ??= loadRoster(store));
}
