// Roster people for the Autodesk tests.
import { newPerson, type NewPersonInput } from '../../src/domain/person.ts';
import { applyEvents } from '../../src/domain/transitions.ts';
import type { PersonEvent } from '../../src/domain/events.ts';
import type { Person } from '../../src/domain/types.ts';

export const T0 = Date.UTC(2026, 10, 2, 9, 0);
export const DAY = 86_400_000;

export function person(
  email: string,
  extra: Partial<NewPersonInput> = {},
  events: PersonEvent[] = [],
  at = T0,
): Person {
  const p = newPerson({ email, firstName: 'Ann', lastName: 'Lee', products: ['AutoCAD', 'Revit'], ...extra }, T0);
  if (events.length === 0) return p;
  const r = applyEvents(p, events, at);
  if (!r.ok) throw r.error;
  return r.value;
}
