// What importing one roster row does to one person, decided on plain data: create, update or leave alone.
import type { PersonEvent } from '../domain/events.ts';
import { newPerson } from '../domain/person.ts';
import { applyEvent, sameJson } from '../domain/transitions.ts';
import type { Person, Role } from '../domain/types.ts';
import type { PersonWrite } from '../store/store.ts';
import type { RosterRow } from './validate-row.ts';

export type PlannedChange = { kind: 'created' | 'updated'; write: PersonWrite } | { kind: 'unchanged' };

const TRACKED = [
  'firstName',
  'lastName',
  'locale',
  'timeZone',
  'manager',
  'department',
  'products',
  'logins',
  'roles',
] as const;

/**
 * Plans the import of one row. A new person is created with the row's data; an existing one gets a
 * `profile.updated` event (only values the file gives: an import never blanks a field or removes a product) and
 * `role.granted` for roles they lack. `isManager` adds the manager role. Re-importing the same row is `unchanged`.
 */
export function planRow(row: RosterRow, existing: Person | undefined, isManager: boolean, now: number): PlannedChange {
  const roles: Role[] = [...new Set<Role>([...row.roles, ...(isManager ? (['manager'] as const) : [])])];
  if (!existing) {
    const person = newPerson(
      {
        email: row.email,
        firstName: row.firstName ?? '',
        lastName: row.lastName ?? '',
        ...pick(row),
        roles: ['user', ...roles],
        products: row.products,
        logins: row.logins,
      },
      now,
    );
    return { kind: 'created', write: { expectedVersion: -1, after: person, action: 'import', detail: 'created' } };
  }
  // Built field by field (no spreads: this runs once per row of every re-import), in the order the update applies them.
  const profile: Profile = pick(row);
  if (row.firstName !== undefined) profile.firstName = row.firstName;
  if (row.lastName !== undefined) profile.lastName = row.lastName;
  if (row.products.length) profile.products = row.products;
  if (row.logins.length) profile.logins = row.logins;
  const events: PersonEvent[] = [{ type: 'profile.updated', profile }];
  for (const role of roles) if (role !== 'user') events.push({ type: 'role.granted', role });
  return applyAll(existing, events, now);
}

/** Grants the manager role to someone the file names as a manager but does not list. */
export function planManagerGrant(existing: Person, now: number): PlannedChange {
  return applyAll(existing, [{ type: 'role.granted', role: 'manager' }], now);
}

type Profile = (PersonEvent & { type: 'profile.updated' })['profile'];

function pick(row: RosterRow): Profile {
  const out: Profile = {};
  if (row.locale) out.locale = row.locale;
  if (row.timeZone) out.timeZone = row.timeZone;
  if (row.manager) out.manager = row.manager;
  if (row.department) out.department = row.department;
  return out;
}

/** Applies events one by one, skipping those that change nothing (ALREADY_DONE). */
function applyAll(before: Person, events: PersonEvent[], now: number): PlannedChange {
  let after = before;
  for (const event of events) {
    const r = applyEvent(after, event, now);
    if (r.ok) after = r.value;
    else if (r.error.code !== 'ALREADY_DONE') throw r.error;
  }
  if (after === before) return { kind: 'unchanged' };
  const changed = TRACKED.filter((k) => !sameJson(before[k], after[k]));
  return {
    kind: 'updated',
    write: { expectedVersion: before.version, before, after, action: 'import', detail: `updated:${changed.join(',')}` },
  };
}
