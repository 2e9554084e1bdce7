// Everyone due at `now`, a page at a time. The due set has no cursor and may shift while the tick runs (sent cards
// move people out of it), so each page re-reads a longer prefix and skips ids already handed out.
import type { MigrationStore } from '../store/store.ts';

export const DUE_PAGE = 1000;
/** A bound on one tick's work; people beyond it are handled by the next tick. */
export const MAX_DUE_PAGES = 50;

export async function* duePeople(store: MigrationStore, now: number, pageSize = DUE_PAGE, maxPages = MAX_DUE_PAGES): AsyncGenerator<string[]> {
  const seen = new Set<string>();
  for (let page = 1; page <= maxPages; page++) {
    const limit = page * pageSize;
    const entries = await store.due(now, limit);
    const fresh = entries.map((e) => e.id).filter((id) => !seen.has(id));
    for (const id of fresh) seen.add(id);
    if (fresh.length) yield fresh;
    if (entries.length < limit) return;
  }
}
