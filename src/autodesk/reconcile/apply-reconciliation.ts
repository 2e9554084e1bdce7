// The thin applier: the report's events through updatePerson, repeats ignored, changes counted.
import type { Actor } from '../../domain/types.ts';
import type { MigrationStore } from '../../store/store.ts';
import { applyPersonEvents, type ApplyOutcome } from '../apply-person-events.ts';
import type { ReconciliationReport } from './reconcile-export.ts';

/** Applies a reconciliation; someone else's change in the meantime shows up as alreadyDone, not as an error. */
export function applyReconciliation(
  store: MigrationStore,
  report: ReconciliationReport,
  actor: Actor,
  now: number,
): Promise<ApplyOutcome> {
  return applyPersonEvents(store, report.changes, actor, now, 'autodesk-export');
}
