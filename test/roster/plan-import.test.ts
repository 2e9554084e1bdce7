import { describe, expect, it } from 'vitest';
import { newPerson } from '../../src/domain/person.ts';
import type { Person } from '../../src/domain/types.ts';
import { planManagerGrant, planRow } from '../../src/roster/plan-import.ts';
import type { RosterRow } from '../../src/roster/validate-row.ts';

const T0 = Date.UTC(2026, 10, 2, 9);
const T1 = T0 + 86_400_000;
const row = (over: Partial<RosterRow> = {}): RosterRow => ({
  line: 2,
  id: 'ann.lee@example.org',
  email: 'Ann.Lee@example.org',
  firstName: 'Ann',
  lastName: 'Lee',
  locale: 'fr',
  timeZone: 'Europe/Brussels',
  manager: 'boss@example.org',
  department: 'Design',
  roles: [],
  products: ['AutoCAD', 'Revit'],
  logins: ['ALee'],
  ...over,
});
const created = (r: RosterRow, isManager = false): Person => {
  const p = planRow(r, undefined, isManager, T0);
  if (p.kind !== 'created') throw new Error(p.kind);
  return p.write.after;
};

describe('planRow for a new person', () => {
  it('creates the person with the row data, to be written only if absent', () => {
    const p = planRow(row(), undefined, false, T0);
    expect(p).toEqual({
      kind: 'created',
      write: { expectedVersion: -1, after: expect.any(Object), action: 'import', detail: 'created' },
    });
    expect(created(row())).toMatchObject({
      id: 'ann.lee@example.org',
      email: 'Ann.Lee@example.org',
      firstName: 'Ann',
      lastName: 'Lee',
      locale: 'fr',
      timeZone: 'Europe/Brussels',
      manager: 'boss@example.org',
      department: 'Design',
      roles: ['user'],
      products: ['AutoCAD', 'Revit'],
      logins: ['alee'],
      invite: { status: 'not_invited' },
      createdAt: T0,
      version: 0,
    });
  });

  it('adds the roles of the file and the manager role', () => {
    expect(created(row({ roles: ['admin'] }), true).roles).toEqual(['user', 'admin', 'manager']);
    expect(created(row({ roles: ['manager'] }), true).roles).toEqual(['user', 'manager']);
  });

  it('leaves names empty when the file only had hashes', () => {
    const p = created(row({ firstName: undefined, lastName: undefined }));
    expect([p.firstName, p.lastName]).toEqual(['', '']);
  });
});

describe('planRow for an existing person', () => {
  const existing = created(row());

  it('changes nothing when the row says what the store already holds', () => {
    expect(planRow(row(), existing, false, T1)).toEqual({ kind: 'unchanged' });
    expect(
      planRow(row({ email: 'ANN.LEE@EXAMPLE.ORG', products: ['revit'], logins: [] }), existing, false, T1),
    ).toEqual({
      kind: 'unchanged',
    });
  });

  it('updates what changed, against the version it read, and says which fields moved', () => {
    const p = planRow(row({ department: 'Sales', products: ['Inventor'] }), existing, true, T1);
    if (p.kind !== 'updated') throw new Error(p.kind);
    expect(p.write).toMatchObject({
      expectedVersion: 0,
      before: existing,
      action: 'import',
      detail: 'updated:department,products,roles',
    });
    expect(p.write.after).toMatchObject({
      department: 'Sales',
      products: ['AutoCAD', 'Revit', 'Inventor'],
      roles: ['user', 'manager'],
      updatedAt: T1,
    });
    expect(p.write.after.version).toBeGreaterThan(existing.version);
  });

  it('never overwrites names with the blanks of a hashed export, nor blanks optional fields', () => {
    const hashed = row({
      firstName: undefined,
      lastName: undefined,
      locale: undefined,
      manager: undefined,
      department: undefined,
      products: ['Civil 3D'],
    });
    const p = planRow(hashed, existing, false, T1);
    if (p.kind !== 'updated') throw new Error(p.kind);
    expect(p.write.after).toMatchObject({
      firstName: 'Ann',
      lastName: 'Lee',
      locale: 'fr',
      manager: 'boss@example.org',
      department: 'Design',
    });
    expect(p.write.detail).toBe('updated:products');
  });

  it('keeps roles granted elsewhere', () => {
    const admin: Person = { ...existing, roles: ['user', 'admin'] };
    expect(planRow(row(), admin, false, T1)).toEqual({ kind: 'unchanged' });
  });
});

describe('planManagerGrant', () => {
  it('grants the manager role once', () => {
    const boss = newPerson({ email: 'boss@example.org', firstName: 'B', lastName: 'Oss' }, T0);
    const p = planManagerGrant(boss, T1);
    if (p.kind !== 'updated') throw new Error(p.kind);
    expect([p.write.after.roles, p.write.detail, p.write.expectedVersion]).toEqual([
      ['user', 'manager'],
      'updated:roles',
      0,
    ]);
    expect(planManagerGrant(p.write.after, T1)).toEqual({ kind: 'unchanged' });
  });
});
