// A roster file to the rows that can be imported and the lines that cannot, without touching any state.
import type { TextEncoding } from './decode-text.ts';
import type { Delimiter } from './detect-delimiter.ts';
import { recogniseHeaders, type HeaderMap } from './headers.ts';
import { parseCsv } from './parse-csv.ts';
import { validateRow, type RosterRow } from './validate-row.ts';
import { dedupe } from '../domain/person.ts';

export interface Rejection {
  /** 1-based line in the file. */
  line: number;
  reason: string;
}

export interface ParsedRoster {
  delimiter: Delimiter;
  encoding: TextEncoding;
  headerLine: number;
  header: HeaderMap;
  /** One entry per person, in file order. */
  entries: RosterRow[];
  /** Data rows accepted (an Autodesk export may give several rows to one person). */
  accepted: number;
  /** Rows refused, by line. */
  rejected: Rejection[];
  /** Rows kept with a doubt worth checking (e.g. a name Autodesk might refuse), by line. */
  warnings: Rejection[];
}

export type ParseRosterResult = { ok: true; roster: ParsedRoster } | { ok: false; line: number; reason: string };

// Names, e-mails and the like never hold a line break: one that does comes from a quote left open.
const MULTILINE_FIELDS = new Set(['products', 'logins']);

/**
 * Reads a roster (HR export, Active Directory export or Autodesk user/usage export) and validates every row.
 * Refuses the whole file only when it cannot be a roster (no header, required columns missing); otherwise each bad
 * row is rejected with its line and reason and the others are kept. Duplicated e-mails are rejected, except in an
 * Autodesk export, where one row per user and product is normal and the rows are merged into one person.
 */
export function parseRoster(input: Uint8Array | string): ParseRosterResult {
  let headerCache: { cells: string[]; map: HeaderMap | undefined } | undefined;
  const headerOf = (cells: string[]) => {
    if (headerCache?.cells !== cells) {
      const r = recogniseHeaders(cells);
      headerCache = { cells, map: r.ok ? r.map : undefined };
    }
    return headerCache.map;
  };
  const csv = parseCsv(input, {
    acceptMultiline: (record, cells) => {
      const map = cells && headerOf(cells);
      if (!map) return false;
      return record.fields.every(
        (value, i) =>
          !/[\r\n]/.test(value) ||
          !Object.entries(map.columns).some(([field, col]) => col === i && !MULTILINE_FIELDS.has(field)),
      );
    },
  });
  const headerRecord = csv.records[0];
  if (!headerRecord) {
    const problem = csv.problems[0];
    return problem
      ? { ok: false, line: problem.line, reason: `the header row cannot be read: ${problem.reason}` }
      : { ok: false, line: 1, reason: 'the file is empty: expected a header row such as First Name,Last Name,Email' };
  }
  const early = csv.problems.find((p) => p.line < headerRecord.line);
  if (early) return { ok: false, line: early.line, reason: `the header row cannot be read: ${early.reason}` };
  const header = recogniseHeaders(headerRecord.fields);
  if (!header.ok) return { ok: false, line: headerRecord.line, reason: header.reason };

  const rejected: Rejection[] = [...csv.problems];
  const warnings: Rejection[] = [];
  const byId = new Map<string, RosterRow>();
  let accepted = 0;
  for (const record of csv.records.slice(1)) {
    const r = validateRow(record, header.map, csv.delimiter);
    if (!r.ok) {
      rejected.push({ line: record.line, reason: r.reason });
      continue;
    }
    const first = byId.get(r.row.id);
    const clash = first && (header.map.perProduct ? mergeRow(first, r.row) : duplicate(first));
    if (clash) {
      rejected.push({ line: record.line, reason: clash });
      continue;
    }
    if (!first) byId.set(r.row.id, r.row);
    for (const w of r.warnings) warnings.push({ line: record.line, reason: w });
    accepted++;
  }
  rejected.sort((a, b) => a.line - b.line);
  return {
    ok: true,
    roster: {
      delimiter: csv.delimiter,
      encoding: csv.encoding,
      headerLine: headerRecord.line,
      header: header.map,
      entries: [...byId.values()],
      accepted,
      rejected,
      warnings,
    },
  };
}

function duplicate(first: RosterRow): string {
  return `duplicate e-mail: ${first.email} is already on line ${first.line} (e-mails are compared ignoring case)`;
}

/** Folds another product row of the same person into the first; a different name means two people share an address. */
function mergeRow(into: RosterRow, row: RosterRow): string | undefined {
  for (const key of ['firstName', 'lastName'] as const) {
    const a = into[key];
    const b = row[key];
    if (a !== undefined && b !== undefined && a.toLowerCase() !== b.toLowerCase())
      return `same e-mail as line ${into.line} but a different ${key === 'firstName' ? 'first' : 'last'} name`;
  }
  into.firstName ??= row.firstName;
  into.lastName ??= row.lastName;
  into.locale ??= row.locale;
  into.timeZone ??= row.timeZone;
  into.manager ??= row.manager;
  into.department ??= row.department;
  into.products = dedupe([...into.products, ...row.products]);
  into.logins = dedupe([...into.logins, ...row.logins]);
  into.roles = [...new Set([...into.roles, ...row.roles])];
  return undefined;
}
