import { describe, expect, it } from 'vitest';
import { detectDelimiter } from '../../src/roster/detect-delimiter.ts';
import { parseCsv } from '../../src/roster/parse-csv.ts';

const rows = (input: string | Uint8Array, opts = {}) => parseCsv(input, opts).records.map((r) => [r.line, ...r.fields]);

describe('detectDelimiter', () => {
  it('picks the most frequent delimiter on the header line', () => {
    expect(detectDelimiter('a,b,c\n1;2;3;4;5').delimiter).toBe(',');
    expect(detectDelimiter('Prénom;Nom;mail\n').delimiter).toBe(';');
    expect(detectDelimiter('Voornaam\tAchternaam\tE-mail\n').delimiter).toBe('\t');
  });

  it('ignores delimiters inside quotes on the header line', () => {
    expect(detectDelimiter('"Nom, prénom";"Service";"Mail"\n').delimiter).toBe(';');
    expect(detectDelimiter('"a;b;c;d",x,y\n').delimiter).toBe(',');
  });

  it('reads only the first non-blank line and breaks ties tab, then semicolon, then comma', () => {
    expect(detectDelimiter('\r\n\na;b\n1,2,3,4,5,6').delimiter).toBe(';');
    expect(detectDelimiter('a;b,c\n').delimiter).toBe(';');
    expect(detectDelimiter('a\tb;c\n').delimiter).toBe('\t');
    expect(detectDelimiter('single\n').delimiter).toBe(',');
  });

  it("honours Excel's sep= line and skips PowerShell's #TYPE line", () => {
    expect(detectDelimiter('sep=;\r\na,b;c\r\n')).toEqual({ delimiter: ';', preambleLength: 7 });
    expect(detectDelimiter('#TYPE System.Object\na;b;c\n')).toEqual({ delimiter: ';', preambleLength: 20 });
  });
});

describe('parseCsv', () => {
  it('strips a UTF-8 BOM and handles CRLF', () => {
    const r = parseCsv(Buffer.from('\uFEFFFirst Name,Email\r\nAnn,ann@x.org\r\n'));
    expect(r.encoding).toBe('utf-8');
    expect(r.records.map((x) => x.fields)).toEqual([
      ['First Name', 'Email'],
      ['Ann', 'ann@x.org'],
    ]);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks', () => {
    const r = parseCsv('a;b;c\n"x;y";"he said ""hi""";"two\nlines"\n');
    expect(r.delimiter).toBe(';');
    expect(r.records[1]?.fields).toEqual(['x;y', 'he said "hi"', 'two\nlines']);
  });

  it('numbers each record by the line it starts on, CRLF inside quotes counting once', () => {
    const r = parseCsv('h1,h2\r\n1,"a\r\nb\r\nc"\r\n\r\n2,x\r\n3,"y\r\nz"\r\n4,w');
    expect(r.records.map((x) => [x.line, x.endLine])).toEqual([
      [1, 1],
      [2, 4],
      [6, 6],
      [7, 8],
      [9, 9],
    ]);
  });

  it('accepts a lone CR as a line end', () => {
    expect(rows('a,b\r1,2\r3,4')).toEqual([
      [1, 'a', 'b'],
      [2, '1', '2'],
      [3, '3', '4'],
    ]);
  });

  it('skips blank rows: empty lines and lines with only empty fields', () => {
    expect(rows('a;b\n\n;\n  ;  \n1;2\n\n')).toEqual([
      [1, 'a', 'b'],
      [5, '1', '2'],
    ]);
  });

  it('keeps rows of any width for the caller to judge', () => {
    expect(rows('a,b,c\n1\n1,2,3,4\n')).toEqual([
      [1, 'a', 'b', 'c'],
      [2, '1'],
      [3, '1', '2', '3', '4'],
    ]);
  });

  it('keeps the line numbers of the file after a sep= or #TYPE preamble', () => {
    expect(rows('sep=;\na;b\n1;2\n')).toEqual([
      [2, 'a', 'b'],
      [3, '1', '2'],
    ]);
    expect(rows('#TYPE Selected.Microsoft.ActiveDirectory.Management.ADUser\n"a","b"\n"1","2"\n')).toEqual([
      [2, 'a', 'b'],
      [3, '1', '2'],
    ]);
  });

  it('decodes UTF-16 (Excel "Unicode text") and Windows-1252 (French Excel)', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Prénom\tNom\nZoë\tÇa\n', 'utf16le')]);
    const a = parseCsv(utf16);
    expect([a.encoding, a.delimiter, a.records[1]?.fields]).toEqual(['utf-16le', '\t', ['Zoë', 'Ça']]);
    // "Prénom;Service\nJérôme;d’études €" as a French Excel saves it.
    const cp1252 = Buffer.from([
      0x50, 0x72, 0xe9, 0x6e, 0x6f, 0x6d, 0x3b, 0x53, 0x65, 0x72, 0x76, 0x69, 0x63, 0x65, 0x0a, 0x4a, 0xe9, 0x72, 0xf4,
      0x6d, 0x65, 0x3b, 0x64, 0x92, 0xe9, 0x74, 0x75, 0x64, 0x65, 0x73, 0x20, 0x80,
    ]);
    const b = parseCsv(cp1252);
    expect([b.encoding, b.records.map((x) => x.fields)]).toEqual([
      'windows-1252',
      [
        ['Prénom', 'Service'],
        ['Jérôme', 'd’études €'],
      ],
    ]);
  });
});

describe('parseCsv with broken quotes', () => {
  it('reports a quote never closed on the line it opens and reads the lines after it', () => {
    const r = parseCsv('a,b\n1,2\n3,"x\n5,6\n7,8\n');
    expect(r.problems).toEqual([
      { line: 3, reason: 'broken quotes: a quoted field opened on this line is never closed' },
    ]);
    expect(r.records.map((x) => x.line)).toEqual([1, 2, 4, 5]);
  });

  it('reports text after a closing quote and a quote inside an unquoted field, line by line', () => {
    const r = parseCsv('a,b\n"x"y,1\nO"Hara,2\nok,3\n');
    expect(r.problems.map((p) => p.line)).toEqual([2, 3]);
    expect(r.problems[0]?.reason).toMatch(/^broken quotes: a quoted field on this line is not closed properly/);
    expect(r.problems[1]?.reason).toMatch(/^broken quotes: a quote inside a field that does not start with one/);
    expect(r.records.map((x) => x.fields)).toEqual([
      ['a', 'b'],
      ['ok', '3'],
    ]);
  });

  it('blames the line where a runaway quote opened, not the line where the parser noticed', () => {
    const r = parseCsv('f,l,e\r\nJane,"Doe,jane@x.org\r\nA,B,a@x.org\r\nBob,"Smith",bob@x.org\r\nC,D,c@x.org\r\n');
    expect(r.problems.map((p) => p.line)).toEqual([2]);
    expect(r.records.map((x) => [x.line, x.fields[0]])).toEqual([
      [1, 'f'],
      [3, 'A'],
      [4, 'Bob'],
      [5, 'C'],
    ]);
  });

  it('lets the caller refuse a multi-line record, then re-reads the lines it swallowed', () => {
    const text = 'f,l,e\nJane,"Doe,jane@x.org\nA,B,a@x.org\nBob,Smith",bob@x.org\nC,D,c@x.org\n';
    const kept = parseCsv(text);
    expect(kept.records.map((x) => [x.line, x.endLine])).toEqual([
      [1, 1],
      [2, 4],
      [5, 5],
    ]);
    const refused = parseCsv(text, { acceptMultiline: (_rec, header) => header === undefined });
    expect(refused.problems).toEqual([
      {
        line: 2,
        reason: expect.stringMatching(/^broken quotes: a quoted field opened on this line runs on to line 4/),
      },
      { line: 4, reason: expect.stringMatching(/^broken quotes: a quote inside a field/) },
    ]);
    expect(refused.records.map((x) => x.line)).toEqual([1, 3, 5]);
  });

  it('gives up on a runaway quote after maxRecordSize characters instead of reading the whole file into one field', () => {
    const tail = Array.from({ length: 200 }, (_, i) => `p${i},x`).join('\n');
    const r = parseCsv(`a,b\n1,"oops\n${tail}\n`, { maxRecordSize: 100 });
    expect(r.problems).toEqual([
      { line: 2, reason: 'broken quotes: a quoted field opened on this line is never closed' },
    ]);
    expect(r.records).toHaveLength(201);
    expect(r.records[200]).toEqual({ line: 202, endLine: 202, fields: ['p199', 'x'] });
  });

  it('reports a broken header as a problem before any record', () => {
    const r = parseCsv('"a,b\n');
    expect(r.records).toEqual([]);
    expect(r.problems).toEqual([
      { line: 1, reason: 'broken quotes: a quoted field opened on this line is never closed' },
    ]);
  });
});
