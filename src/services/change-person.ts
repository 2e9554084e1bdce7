// Applies events to one person for a command or card action, treating "already done" as success.
import type { DomainError } from '../domain/errors.ts';
import type { PersonEvent } from '../domain/events.ts';
import type { Actor, Person } from '../domain/types.ts';
import { updatePerson, type UpdateOptions } from './update-person.ts';
import type { MigrationStore } from '../store/store.ts';

export type Change = { ok: true; person: Person; already: boolean } | { ok: false; error: DomainError };

/**
 * Applies the events atomically. ALREADY_DONE (a repeat click, a command typed twice) returns the person as
 * stored with `already: true`: the caller answers the same as the first time and nothing is written.
 */
export async function changePerson(
  store: MigrationStore,
  personId: string,
  events: PersonEvent[],
  actor: Actor,
  now: number,
  options: UpdateOptions = {},
): Promise<Change> {
  const r = await updatePerson(store, personId, events, actor, now, options);
  if (r.ok) return { ok: true, person: r.value, already: false };
  if (r.error.code !== 'ALREADY_DONE') return { ok: false, error: r.error };
  const person = await store.getPerson(personId);
  return person ? { ok: true, person, already: true } : { ok: false, error: r.error };
}
