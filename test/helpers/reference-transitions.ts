// The previous applyEvent for the two events whose fast path changed (profile.updated, role.granted): a full
// structuredClone, then a whole-person JSON comparison. Tests compare the fast path with it.
import { fail, ok, type Result } from '../../src/domain/errors.ts';
import type { PersonEvent } from '../../src/domain/events.ts';
import { dedupe } from '../../src/domain/person.ts';
import type { Person } from '../../src/domain/types.ts';

export function referenceApply(person: Person, event: PersonEvent, now: number): Result<Person> {
  const p = structuredClone(person);
  if (event.type === 'role.granted') {
    if (p.roles.includes(event.role)) return fail('ALREADY_DONE', `already ${event.role}`);
    p.roles = [...p.roles, event.role];
  } else if (event.type === 'profile.updated') {
    const before = JSON.stringify(p);
    const { products, logins, ...rest } = event.profile;
    for (const [k, v] of Object.entries(rest)) {
      if (v === undefined || v === '') continue;
      (p as unknown as Record<string, unknown>)[k] = k === 'manager' ? String(v).toLowerCase() : v;
    }
    if (products) p.products = dedupe([...p.products, ...products]);
    if (logins) p.logins = dedupe([...(p.logins ?? []), ...logins.map((l) => l.toLowerCase())]);
    if (JSON.stringify(p) === before) return fail('ALREADY_DONE', 'profile unchanged');
  } else throw new Error(`no reference for ${event.type}`);
  p.updatedAt = now;
  p.version = person.version + 1;
  return ok(p);
}
