// The planned switch-off of a licence server, set or cleared by an admin: written on the server's record (which the
// poll's patches never carry, see updateServerRecord) and audited. Reminders read it through schedule/deadline.ts.
import type { InteractionDeps } from '../ports/deps.ts';
import type { Actor } from '../domain/types.ts';
import { modifyServerRecord, type ServerRecordDoc } from './server-record.ts';

export type PlanOutcome =
  /** Written (or, clearing, nothing was planned: `changed` false). `before` is the plan it replaced. */
  | { ok: true; changed: boolean; before?: number }
  /** The server was switched off meanwhile: nothing written. */
  | { ok: false; decommissionedAt: number };

/**
 * Sets (`at`) or clears (undefined) the planned switch-off of a configured server; `detail` goes to the audit entry
 * (`server.planned_off` / `server.plan_cleared`). A switched-off server is left alone.
 */
export async function setPlannedOff(
  ctx: Pick<InteractionDeps, 'store'>,
  server: { id: string; address: string },
  at: number | undefined,
  actor: Actor,
  now: number,
  detail = '',
): Promise<PlanOutcome> {
  let outcome: PlanOutcome = { ok: true, changed: false };
  await modifyServerRecord(ctx.store, server.id, (cur) => {
    const record = cur ?? { id: server.id, address: server.address };
    if (record.decommissionedAt !== undefined) {
      outcome = { ok: false, decommissionedAt: record.decommissionedAt };
      return undefined;
    }
    const before = record.plannedOffAt;
    outcome = {
      ok: true,
      changed: at !== undefined || before !== undefined,
      ...(before !== undefined ? { before } : {}),
    };
    if (!outcome.changed) return undefined;
    const next: ServerRecordDoc = { ...record };
    if (at === undefined) delete next.plannedOffAt;
    else next.plannedOffAt = at;
    return next;
  });
  if (!outcome.ok || !outcome.changed) return outcome;
  await ctx.store.appendAudit({
    at: now,
    actor: actor.id,
    source: actor.source,
    action: at === undefined ? 'server.plan_cleared' : 'server.planned_off',
    detail: `${server.id}${detail}`,
  });
  return outcome;
}
