// RFC 4180 text for Autodesk's import files. Decision: CRLF after every record (the RFC's line break, and what
// Excel writes on Windows, where most admins open these files), UTF-8 without a byte-order mark.

const NEEDS_QUOTES = /[",\r\n]/;

/** One field: quoted only when it holds a comma, a double quote, CR or LF; quotes inside are doubled. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Records joined with CRLF, each ending with CRLF (so a header-only file is one line plus its break). */
export function csvText(records: readonly (readonly string[])[]): string {
  return records.map((r) => `${r.map(csvField).join(',')}\r\n`).join('');
}
