// The Team Admin API's read-back in the shape of Autodesk Account's user export, so one reconciliation
// (reconcile-export.ts) serves both: one row per user without a product, one per user × assigned product. The user's
// status field is unconfirmed (PENDING / ACTIVE assumed); an unknown one counts as neither. Pure.
import type { AutodeskTeamSnapshot } from '../../ports/autodesk-link.ts';
import type { ExportRow } from './parse-export.ts';

export function snapshotRows(s: AutodeskTeamSnapshot): ExportRow[] {
  const status = new Map(s.users.map((u) => [u.email, u.status ?? '']));
  const rows: ExportRow[] = [];
  const row = (email: string, product: string): ExportRow => ({
    line: rows.length + 1,
    email,
    firstName: '',
    lastName: '',
    product,
    accountStatus: status.get(email) ?? '',
    seatAssignment: product ? 'Assigned' : '',
    accessOption: 'Named user',
    lastAccessed: '',
    daysUsed: undefined,
  });
  const withProduct = new Set(s.assignments.map((a) => a.email));
  for (const a of s.assignments) rows.push(row(a.email, a.product));
  for (const u of s.users) if (!withProduct.has(u.email)) rows.push(row(u.email, ''));
  return rows;
}
