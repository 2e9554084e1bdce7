// One data row to a roster row, or the reason it cannot be imported. Nothing here is evaluated: a name such as
// `${user}` is text like any other.
import { autodeskNameProblem, autodeskNameWarning } from '../domain/autodesk-names.ts';
import { FORMULA_START } from '../domain/csv-writer.ts';
import { isValidEmail, normaliseEmail } from '../domain/email.ts';
import type { Locale, Role } from '../domain/types.ts';
import { DELIMITERS, type Delimiter } from './detect-delimiter.ts';
import { looksHashed, parseLocale, parseRoles, parseTimeZone, quote, splitList } from './field-values.ts';
import { fieldLabel, type HeaderMap, type RosterField } from './headers.ts';
import type { CsvRecord } from './parse-csv.ts';

export interface RosterRow {
  /** 1-based line of the row in the file (the first row, when an Autodesk export has several for one person). */
  line: number;
  /** Normalised e-mail: the person's id. */
  id: string;
  email: string;
  /** Undefined when the file carries a hash instead of the name (Autodesk export with personal data off). */
  firstName?: string;
  lastName?: string;
  locale?: Locale;
  timeZone?: string;
  /** The manager's id (normalised e-mail). */
  manager?: string;
  department?: string;
  roles: Role[];
  products: string[];
  logins: string[];
}

export type RowResult = { ok: true; row: RosterRow; warnings: string[] } | { ok: false; reason: string };

// C0/C1 controls, zero-width characters and bidirectional overrides: invisible in a chat card, so never in a name.
const INVISIBLE: [number, number][] = [
  [0x00, 0x1f],
  [0x7f, 0x9f],
  [0x200b, 0x200f],
  [0x2028, 0x202e],
  [0x2060, 0x2064],
  [0x2066, 0x2069],
  [0xfeff, 0xfeff],
];

function hasInvisible(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (INVISIBLE.some(([lo, hi]) => c >= lo && c <= hi)) return true;
  }
  return false;
}
const MAX_TEXT = 200;
/** Cells are trimmed first, so a leading tab or CR never hides a formula; both are refused as controls anyway. */
const FORMULA_REASON =
  'starts with = + - or @ and would run as a spreadsheet formula when an Autodesk import file is opened in Excel';

/** Checks one data row against the header: column count, e-mail, Autodesk's name rules, language, time zone, manager. */
export function validateRow(record: CsvRecord, map: HeaderMap, delimiter: Delimiter): RowResult {
  const width = columnCountProblem(record.fields, map.width, delimiter);
  if (width) return { ok: false, reason: width };
  const cell = (f: RosterField): string => {
    const i = map.columns[f];
    return i === undefined ? '' : (record.fields[i] ?? '').trim();
  };
  const problems: string[] = [];
  for (const f of Object.keys(map.columns) as RosterField[]) {
    const items = f === 'products' || f === 'logins' ? splitList(cell(f)) : [cell(f)];
    if (items.some(hasInvisible)) problems.push(`${fieldLabel(f)} contains control or invisible characters`);
  }
  if (problems.length) return { ok: false, reason: problems.join('; ') };

  const email = cell('email');
  if (!email) problems.push('e-mail is empty');
  else if (FORMULA_START.test(email)) problems.push(`e-mail ${FORMULA_REASON}`);
  else if (!isValidEmail(email)) problems.push(`${quote(email)} is not a valid e-mail address`);
  const warnings: string[] = [];
  const firstName = name(cell('firstName'), 'first name', problems, warnings);
  const lastName = name(cell('lastName'), 'last name', problems, warnings);

  const row: RosterRow = {
    line: record.line,
    id: normaliseEmail(email),
    email,
    roles: [],
    products: splitList(cell('products')),
    logins: splitList(cell('logins')),
  };
  if (firstName !== undefined) row.firstName = firstName;
  if (lastName !== undefined) row.lastName = lastName;
  const product = cell('productName') || cell('offeringName');
  if (product) row.products.push(product);

  const manager = cell('manager');
  if (manager && !isValidEmail(manager)) problems.push(`manager ${quote(manager)} is not an e-mail address`);
  else if (manager && normaliseEmail(manager) !== row.id) row.manager = normaliseEmail(manager);
  parsed(cell('locale'), parseLocale, problems, (v) => (row.locale = v));
  parsed(cell('timeZone'), parseTimeZone, problems, (v) => (row.timeZone = v));
  parsed(cell('role'), parseRoles, problems, (v) => (row.roles = v));
  const department = cell('department');
  if (department.length > MAX_TEXT) problems.push(`department is longer than ${MAX_TEXT} characters`);
  else if (department) row.department = department;
  for (const p of row.products)
    if (p.length > MAX_TEXT) problems.push(`product ${quote(p)} is longer than ${MAX_TEXT} characters`);

  return problems.length ? { ok: false, reason: problems.join('; ') } : { ok: true, row, warnings };
}

/** Rows may carry trailing empty cells (Excel pads rows); anything else off the header's width shifts the columns. */
function columnCountProblem(fields: string[], width: number, delimiter: Delimiter): string | undefined {
  if (fields.length === width || (fields.length > width && fields.slice(width).every((f) => f.trim() === ''))) return;
  const n = `${fields.length} field${fields.length === 1 ? '' : 's'} where the header has ${width}`;
  const line = fields.join(delimiter);
  const other = DELIMITERS.find((d) => d !== delimiter && line.split(d).length === width);
  return other ? `${n}: does this row use ${show(other)} instead of ${show(delimiter)}?` : n;
}

function show(d: Delimiter): string {
  return d === '\t' ? 'tabs' : `"${d}"`;
}

function name(value: string, label: string, problems: string[], warnings: string[]): string | undefined {
  if (!value) {
    problems.push(`${label} is empty`);
    return undefined;
  }
  if (looksHashed(value)) return undefined;
  if (FORMULA_START.test(value)) {
    problems.push(`${label} ${FORMULA_REASON}`);
    return value;
  }
  const problem = autodeskNameProblem(value);
  if (problem) problems.push(`${label} ${problem}`);
  const warning = autodeskNameWarning(value);
  if (warning) warnings.push(`${label} ${quote(value)} ${warning}`);
  return value;
}

function parsed<T>(
  value: string,
  parse: (v: string) => { ok: true; value: T } | { ok: false; reason: string },
  problems: string[],
  set: (v: T) => void,
): void {
  if (!value) return;
  const r = parse(value);
  if (r.ok) set(r.value);
  else problems.push(r.reason);
}
