// What Autodesk's export says that the roster does not know yet, as domain events, plus the differences both ways.
// Pure: the roster and the parsed export in, a report out. Matching is by e-mail only (names are hashed when
// personal data is off in Autodesk Account, and people rename).
import type { PersonEvent } from '../../domain/events.ts';
import { applyEvent } from '../../domain/transitions.ts';
import type { Person } from '../../domain/types.ts';
import type { PersonChanges } from '../person-changes.ts';
import { matchProduct } from '../product-names.ts';
import type { ExportRow } from './parse-export.ts';

/** The device id under which Autodesk's own usage data records a named-user sign-in. */
export const AUTODESK_USAGE_DEVICE = 'autodesk-usage';

export interface ReconciliationReport {
  rows: number;
  /** False when no row can be matched: every e-mail is hashed (personal data is off) or missing. */
  matchable: boolean;
  /** For the admin, when something stopped (part of) the matching. */
  problem?: string;
  /** Rows whose e-mail is hashed or not an address: never matched. */
  unmatchableRows: number;
  /** Roster people found in the export. */
  matchedPeople: number;
  /** Only the events that change someone, in the order to apply them. */
  changes: PersonChanges[];
  /** In Autodesk but not in the roster, with Autodesk's product names. */
  notInRoster: { email: string; products: string[] }[];
  /** In the roster but not in the export (person ids). */
  notInAutodesk: string[];
  /** The roster says assigned, but the export shows no seat (meaningful with the user export, which lists every seat). */
  missingInAutodesk: { personId: string; product: string }[];
  /** Autodesk shows a product that is not among the person's products. */
  outOfScope: { personId: string; product: string }[];
}

const ACTIVE = /^active$/i;
const PENDING = /^(pending|invited|invitation sent)$/i;
const NO_SEAT = /^(unassigned|not assigned|none|no|false|removed|revoked)$/i;
/** A multi-user (network) seat: using it is not a named-user sign-in. */
const NETWORK_ACCESS = /multi|network/i;
const NEVER = /^(|-+|n\/?a|never|none|null)$/i;

const isAddress = (email: string) => email.includes('@');
const named = (r: ExportRow) => r.product !== '' && !NETWORK_ACCESS.test(r.accessOption);
const hasSeat = (r: ExportRow) => named(r) && !NO_SEAT.test(r.seatAssignment.trim());
const signedInNamed = (r: ExportRow) => named(r) && (!NEVER.test(r.lastAccessed.trim()) || (r.daysUsed ?? 0) > 0);

/**
 * Keeps the events that still change `person`, simulating them in order with the domain's own rules (rather than
 * restating those rules here). Repeats (one row per product version) are dropped before simulating.
 */
function effective(person: Person, wanted: PersonEvent[]): PersonEvent[] {
  const kept: PersonEvent[] = [];
  const seen = new Set<string>();
  let cur = person;
  for (const e of wanted) {
    const key = JSON.stringify(e);
    if (seen.has(key)) continue;
    seen.add(key);
    const r = applyEvent(cur, e, cur.updatedAt);
    if (!r.ok) continue;
    kept.push(e);
    cur = r.value;
  }
  return kept;
}

function eventsFor(person: Person, rows: ExportRow[], outOfScope: Set<string>): PersonEvent[] {
  const wanted: PersonEvent[] = [];
  const used = rows.some(signedInNamed);
  if (used || rows.some((r) => ACTIVE.test(r.accountStatus.trim()))) wanted.push({ type: 'invite.accepted' });
  else if (
    rows.some((r) => PENDING.test(r.accountStatus.trim())) &&
    (person.invite.status === 'not_invited' || person.invite.status === 'failed')
  )
    wanted.push({ type: 'invite.sent' });
  for (const r of rows) {
    if (!r.product) continue;
    const product = matchProduct(r.product, person.products);
    if (!product) {
      outOfScope.add(r.product);
      continue;
    }
    // Signing in with a named user proves the seat even when the row's seat column is blank.
    if (hasSeat(r) || signedInNamed(r)) wanted.push({ type: 'product.assigned', product });
    if (signedInNamed(r))
      wanted.push({ type: 'device.switched', product, device: AUTODESK_USAGE_DEVICE, by: 'autodesk' });
  }
  return effective(person, wanted);
}

/**
 * Compares the roster with Autodesk's user or usage export.
 * Events: `invite.accepted` (account active, or any named sign-in), `invite.sent` (pending in Autodesk while the
 * roster never sent one), `product.assigned` per seat shown, `device.switched` by 'autodesk' on device
 * 'autodesk-usage' per product used with a named user (last_accessed set or days_used > 0, not a multi-user access).
 */
export function reconcileExport(roster: Person[], rows: ExportRow[]): ReconciliationReport {
  const report: ReconciliationReport = {
    rows: rows.length,
    matchable: true,
    unmatchableRows: 0,
    matchedPeople: 0,
    changes: [],
    notInRoster: [],
    notInAutodesk: [],
    missingInAutodesk: [],
    outOfScope: [],
  };
  const byEmail = new Map<string, ExportRow[]>();
  for (const r of rows) {
    const email = r.email.trim().toLowerCase();
    if (!isAddress(email)) {
      report.unmatchableRows++;
      continue;
    }
    byEmail.set(email, [...(byEmail.get(email) ?? []), r]);
  }
  if (rows.length > 0 && byEmail.size === 0) {
    report.matchable = false;
    report.problem =
      'The export has no readable e-mail addresses (personal data is off in Autodesk Account, so they are hashed): nothing could be matched. Turn personal data on under Reporting settings and export again.';
    return report;
  }
  if (report.unmatchableRows > 0)
    report.problem = `${report.unmatchableRows} rows have a hashed or missing e-mail address and were not matched.`;

  const rosterIds = new Set(roster.map((p) => p.id));
  for (const [email, list] of byEmail) {
    if (rosterIds.has(email)) continue;
    report.notInRoster.push({ email, products: [...new Set(list.map((r) => r.product).filter(Boolean))] });
  }
  for (const person of roster) {
    const list = byEmail.get(person.id);
    if (!list) {
      report.notInAutodesk.push(person.id);
      continue;
    }
    report.matchedPeople++;
    const outOfScope = new Set<string>();
    const events = eventsFor(person, list, outOfScope);
    for (const product of outOfScope) report.outOfScope.push({ personId: person.id, product });
    if (events.length) report.changes.push({ personId: person.id, events });
    const seats = new Set(
      list.filter((r) => hasSeat(r) || signedInNamed(r)).map((r) => matchProduct(r.product, person.products)),
    );
    for (const [product, state] of Object.entries(person.assignments))
      if (state.status === 'assigned' && !seats.has(product))
        report.missingInAutodesk.push({ personId: person.id, product });
  }
  return report;
}
