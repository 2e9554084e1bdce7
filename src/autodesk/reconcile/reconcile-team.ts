// The whole roster against what Autodesk shows (the Team Admin API's read-back, or an export's rows): the report and
// what applying it changed. Used by `reconcile` and the daily read-back.
import type { Actor, Person } from '../../domain/types.ts';
import type { AutodeskReconcileCounts } from '../../ports/autodesk-link.ts';
import type { MigrationStore } from '../../store/store.ts';
import { applyReconciliation } from './apply-reconciliation.ts';
import type { ExportRow } from './parse-export.ts';
import { reconcileExport } from './reconcile-export.ts';

/** `changed` = people with at least one change recorded. */
export type ReconcileCounts = AutodeskReconcileCounts;

async function everyone(store: MigrationStore): Promise<Person[]> {
  const out: Person[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.scanPeople(cursor, 500);
    out.push(...page.people);
    cursor = page.next;
  } while (cursor);
  return out;
}

export async function reconcileRows(
  store: MigrationStore,
  rows: ExportRow[],
  actor: Actor,
  now: number,
): Promise<ReconcileCounts> {
  const report = reconcileExport(await everyone(store), rows);
  const outcome = await applyReconciliation(store, report, actor, now);
  return {
    rows: report.rows,
    matchable: report.matchable,
    matched: report.matchedPeople,
    changed: outcome.people,
    notInAutodesk: report.notInAutodesk.length,
    missing: report.missingInAutodesk.length,
    notInRoster: report.notInRoster.length,
  };
}
