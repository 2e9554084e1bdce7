// The planned switch-off of a licence server, set or cleared by an admin: written on the server's record (which the
// poll's patches never carry, see updateServerRecord) and audited. Reminders read it through schedule/deadline.ts.
import type { AppContext } from '../app/context.ts';
import type { Actor } from '../domain/types.ts';
import { SERVER_DOC, type ServerRecordDoc } from '../licensing/watch/server-record.ts';

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
  ctx: AppContext,
  server: { id: string; address: string },
  at: number | undefined,
  actor: Actor,
  now: number,
  detail = '',
): Promise<PlanOutcome> {
  const record = (await ctx.store.getDoc<ServerRecordDoc>(SERVER_DOC, server.id)) ?? { id: server.id, address: server.address };
  if (record.decommissionedAt !== undefined) return { ok: false, decommissionedAt: record.decommissionedAt };
  const before = record.plannedOffAt;
  const was = before !== undefined ? { before } : {};
  if (at === undefined && before === undefined) return { ok: true, changed: false };
  const next: ServerRecordDoc = { ...record };
  if (at === undefined) delete next.plannedOffAt;
  else next.plannedOffAt = at;
  await ctx.store.putDoc<ServerRecordDoc>(SERVER_DOC, server.id, next);
  await ctx.store.appendAudit({
    at: now,
    actor: actor.id,
    source: actor.source,
    action: at === undefined ? 'server.plan_cleared' : 'server.planned_off',
    detail: `${server.id}${detail}`,
  });
  return { ok: true, changed: true, ...was };
}
