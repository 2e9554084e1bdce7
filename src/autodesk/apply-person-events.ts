// Applies planned events (upload confirmations, reconciliation) one event at a time, so a repeat (ALREADY_DONE) of
// one event never blocks the others. Without a guard this is updatePerson; with one, the guard is re-checked on the
// fresh person inside the read → decide → write loop, so two runs at once cannot both apply a wanted-once event.
import type { DomainErrorCode } from '../domain/errors.ts';
import type { PersonEvent } from '../domain/events.ts';
import { applyEvent } from '../domain/transitions.ts';
import type { Actor, Person } from '../domain/types.ts';
import { updatePerson } from '../services/update-person.ts';
import type { MigrationStore } from '../store/store.ts';
import { mapLimited } from './limit.ts';
import type { PersonChanges } from './person-changes.ts';

const CONCURRENCY = 8;
const MAX_ATTEMPTS = 8;

export interface ApplyOutcome {
  /** Events that changed someone. */
  changed: number;
  /** People with at least one change. */
  people: number;
  /** Events that were already true (or no longer wanted) when applied. */
  alreadyDone: number;
  errors: { personId: string; event: string; code: DomainErrorCode; message: string }[];
}

/**
 * False when the event, though legal, is no longer wanted for the person as they are now (e.g. `invite.sent` to
 * someone already invited, which the domain would count as a resend). Skipped events count as alreadyDone.
 */
export type StillWanted = (person: Person, event: PersonEvent) => boolean;

export interface ApplyOptions {
  /** Audit detail (short, no message bodies). */
  detail?: string;
  stillWanted?: StillWanted;
}

type One = { kind: 'changed' } | { kind: 'already' } | { kind: 'error'; code: DomainErrorCode; message: string };

async function applyGuarded(
  store: MigrationStore,
  id: string,
  event: PersonEvent,
  actor: Actor,
  now: number,
  o: ApplyOptions,
  stillWanted: StillWanted,
): Promise<One> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const before = await store.getPerson(id);
    if (!before) return { kind: 'error', code: 'NOT_FOUND', message: `no person ${id} in this migration` };
    if (!stillWanted(before, event)) return { kind: 'already' };
    const r = applyEvent(before, event, now);
    if (!r.ok)
      return r.error.code === 'ALREADY_DONE'
        ? { kind: 'already' }
        : { kind: 'error', code: r.error.code, message: r.error.message };
    const write = {
      expectedVersion: before.version,
      before,
      after: r.value,
      action: event.type,
      ...(o.detail ? { detail: o.detail } : {}),
    };
    const { conflicts } = await store.writePeople([write], actor, now);
    if (conflicts.length === 0) return { kind: 'changed' };
  }
  return { kind: 'error', code: 'CONFLICT', message: `person ${id} kept changing; try again` };
}

async function applyOne(
  store: MigrationStore,
  id: string,
  event: PersonEvent,
  actor: Actor,
  now: number,
  o: ApplyOptions,
): Promise<One> {
  if (o.stillWanted) return applyGuarded(store, id, event, actor, now, o, o.stillWanted);
  const r = await updatePerson(store, id, [event], actor, now, o.detail ? { detail: o.detail } : {});
  if (r.ok) return { kind: 'changed' };
  return r.error.code === 'ALREADY_DONE'
    ? { kind: 'already' }
    : { kind: 'error', code: r.error.code, message: r.error.message };
}

/** Applies each person's events in order; ALREADY_DONE is counted, other refusals are listed, nothing throws. */
export async function applyPersonEvents(
  store: MigrationStore,
  changes: PersonChanges[],
  actor: Actor,
  now: number,
  options: ApplyOptions = {},
): Promise<ApplyOutcome> {
  const out: ApplyOutcome = { changed: 0, people: 0, alreadyDone: 0, errors: [] };
  await mapLimited(changes, CONCURRENCY, async ({ personId, events }) => {
    let changedHere = false;
    for (const event of events) {
      const r = await applyOne(store, personId, event, actor, now, options);
      if (r.kind === 'changed') {
        out.changed++;
        changedHere = true;
      } else if (r.kind === 'already') out.alreadyDone++;
      else out.errors.push({ personId, event: event.type, code: r.code, message: r.message });
    }
    if (changedHere) out.people++;
  });
  return out;
}
