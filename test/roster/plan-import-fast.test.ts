// planRow builds its profile without spreads and diffs the tracked fields without JSON; applyEvent has a fast path.
// Here planRow is compared with the previous planRow on top of the previous applyEvent (both kept in test code),
// over seeded random rows and stored people: same kind, same person (key order included), same audit detail.
import { describe, expect, it } from 'vitest';
import type { PersonEvent } from '../../src/domain/events.ts';
import { newPerson } from '../../src/domain/person.ts';
import type { Person, Role } from '../../src/domain/types.ts';
import { planManagerGrant, planRow, type PlannedChange } from '../../src/roster/plan-import.ts';
import type { RosterRow } from '../../src/roster/validate-row.ts';
import { randomPerson, randomRow, rng } from '../helpers/random-people.ts';
import { referenceApply } from '../helpers/reference-transitions.ts';

const NOW = Date.UTC(2026, 10, 27, 10);
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

function pick(row: RosterRow) {
  const out: Partial<Pick<RosterRow, 'locale' | 'timeZone' | 'manager' | 'department'>> = {};
  if (row.locale) out.locale = row.locale;
  if (row.timeZone) out.timeZone = row.timeZone;
  if (row.manager) out.manager = row.manager;
  if (row.department) out.department = row.department;
  return out;
}

function referenceApplyAll(before: Person, events: PersonEvent[], now: number): PlannedChange {
  let after = before;
  for (const event of events) {
    const r = referenceApply(after, event, now);
    if (r.ok) after = r.value;
    else if (r.error.code !== 'ALREADY_DONE') throw r.error;
  }
  if (after === before) return { kind: 'unchanged' };
  const changed = TRACKED.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return {
    kind: 'updated',
    write: { expectedVersion: before.version, before, after, action: 'import', detail: `updated:${changed.join(',')}` },
  };
}

function referencePlanRow(
  row: RosterRow,
  existing: Person | undefined,
  isManager: boolean,
  now: number,
): PlannedChange {
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
  const profile = {
    ...pick(row),
    ...(row.firstName !== undefined ? { firstName: row.firstName } : {}),
    ...(row.lastName !== undefined ? { lastName: row.lastName } : {}),
    ...(row.products.length ? { products: row.products } : {}),
    ...(row.logins.length ? { logins: row.logins } : {}),
  };
  const events: PersonEvent[] = [
    { type: 'profile.updated', profile },
    ...roles.filter((r) => r !== 'user').map((role): PersonEvent => ({ type: 'role.granted', role })),
  ];
  return referenceApplyAll(existing, events, now);
}

function expectSamePlan(fast: PlannedChange, slow: PlannedChange): void {
  expect(fast.kind).toBe(slow.kind);
  if (fast.kind === 'unchanged' || slow.kind === 'unchanged') return;
  const { after: a, ...restFast } = fast.write;
  const { after: b, ...restSlow } = slow.write;
  expect(restFast).toStrictEqual(restSlow);
  expect(fast.write.before).toBe(slow.write.before);
  expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  expect(a).toStrictEqual(b);
}

describe('planRow equals the previous version', () => {
  it('for 4,000 random rows against random stored people, new people and re-imports of the same row', () => {
    const r = rng(2026);
    const kinds = { created: 0, updated: 0, unchanged: 0 };
    for (let i = 0; i < 4000; i++) {
      const row = randomRow(r, i);
      const isManager = r.chance(0.2);
      const roll = r.next();
      const stored = roll < 0.15 ? undefined : roll < 0.6 ? randomPerson(r, i, NOW - 86_400_000) : undefined;
      const fast = planRow(row, stored, isManager, NOW);
      expectSamePlan(fast, referencePlanRow(row, stored, isManager, NOW));
      kinds[fast.kind]++;
      // The same row again, over what it wrote: unchanged both ways.
      if (fast.kind !== 'unchanged') {
        const again = planRow(row, fast.write.after, isManager, NOW + 1);
        expectSamePlan(again, referencePlanRow(row, fast.write.after, isManager, NOW + 1));
        expect(again.kind).toBe('unchanged');
      }
    }
    expect(kinds.created).toBeGreaterThan(500);
    expect(kinds.updated).toBeGreaterThan(500);
  });
  it('grants the manager role the same way', () => {
    const r = rng(5);
    for (let i = 0; i < 300; i++) {
      const p = randomPerson(r, i, NOW - 1000);
      const slow = referenceApplyAll(p, [{ type: 'role.granted', role: 'manager' }], NOW);
      expectSamePlan(planManagerGrant(p, NOW), slow);
    }
  });
});
