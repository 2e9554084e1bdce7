import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRoster, type ParsedRoster } from '../../src/roster/parse-roster.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/roster/${name}`, import.meta.url));
function roster(input: Uint8Array | string): ParsedRoster {
  const r = parseRoster(input);
  if (!r.ok) throw new Error(`refused: line ${r.line}: ${r.reason}`);
  return r.roster;
}
const byId = (r: ParsedRoster, id: string) => r.entries.find((e) => e.id === id);
const QUOTE_FIX = '(quote the whole field and write a quote inside it as "")';

describe('parseRoster on real-world exports', () => {
  it('reads an English HR export (BOM, CRLF, commas, a blank row, a multi-line products cell)', () => {
    const r = roster(fixture('en-hr-export.csv'));
    expect([r.delimiter, r.accepted, r.rejected, r.header.unknown]).toEqual([',', 5, [], ['Employee ID']]);
    expect(r.entries.map((e) => [e.line, e.id])).toEqual([
      [2, 'alice.martin@example.org'],
      [3, 'bob.oneil@example.org'],
      [5, 'chloe.dupont@example.org'],
      [7, 'dirk.janssens@example.org'],
      [8, 'eva.schmidt@example.org'],
    ]);
    expect(byId(r, 'alice.martin@example.org')).toMatchObject({
      email: 'Alice.Martin@example.org',
      department: 'Engineering, R&D',
      locale: 'en',
      timeZone: 'Europe/London',
      products: ['AutoCAD', 'Revit'],
      roles: ['admin'],
      logins: ['amartin'],
    });
    expect(byId(r, 'chloe.dupont@example.org')).toMatchObject({
      firstName: 'Chloé',
      lastName: 'Dupont "Coco"',
      manager: 'alice.martin@example.org',
      timeZone: 'Europe/Brussels',
      products: ['AutoCAD', 'Civil 3D'],
    });
    expect(byId(r, 'dirk.janssens@example.org')).toMatchObject({
      products: ['Revit', 'Navisworks Manage'],
      logins: ['djanssens', 'PC-0042'],
    });
    expect(byId(r, 'eva.schmidt@example.org')?.manager).toBe('carol.white@example.org');
  });

  it('reads a French Active Directory export (PowerShell #TYPE line, semicolons, quoted fields, accents)', () => {
    const r = roster(fixture('fr-ad-export.csv'));
    expect([r.delimiter, r.headerLine, r.accepted, r.rejected, r.header.unused]).toEqual([
      ';',
      2,
      4,
      [],
      ['userPrincipalName'],
    ]);
    expect(r.entries.map((e) => [e.line, e.firstName, e.lastName, e.email, e.locale])).toEqual([
      [3, 'Émilie', 'Lefèvre', 'emilie.lefevre@exemple.fr', 'fr'],
      [4, 'Hélène', 'Moreau', 'helene.moreau@exemple.fr', 'fr'],
      [5, 'François', 'Nguyễn', 'francois.nguyen@exemple.fr', 'nl'],
      [6, 'Zoë', 'Brontë-Ça', 'zoe.bronte@exemple.fr', undefined],
    ]);
    expect(byId(r, 'zoe.bronte@exemple.fr')?.department).toBe('Méthodes; Qualité');
  });

  it('reads a French Excel file saved in Windows-1252', () => {
    const r = roster(fixture('fr-excel-cp1252.csv'));
    expect([r.encoding, r.delimiter, r.accepted, r.rejected]).toEqual(['windows-1252', ';', 2, []]);
    expect(r.entries.map((e) => [e.firstName, e.lastName, e.department, e.manager])).toEqual([
      ['Gaëlle', 'Lemaître', 'Bureau d’études', undefined],
      ['Jérôme', 'Cœurdevey', 'Ingénierie – méthodes', 'gaelle.lemaitre@exemple.fr'],
    ]);
  });

  it('reads a Dutch tab-separated export', () => {
    const r = roster(fixture('nl-export.tsv'));
    expect([r.delimiter, r.accepted, r.rejected]).toEqual(['\t', 3, []]);
    expect(r.entries.map((e) => [e.id, e.locale, e.timeZone, e.products])).toEqual([
      ['jan.devries@voorbeeld.nl', 'nl', 'Europe/Amsterdam', ['AutoCAD', 'Revit']],
      ['sanne.vandenberg@voorbeeld.nl', 'nl', 'Europe/Brussels', ['AutoCAD']],
      ['pieter.janssen@voorbeeld.nl', 'de', undefined, ['Inventor', 'Vault']],
    ]);
  });

  it('reads a German export', () => {
    const r = roster(fixture('de-export.csv'));
    expect([r.delimiter, r.accepted, r.rejected]).toEqual([';', 3, []]);
    expect(r.entries.map((e) => [e.firstName, e.lastName, e.locale, e.products, e.logins])).toEqual([
      ['Jürgen', 'Müller', 'de', ['AutoCAD', 'Inventor'], ['jmueller']],
      ['Grete', 'Groß', 'de', ['Inventor'], ['ggross']],
      ['Öznur', 'Şahin', 'en', [], ['osahin']],
    ]);
  });

  it('merges the one-row-per-product Autodesk export into one person per e-mail, names hashed away', () => {
    const r = roster(fixture('autodesk-users-export.csv'));
    expect([r.header.perProduct, r.accepted, r.rejected]).toEqual([true, 6, []]);
    expect(r.entries).toEqual([
      {
        line: 2,
        id: 'anna.kowalski@example.com',
        email: 'Anna.Kowalski@example.com',
        roles: ['user'],
        products: ['AutoCAD', 'Revit', 'Navisworks Manage'],
        logins: [],
      },
      {
        line: 4,
        id: 'ben.okafor@example.com',
        email: 'ben.okafor@example.com',
        roles: ['admin'],
        products: ['AutoCAD'],
        logins: [],
      },
      {
        line: 6,
        id: 'carl.berg@example.com',
        email: 'carl.berg@example.com',
        roles: ['admin'],
        products: ['Civil 3D'],
        logins: [],
      },
    ]);
  });

  it('rejects, in an Autodesk export, a second row for an e-mail that carries a different name', () => {
    const r = roster(
      'email,first_name,last_name,product_name\nann@x.org,Ann,Lee,AutoCAD\nann@x.org,Anne,Lee,Revit\nANN@x.org,ann,LEE,Inventor\n',
    );
    expect(r.rejected).toEqual([{ line: 3, reason: 'same e-mail as line 2 but a different first name' }]);
    expect([r.accepted, r.entries[0]?.products]).toEqual([2, ['AutoCAD', 'Inventor']]);
  });
});

describe('parseRoster on bad files', () => {
  it('rejects rows typed with another delimiter', () => {
    const r = roster(fixture('bad-delimiter.csv'));
    expect(r.accepted).toBe(2);
    expect(r.rejected).toEqual([
      { line: 3, reason: '1 field where the header has 3: does this row use "," instead of ";"?' },
      { line: 5, reason: '1 field where the header has 3: does this row use tabs instead of ";"?' },
    ]);
  });

  it('rejects each row with broken quotes by the line it starts on and imports the rest', () => {
    const r = roster(fixture('bad-quotes.csv'));
    expect(r.rejected).toEqual([
      { line: 3, reason: `broken quotes: a quoted field on this line is not closed properly ${QUOTE_FIX}` },
      { line: 6, reason: `broken quotes: a quote inside a field that does not start with one ${QUOTE_FIX}` },
      { line: 7, reason: `broken quotes: a quoted field on this line is not closed properly ${QUOTE_FIX}` },
      { line: 9, reason: '2 fields where the header has 4' },
      { line: 10, reason: `broken quotes: a quoted field opened on this line runs on to line 11 ${QUOTE_FIX}` },
      { line: 11, reason: `broken quotes: a quote inside a field that does not start with one ${QUOTE_FIX}` },
      { line: 13, reason: 'broken quotes: a quoted field opened on this line is never closed' },
    ]);
    expect(r.accepted).toBe(6);
    expect(r.entries.map((e) => [e.line, e.firstName, e.lastName])).toEqual([
      [2, 'Ann', 'Lee'],
      [4, 'Cat', 'Wu'],
      [5, 'Dan', 'Li'],
      [8, 'Gil', 'O"Brien'],
      [12, 'Max', 'Orr'],
      [14, 'Jon', 'Poe'],
    ]);
    expect(r.entries[3]?.department).toBe('Design, "B"');
  });

  it('rejects invalid e-mail addresses and manager addresses', () => {
    const r = roster(fixture('bad-emails.csv'));
    expect(r.accepted).toBe(2);
    expect(r.rejected).toEqual([
      { line: 3, reason: '"ben.ng@@example.org" is not a valid e-mail address' },
      { line: 4, reason: 'e-mail is empty' },
      { line: 5, reason: '"dan li@example.org" is not a valid e-mail address' },
      { line: 6, reason: '"eve.hart@example" is not a valid e-mail address' },
      { line: 7, reason: 'manager "Ann Lee" is not an e-mail address' },
      { line: 8, reason: '".gil.roe@example.org" is not a valid e-mail address' },
    ]);
  });

  it('rejects duplicates ignoring case, naming the line of the first occurrence', () => {
    const r = roster(fixture('bad-duplicates.csv'));
    expect(r.accepted).toBe(3);
    const reason = 'duplicate e-mail: ann.lee@example.org is already on line 2 (e-mails are compared ignoring case)';
    expect(r.rejected).toEqual([
      { line: 4, reason },
      { line: 6, reason },
    ]);
    expect(r.entries.find((e) => e.id === 'ann.lee@example.org')?.products).toEqual(['AutoCAD']);
  });

  it('rejects names Autodesk Account refuses and control characters, keeping template text as text', () => {
    const r = roster(fixture('bad-names.csv'));
    const autodesk = (field: string, what: string) =>
      `${field} name contains "${what}", which Autodesk Account rejects`;
    expect(r.rejected).toEqual([
      { line: 3, reason: autodesk('first', 'admin') },
      { line: 4, reason: autodesk('last', 'autodesk') },
      { line: 5, reason: autodesk('last', 'support') },
      { line: 6, reason: autodesk('last', 'www.') },
      { line: 7, reason: autodesk('last', ':') },
      { line: 8, reason: autodesk('last', '/') },
      { line: 9, reason: autodesk('last', '%') },
      { line: 10, reason: 'first name contains control or invisible characters' },
      { line: 11, reason: autodesk('first', ':') },
      { line: 13, reason: 'last name contains control or invisible characters' },
      { line: 14, reason: 'first name is empty' },
    ]);
    expect(r.entries.map((e) => [e.line, e.firstName])).toEqual([
      [2, 'Ann'],
      [12, '${user.name}'],
    ]);
  });

  it('rejects rows with the wrong number of columns, tolerating trailing empty cells', () => {
    const r = roster(fixture('bad-columns.csv'));
    expect(r.accepted).toBe(3);
    expect(r.rejected).toEqual([
      { line: 3, reason: '3 fields where the header has 4' },
      { line: 4, reason: '5 fields where the header has 4' },
    ]);
  });

  it('rejects unknown languages, time zones and roles', () => {
    const r = roster(fixture('bad-values.csv'));
    expect(r.accepted).toBe(2);
    expect(r.rejected).toEqual([
      {
        line: 3,
        reason: 'unknown language "Klingon": use en, fr, nl or de (or English, Français, Nederlands, Deutsch)',
      },
      { line: 4, reason: 'unknown language "es-ES": use en, fr, nl or de (or English, Français, Nederlands, Deutsch)' },
      { line: 5, reason: 'unknown time zone "Europe/Atlantis": use an IANA name such as Europe/Brussels' },
      { line: 6, reason: 'unknown role "boss": use admin, manager or user' },
    ]);
    expect(r.entries.map((e) => [e.id, e.locale, e.timeZone, e.roles])).toEqual([
      ['ann.lee@example.org', 'fr', 'Europe/Paris', ['admin']],
      ['fay.kim@example.org', 'nl', 'America/New_York', ['manager']],
    ]);
  });

  it('refuses a file without the required columns, importing nothing', () => {
    expect(parseRoster(fixture('missing-columns.csv'))).toEqual({
      ok: false,
      line: 1,
      reason:
        'missing required columns: first name (First Name / Prénom / Voornaam / Vorname / givenName); ' +
        'last name (Last Name / Nom de famille / Nom / Achternaam / Nachname). Found: "Name", "Mail", "Department". Nothing was imported.',
    });
  });

  it('refuses an empty file and a file whose header cannot be read', () => {
    expect(parseRoster(Buffer.from('\uFEFF\r\n\r\n'))).toEqual({
      ok: false,
      line: 1,
      reason: 'the file is empty: expected a header row such as First Name,Last Name,Email',
    });
    expect(parseRoster('"First Name,Last Name,Email\nAnn,Lee,ann@x.org\n')).toEqual({
      ok: false,
      line: 1,
      reason: 'the header row cannot be read: broken quotes: a quoted field opened on this line is never closed',
    });
  });

  it('refuses a name cell that swallowed the next rows, and re-reads those rows', () => {
    const r = roster(
      'First Name,Last Name,Email,Products\nAnn,"Lee,ann@x.org,AutoCAD\nBen,Ng,ben@x.org,Revit\nCat,Wu",cat@x.org,Inventor\nDan,Li,dan@x.org,"Revit\nInventor"\n',
    );
    expect(r.rejected).toEqual([
      { line: 2, reason: `broken quotes: a quoted field opened on this line runs on to line 4 ${QUOTE_FIX}` },
      { line: 4, reason: `broken quotes: a quote inside a field that does not start with one ${QUOTE_FIX}` },
    ]);
    expect(r.entries.map((e) => [e.line, e.id, e.products])).toEqual([
      [3, 'ben@x.org', ['Revit']],
      [5, 'dan@x.org', ['Revit', 'Inventor']],
    ]);
  });

  it('numbers rows correctly after a sep= line and counts accepted rows, not people', () => {
    const r = roster('sep=;\r\nVoornaam;Achternaam;E-mail\r\n\r\nJan;Smit;jan@x.nl\r\n;;\r\nJan;Smit;JAN@x.nl\r\n');
    expect([r.headerLine, r.accepted, r.rejected.map((x) => x.line)]).toEqual([2, 1, [6]]);
  });
});
