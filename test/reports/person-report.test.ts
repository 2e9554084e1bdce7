import { describe, expect, it } from 'vitest';
import { newPerson } from '../../src/domain/person.ts';
import { applyEvents } from '../../src/domain/transitions.ts';
import { csvCell, toCsv } from '../../src/domain/csv-writer.ts';
import { personReportCsv } from '../../src/reports/person-report.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';

describe('csv', () => {
  it('quotes delimiters, quotes and line breaks, and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(undefined)).toBe('');
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('a,b\r\n1,x\r\n');
  });
});

describe('person report', () => {
  it('has one row per person, sorted, with step statuses and products', async () => {
    const store = createMemoryStore();
    const T = Date.UTC(2026, 10, 2);
    const a = newPerson({ email: 'b@x.org', firstName: '=cmd', lastName: 'B', products: ['AutoCAD', 'Revit'] }, T);
    const r = applyEvents(
      a,
      [
        { type: 'product.assigned', product: 'AutoCAD' },
        { type: 'inform.sent' },
        { type: 'inform.help', text: 'Renew your license, what?' },
      ],
      T,
    );
    if (!r.ok) throw r.error;
    const b = newPerson({ email: 'a@x.org', firstName: 'A', lastName: 'A', products: [] }, T);
    await store.writePeople(
      [
        { expectedVersion: -1, after: r.value, action: 'import' },
        { expectedVersion: -1, after: b, action: 'import' },
      ],
      { id: 't', source: 'cli' },
      T,
    );
    const { csv, rows } = await personReportCsv(store);
    expect(rows).toBe(2);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[1]).toMatch(/^a@x\.org,A,A,/);
    expect(lines[2]).toContain(
      'b@x.org,\'=cmd,B,,,,not_invited,partial,not_started,needs_help,needs_help,AutoCAD; Revit,AutoCAD,,0,no,"Renew your license, what?"',
    );
  });
});
