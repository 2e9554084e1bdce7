// Recipients a campaign could not reach when it was queued. They are kept with their job, and every directory sync
// queues the ones who became reachable in the same campaign (same key, so never twice), instead of leaving them
// skipped for ever. A cancelled campaign drops its waiting recipients.
import type { Person } from '../domain/types.ts';
import type { Delivery, DeliveryJob } from '../ports/delivery.ts';
import type { Logger } from '../log.ts';
import type { MigrationStore } from '../store/store.ts';
import { loadPeople } from './people-query.ts';

/** Doc kind of the waiting recipients of one campaign (id = the campaign id). */
export const WAITING_DOC = 'campaign-waiting';
/** Waiting recipients are given up after this long (the campaign's card would be out of date). */
export const WAITING_MAX_AGE_MS = 30 * 24 * 3600_000;

export interface WaitingDoc {
  campaignId: string;
  since: number;
  jobs: DeliveryJob[];
}

/** Remembers the campaign's unreachable recipients (merged with those already waiting in it). */
export async function keepWaiting(
  store: MigrationStore,
  campaignId: string,
  jobs: readonly DeliveryJob[],
  now: number,
): Promise<void> {
  if (jobs.length === 0) return;
  const current = await store.getDoc<WaitingDoc>(WAITING_DOC, campaignId);
  const byKey = new Map((current?.jobs ?? []).map((j) => [j.key, j] as const));
  for (const j of jobs) byKey.set(j.key, j);
  await store.putDoc<WaitingDoc>(WAITING_DOC, campaignId, {
    campaignId,
    since: current?.since ?? now,
    jobs: [...byKey.values()],
  });
}

/**
 * Queues, in their own campaign, the waiting recipients `reachable` now accepts; returns how many were queued.
 * A campaign cancelled or too old is forgotten.
 */
export async function serveWaiting(
  deps: { store: MigrationStore; delivery: Delivery; logger: Logger },
  reachable: (p: Person) => boolean,
  now: number,
): Promise<number> {
  let served = 0;
  for (const { id, value } of await deps.store.listDocs<WaitingDoc>(WAITING_DOC)) {
    const progress = await deps.delivery.progress(id);
    if (progress?.cancelled || now - value.since > WAITING_MAX_AGE_MS) {
      await deps.store.deleteDoc(WAITING_DOC, id);
      continue;
    }
    const people = new Map(
      (
        await loadPeople(
          deps.store,
          value.jobs.map((j) => j.personId),
        )
      ).map((p) => [p.id, p]),
    );
    const ready = value.jobs.filter((j) => {
      const p = people.get(j.personId);
      return p !== undefined && reachable(p);
    });
    // People removed from the roster meanwhile wait no more.
    const still = value.jobs.filter((j) => people.has(j.personId) && !ready.includes(j));
    if (ready.length === 0 && still.length === value.jobs.length) continue;
    if (ready.length) {
      const r = await deps.delivery.enqueue(id, ready);
      served += r.queued;
      deps.logger.info({ campaignId: id, queued: r.queued, duplicates: r.duplicates }, 'waiting recipients queued');
    }
    if (still.length) await deps.store.putDoc<WaitingDoc>(WAITING_DOC, id, { ...value, jobs: still });
    else await deps.store.deleteDoc(WAITING_DOC, id);
  }
  return served;
}
