// For providers that act directly (entra, simulator): what a result means for the roster. People in `done` were just
// invited or given the seat; people in `alreadyDone` only need recording when the roster does not know it yet
// (e.g. someone added them to the group by hand). CSV results are applied on confirmation instead (confirm-upload.ts).
import type { PersonEvent } from '../domain/events.ts';
import type { Actor, Person } from '../domain/types.ts';
import type { MigrationStore } from '../store/store.ts';
import { applyPersonEvents, type ApplyOutcome, type StillWanted } from './apply-person-events.ts';
import type { PersonChanges } from './person-changes.ts';
import type { ProvisioningResult } from '../ports/provisioning.ts';
import { productInScope } from './screen-people.ts';

/** Which call produced the result: `invite`, or `assign` with its product. */
export type ProvisioningAction = { kind: 'invite' } | { kind: 'assign'; product: string };

const notYetInvited = (p: Person) => p.invite.status === 'not_invited' || p.invite.status === 'failed';

function eventFor(action: ProvisioningAction, p: Person): PersonEvent | undefined {
  if (action.kind === 'invite') return { type: 'invite.sent' };
  const key = productInScope(p, action.product);
  return key ? { type: 'product.assigned', product: key } : undefined;
}

const stillWantedFor =
  (alreadyDone: Set<string>): StillWanted =>
  (p, e) =>
    e.type !== 'invite.sent' || !alreadyDone.has(p.id) || notYetInvited(p);

/**
 * The events an applied result stands for: one per person in `done`, and for `alreadyDone` only where the roster
 * lags behind (not invited yet / seat not recorded). A failed invitation gives `invite.failed` to people not invited yet.
 * Returns nothing for results that were not applied (csv).
 */
export function resultEvents(
  result: ProvisioningResult,
  action: ProvisioningAction,
  lookup: (id: string) => Person | undefined,
): PersonChanges[] {
  if (!result.applied) return [];
  const out: PersonChanges[] = [];
  for (const id of result.done) {
    const p = lookup(id);
    const e = p && eventFor(action, p);
    if (e) out.push({ personId: id, events: [e] });
  }
  const done = new Set(result.alreadyDone);
  for (const id of done) {
    const p = lookup(id);
    const e = p && eventFor(action, p);
    if (!p || !e) continue;
    if (e.type === 'invite.sent' && !notYetInvited(p)) continue;
    if (e.type === 'product.assigned' && p.assignments[e.product]?.status === 'assigned') continue;
    out.push({ personId: id, events: [e] });
  }
  // A failed re-add must not hide a pending or accepted invitation.
  if (action.kind === 'invite')
    for (const f of result.failed) {
      const p = lookup(f.personId);
      if (p && notYetInvited(p))
        out.push({ personId: f.personId, events: [{ type: 'invite.failed', reason: f.reason }] });
    }
  return out;
}

/** Reads the people, plans with resultEvents, applies; a person already recorded is never counted twice. */
export async function applyProvisioningResult(
  store: MigrationStore,
  result: ProvisioningResult,
  action: ProvisioningAction,
  actor: Actor,
  now: number,
): Promise<ApplyOutcome> {
  const ids = [...new Set([...result.done, ...result.alreadyDone, ...result.failed.map((f) => f.personId)])];
  const people = new Map<string, Person>();
  (await store.getPeople(ids)).forEach((p) => p && people.set(p.id, p));
  const changes = resultEvents(result, action, (id) => people.get(id));
  return applyPersonEvents(store, changes, actor, now, {
    detail: `provisioned:${action.kind}`,
    stillWanted: stillWantedFor(new Set(result.alreadyDone)),
  });
}
