// Read → decide (core) → write with optimistic concurrency, retried when someone else wrote the person first.
import { DomainError, fail, ok, type Result } from '../domain/errors.ts';
import type { PersonEvent } from '../domain/events.ts';
import { applyEvents } from '../domain/transitions.ts';
import type { Actor, Person } from '../domain/types.ts';
import type { IndexFloor, MigrationStore } from '../store/store.ts';

const MAX_ATTEMPTS = 8;

export interface UpdateOptions {
  /** Audit detail (short, no message bodies). */
  detail?: string;
  /** Computes the person's next due time from the new state; null removes them from the due set. */
  dueAt?: (after: Person) => number | null | undefined;
  /** Refuses the change (REFUSED, nothing written) unless this index keeps at least this many members, atomically. */
  keep?: IndexFloor;
  /**
   * The person as the caller last read them: the first attempt decides on it instead of reading again. A stale copy
   * costs nothing but that attempt (its write conflicts, or its refusal is checked again on fresh state).
   */
  current?: Person;
}

/**
 * Applies events to one person atomically. Returns the new person, or the domain error of the first event that
 * does not apply (nothing is written then). Retries on concurrent writes, re-deciding on fresh state each time.
 */
export async function updatePerson(
  store: MigrationStore,
  id: string,
  events: PersonEvent[],
  actor: Actor,
  now: number,
  options: UpdateOptions = {},
): Promise<Result<Person>> {
  let known = options.current?.id === id ? options.current : undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const before = known ?? (await store.getPerson(id));
    const decidedOnKnown = known !== undefined;
    known = undefined;
    if (!before) return fail('NOT_FOUND', `no person ${id} in this migration`);
    const r = applyEvents(before, events, now);
    // Only fresh state may refuse: the caller's copy may predate the change that makes these events apply.
    if (!r.ok) {
      if (decidedOnKnown) continue;
      return r;
    }
    const dueAt = options.dueAt?.(r.value);
    const { conflicts, refused } = await store.writePeople(
      [
        {
          expectedVersion: before.version,
          before,
          after: r.value,
          action: events.map((e) => e.type).join('+'),
          ...(options.detail ? { detail: options.detail } : {}),
          ...(dueAt !== undefined ? { dueAt } : {}),
          ...(options.keep ? { keep: options.keep } : {}),
        },
      ],
      actor,
      now,
    );
    if (conflicts.length === 0 && refused?.length) {
      return fail('REFUSED', `${options.keep?.index} would keep fewer than ${options.keep?.atLeast} members`);
    }
    if (conflicts.length === 0) return ok(r.value);
  }
  return { ok: false, error: new DomainError('CONFLICT', `person ${id} kept changing; try again`) };
}

/** Creates a person unless one with that id exists; false when it already existed. */
export async function createPerson(store: MigrationStore, person: Person, actor: Actor, now: number): Promise<boolean> {
  const { conflicts } = await store.writePeople(
    [{ expectedVersion: -1, after: person, action: 'person.created' }],
    actor,
    now,
  );
  return conflicts.length === 0;
}
