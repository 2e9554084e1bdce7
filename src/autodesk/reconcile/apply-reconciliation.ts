// The thin applier: the report's events through updatePerson, repeats ignored, changes counted.
import type { Actor } from '../../domain/types.ts';
import type { MigrationStore } from '../../store/store.ts';
import { applyPersonEvents, type ApplyOutcome, type StillWanted } from '../apply-person-events.ts';
import type { ReconciliationReport } from './reconcile-export.ts';

// Autodesk showing a pending invitation means "invited", never "invited once more".
const stillWanted: StillWanted = (p, e) =>
  e.type !== 'invite.sent' || p.invite.status === 'not_invited' || p.invite.status === 'failed';

/**
 * Applies a reconciliation; a change made in the meantime (or the same report applied twice) shows up as
 * alreadyDone, not as an error or a second change.
 */
export function applyReconciliation(
  store: MigrationStore,
  report: ReconciliationReport,
  actor: Actor,
  now: number,
): Promise<ApplyOutcome> {
  return applyPersonEvents(store, report.changes, actor, now, { detail: 'autodesk-export', stillWanted });
}
