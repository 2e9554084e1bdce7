// CSV writing shared by every export: RFC 4180 quoting, and no cell a spreadsheet would run as a formula.

/** Quotes a cell when needed and defuses formula injection (cells starting with = + - @ tab or CR get a leading '). */
export function csvCell(value: unknown): string {
  let s = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV document with CRLF line ends (what Excel and Autodesk Account expect). */
export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
