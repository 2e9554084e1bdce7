// Autodesk Account's user export and usage export (Reporting): one row per user × product. Column names are read
// loosely ("Account Status" = account_status) because Autodesk renames them; columns we do not use are ignored.
import { CsvError, parse } from 'csv-parse/sync';
import { InvalidInputError } from '../../errors.ts';

export interface ExportRow {
  /** 1-based line of the record in the file, for messages. */
  line: number;
  email: string;
  firstName: string;
  lastName: string;
  /** product_name, or offering_name when the product is blank. */
  product: string;
  accountStatus: string;
  seatAssignment: string;
  accessOption: string;
  lastAccessed: string;
  daysUsed: number | undefined;
}

export interface ParsedExport {
  rows: ExportRow[];
  columns: string[];
}

export class ExportFormatError extends InvalidInputError {}

/** "Account Status" / "account-status" / "ACCOUNT_STATUS" → "account_status". */
export const columnKey = (header: string): string =>
  header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

function number(text: string | undefined): number | undefined {
  if (!text?.trim()) return undefined;
  const n = Number(text.trim().replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

/** Parses an export; throws ExportFormatError (changing nothing) when the text is not one. */
export function parseAutodeskExport(text: string | Buffer): ParsedExport {
  let columns: string[] = [];
  let records: { record: Record<string, string | undefined>; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      columns: (header: string[]) => (columns = header.map(columnKey)),
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      info: true,
    }) as unknown as typeof records;
  } catch (e) {
    if (e instanceof CsvError) throw new ExportFormatError(`not a readable CSV export: ${e.message}`);
    throw e;
  }
  if (!columns.includes('email'))
    throw new ExportFormatError(
      `not an Autodesk user or usage export: no "email" column (found: ${columns.slice(0, 20).join(', ') || 'nothing'})`,
    );
  const rows = records.map(({ record: r, info }): ExportRow => ({
    line: info.lines,
    email: r.email ?? '',
    firstName: r.first_name ?? '',
    lastName: r.last_name ?? '',
    product: r.product_name || r.offering_name || '',
    accountStatus: r.account_status ?? r.status ?? '',
    seatAssignment: r.seat_assignment ?? '',
    accessOption: r.access_option ?? '',
    lastAccessed: r.last_accessed ?? '',
    daysUsed: number(r.days_used),
  }));
  return { rows, columns };
}
