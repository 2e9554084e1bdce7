// The admin says "I uploaded it": the people in the file move to invited / assigned. Pure, so the commands layer
// decides when, and a repeated confirmation changes nothing.
import type { PersonEvent } from '../../domain/events.ts';
import type { Person } from '../../domain/types.ts';
import type { ImportFile } from '../../ports/provisioning.ts';
import type { PersonChanges } from '../person-changes.ts';
import { productInScope } from '../screen-people.ts';

export interface ConfirmPlan {
  changes: PersonChanges[];
  /** People in the files who are no longer in the roster. */
  missing: string[];
}

/** Active, or invited at or after `since`: a confirmation must not count as one more send. */
export function invitedSince(p: Person, since: number): boolean {
  return p.invite.status === 'active' || (p.invite.status === 'invited' && p.invite.at >= since);
}

/**
 * The events that confirming these uploaded files applies, given the people as they are now (`lookup`).
 * Invitation files give `invite.sent` (not to people active or invited since the file was built);
 * assignment files give `product.assigned` (not to people who already hold the seat).
 * Files without `kind`/`personIds` (not built by this module) are ignored.
 */
export function confirmUpload(files: ImportFile[], lookup: (id: string) => Person | undefined): ConfirmPlan {
  const events = new Map<string, PersonEvent[]>();
  const missing = new Set<string>();
  const add = (id: string, e: PersonEvent) => {
    const list = events.get(id) ?? [];
    if (!list.some((x) => JSON.stringify(x) === JSON.stringify(e))) list.push(e);
    events.set(id, list);
  };
  for (const file of files) {
    for (const id of file.personIds ?? []) {
      const p = lookup(id);
      if (!p) {
        missing.add(id);
        continue;
      }
      if (file.kind === 'invite' && !invitedSince(p, file.createdAt ?? 0)) add(id, { type: 'invite.sent' });
      if (file.kind === 'assign' && file.product) {
        const key = productInScope(p, file.product);
        if (key && p.assignments[key]?.status !== 'assigned') add(id, { type: 'product.assigned', product: key });
      }
    }
  }
  return { changes: [...events].map(([personId, list]) => ({ personId, events: list })), missing: [...missing] };
}
