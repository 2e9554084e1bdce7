// The one CSV writer of the bot (Autodesk's import files, the person report, every export): RFC 4180 quoting, CRLF
// after every record (what Excel writes on Windows, where most admins open these files), UTF-8 without a byte-order
// mark, and no cell a spreadsheet would run as a formula. Pure text: no I/O.

/** A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets. */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: a formula start gets a leading `'` (shown as text); quoted when it holds a comma, a quote, CR or LF. */
export function csvCell(value: unknown): string {
  let s = value === undefined || value === null ? '' : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Records, each ending with CRLF (so a header-only file is one line plus its break). */
export function csvRecords(records: readonly (readonly unknown[])[]): string {
  return records.map((r) => `${r.map(csvCell).join(',')}\r\n`).join('');
}

/** A header and its rows as one CSV document. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return csvRecords([header, ...rows]);
}
