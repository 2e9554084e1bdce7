import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyReconciliation } from '../../src/autodesk/reconcile/apply-reconciliation.ts';
import { ExportFormatError, parseAutodeskExport } from '../../src/autodesk/reconcile/parse-export.ts';
import { reconcileExport } from '../../src/autodesk/reconcile/reconcile-export.ts';
import type { Actor } from '../../src/domain/types.ts';
import { createPerson, updatePerson } from '../../src/services/update-person.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { T0, person } from './people.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/autodesk/${name}`, import.meta.url), 'utf8');
const actor: Actor = { id: 'admin@example.org', source: 'import' };

const roster = () => [
  person('ann@example.org'),
  person('bob@example.org', { products: ['AutoCAD'] }),
  person('cat@example.org', {}, [
    { type: 'invite.sent' },
    { type: 'invite.accepted' },
    { type: 'product.assigned', product: 'AutoCAD' },
    { type: 'product.assigned', product: 'Revit' },
  ]),
  person('gus@example.org', { products: ['AutoCAD'] }, [{ type: 'invite.sent' }]),
  person('dan@example.org', { products: ['AutoCAD'] }),
];

describe('parseAutodeskExport', () => {
  it('reads one row per user × product and ignores unknown columns', () => {
    const { rows, columns } = parseAutodeskExport(fixture('user-export.csv'));
    expect(rows).toHaveLength(8);
    expect(columns).toContain('cost_center');
    expect(rows[3]).toEqual({
      line: 5,
      email: 'Bob@Example.org',
      firstName: 'Bob',
      lastName: 'Smith, Jr.',
      product: 'AutoCAD - including specialized toolsets',
      accountStatus: 'Pending',
      seatAssignment: 'Assigned',
      accessOption: 'Named user',
      lastAccessed: '',
      daysUsed: undefined,
    });
  });

  it('accepts spreadsheet-style headers, a byte-order mark and CRLF line ends', () => {
    const text =
      '\uFEFFE-mail Address,Email,Product Name,Account Status,Days Used,Brand New Column\r\nx,ann@example.org,Revit,Active,"2,5",?\r\n';
    const { rows } = parseAutodeskExport(text);
    expect(rows).toEqual([
      expect.objectContaining({ email: 'ann@example.org', product: 'Revit', accountStatus: 'Active', daysUsed: 2.5 }),
    ]);
  });

  it('refuses what is not an export, with a clear message', () => {
    expect(() => parseAutodeskExport('name,product\nAnn,Revit\n')).toThrow(ExportFormatError);
    expect(() => parseAutodeskExport('name,product\nAnn,Revit\n')).toThrow(
      /no "email" column \(found: name, product\)/,
    );
    expect(() => parseAutodeskExport('')).toThrow(/no "email" column/);
    expect(() => parseAutodeskExport('email,product_name\n"ann@example.org,Revit\n')).toThrow(
      /not a readable CSV export/,
    );
  });
});

describe('reconcileExport: user export', () => {
  const report = reconcileExport(roster(), parseAutodeskExport(fixture('user-export.csv')).rows);

  it('turns accepted invitations and seats into events, only where something changes', () => {
    expect(report.changes).toEqual([
      {
        personId: 'ann@example.org',
        events: [
          { type: 'invite.accepted' },
          { type: 'product.assigned', product: 'AutoCAD' },
          { type: 'product.assigned', product: 'Revit' },
        ],
      },
      {
        personId: 'bob@example.org',
        events: [{ type: 'invite.sent' }, { type: 'product.assigned', product: 'AutoCAD' }],
      },
    ]);
    expect(report.matchedPeople).toBe(4);
    expect(report.matchable).toBe(true);
    expect(report.problem).toBeUndefined();
  });

  it('lists the differences both ways', () => {
    expect(report.notInRoster).toEqual([
      { email: 'eve@example.org', products: ['Maya'] },
      { email: 'frank@example.org', products: [] },
    ]);
    expect(report.notInAutodesk).toEqual(['dan@example.org']);
    expect(report.missingInAutodesk).toEqual([{ personId: 'cat@example.org', product: 'AutoCAD' }]);
    expect(report.outOfScope).toEqual([{ personId: 'ann@example.org', product: '3ds Max' }]);
  });
});

describe('reconcileExport: usage export', () => {
  it('matches by e-mail when names are hashed and records named-user sign-ins as switched by autodesk', () => {
    const people = roster();
    people[0] = person('ann@example.org', {}, [
      { type: 'invite.sent' },
      { type: 'invite.accepted' },
      { type: 'product.assigned', product: 'AutoCAD' },
    ]);
    const report = reconcileExport(people, parseAutodeskExport(fixture('usage-export-hashed-names.csv')).rows);
    expect(report.changes).toEqual([
      {
        personId: 'ann@example.org',
        events: [
          { type: 'device.switched', product: 'AutoCAD', device: 'autodesk-usage', by: 'autodesk' },
          { type: 'product.assigned', product: 'Revit' },
        ],
      },
      {
        personId: 'cat@example.org',
        events: [{ type: 'device.switched', product: 'Revit', device: 'autodesk-usage', by: 'autodesk' }],
      },
    ]);
    // bob only used a multi-user (network) seat: that proves nothing about named users.
    expect(report.changes.some((c) => c.personId === 'bob@example.org')).toBe(false);
    expect(report.notInRoster).toEqual([{ email: 'hal@example.org', products: ['AutoCAD'] }]);
    expect(report.notInAutodesk).toEqual(['gus@example.org', 'dan@example.org']);
  });

  it('assigns before switching when usage is the first sign of a seat', () => {
    const report = reconcileExport(
      [person('hal@example.org', { products: ['AutoCAD'] })],
      parseAutodeskExport(fixture('usage-export-hashed-names.csv')).rows,
    );
    expect(report.changes).toEqual([
      {
        personId: 'hal@example.org',
        events: [
          { type: 'invite.accepted' },
          { type: 'product.assigned', product: 'AutoCAD' },
          { type: 'device.switched', product: 'AutoCAD', device: 'autodesk-usage', by: 'autodesk' },
        ],
      },
    ]);
  });

  it('says nothing could be matched when the e-mails are hashed too, and claims no differences', () => {
    const report = reconcileExport(roster(), parseAutodeskExport(fixture('usage-export-hashed-emails.csv')).rows);
    expect(report).toMatchObject({
      matchable: false,
      rows: 2,
      unmatchableRows: 2,
      changes: [],
      notInRoster: [],
      notInAutodesk: [],
    });
    expect(report.problem).toMatch(/nothing could be matched/);
  });

  it('matches what it can when only some e-mails are hashed, and says how many were not', () => {
    const text =
      'email,product_name,last_accessed\nann@example.org,Revit,2026-11-01\n0a1b2c3d4e5f60718293a4b5c6d7e8f9,Revit,2026-11-01\n';
    const report = reconcileExport([person('ann@example.org')], parseAutodeskExport(text).rows);
    expect(report.matchable).toBe(true);
    expect(report.unmatchableRows).toBe(1);
    expect(report.problem).toBe('1 rows have a hashed or missing e-mail address and were not matched.');
    expect(report.changes[0]?.events.at(-1)).toEqual({
      type: 'device.switched',
      product: 'Revit',
      device: 'autodesk-usage',
      by: 'autodesk',
    });
  });
});

describe('applyReconciliation', () => {
  it('applies the events through the store, counts changes, and ignores what is already true', async () => {
    const store = createMemoryStore('reconcile');
    for (const p of roster()) await createPerson(store, p, actor, T0);
    const report = reconcileExport(roster(), parseAutodeskExport(fixture('user-export.csv')).rows);

    // Someone accepts Ann's invitation through another path before the import runs.
    await updatePerson(store, 'ann@example.org', [{ type: 'invite.accepted' }], actor, T0 + 1);
    const outcome = await applyReconciliation(store, report, actor, T0 + 10);
    expect(outcome).toEqual({ changed: 4, people: 2, alreadyDone: 1, errors: [] });

    const ann = await store.getPerson('ann@example.org');
    expect(ann?.invite.status).toBe('active');
    expect(ann?.assignments).toEqual({
      AutoCAD: { status: 'assigned', at: T0 + 10 },
      Revit: { status: 'assigned', at: T0 + 10 },
    });
    expect((await store.getPerson('bob@example.org'))?.invite).toMatchObject({ status: 'invited', sends: 1 });

    const again = await applyReconciliation(store, report, actor, T0 + 20);
    expect(again).toEqual({ changed: 0, people: 0, alreadyDone: 5, errors: [] });
    const fresh = reconcileExport(
      (await store.getPeople(roster().map((p) => p.id))).filter((p) => p !== undefined),
      parseAutodeskExport(fixture('user-export.csv')).rows,
    );
    expect(fresh.changes).toEqual([]);
  });

  it('lists refusals without stopping', async () => {
    const store = createMemoryStore('reconcile-errors');
    await createPerson(store, person('ann@example.org'), actor, T0);
    const outcome = await applyReconciliation(
      store,
      {
        rows: 1,
        matchable: true,
        unmatchableRows: 0,
        matchedPeople: 1,
        changes: [
          {
            personId: 'ann@example.org',
            events: [
              { type: 'device.switched', product: 'Revit', device: 'autodesk-usage', by: 'autodesk' },
              { type: 'invite.accepted' },
            ],
          },
          { personId: 'nobody@example.org', events: [{ type: 'invite.accepted' }] },
        ],
        notInRoster: [],
        notInAutodesk: [],
        missingInAutodesk: [],
        outOfScope: [],
      },
      actor,
      T0,
    );
    expect(outcome.changed).toBe(1);
    expect(outcome.errors.map((e) => [e.personId, e.code])).toEqual([
      ['ann@example.org', 'NOT_ASSIGNED'],
      ['nobody@example.org', 'NOT_FOUND'],
    ]);
  });
});
