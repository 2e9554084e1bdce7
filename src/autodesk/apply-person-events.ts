// Applies planned events (upload confirmations, reconciliation) through updatePerson, one event at a time, so a
// repeat (ALREADY_DONE) of one event never blocks the others.
import type { DomainErrorCode } from '../domain/errors.ts';
import type { Actor } from '../domain/types.ts';
import { updatePerson } from '../services/update-person.ts';
import type { MigrationStore } from '../store/store.ts';
import { mapLimited } from './limit.ts';
import type { PersonChanges } from './person-changes.ts';

const CONCURRENCY = 8;

export interface ApplyOutcome {
  /** Events that changed someone. */
  changed: number;
  /** People with at least one change. */
  people: number;
  /** Events that were already true when applied (someone got there first). */
  alreadyDone: number;
  errors: { personId: string; event: string; code: DomainErrorCode; message: string }[];
}

/** Applies each person's events in order; ALREADY_DONE is counted, other refusals are listed, nothing throws. */
export async function applyPersonEvents(
  store: MigrationStore,
  changes: PersonChanges[],
  actor: Actor,
  now: number,
  detail?: string,
): Promise<ApplyOutcome> {
  const out: ApplyOutcome = { changed: 0, people: 0, alreadyDone: 0, errors: [] };
  await mapLimited(changes, CONCURRENCY, async ({ personId, events }) => {
    let changedHere = false;
    for (const event of events) {
      const r = await updatePerson(store, personId, [event], actor, now, detail ? { detail } : {});
      if (r.ok) {
        out.changed++;
        changedHere = true;
      } else if (r.error.code === 'ALREADY_DONE') out.alreadyDone++;
      else out.errors.push({ personId, event: event.type, code: r.error.code, message: r.error.message });
    }
    if (changedHere) out.people++;
  });
  return out;
}
