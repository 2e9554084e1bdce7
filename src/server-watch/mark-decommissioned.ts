// Step 5 done: the licence server's record says when it was switched off (once; a repeat keeps the first date).
import type { InteractionDeps } from '../ports/deps.ts';
import type { Actor } from '../domain/types.ts';
import { modifyServerRecord } from './server-record.ts';

/** Marks a configured server switched off at `now`; returns the date it is recorded as switched off. */
export async function markDecommissioned(
  ctx: Pick<InteractionDeps, 'store'>,
  server: { id: string; address: string },
  actor: Actor,
  now: number,
  detail = '',
): Promise<number> {
  let already: number | undefined;
  await modifyServerRecord(ctx.store, server.id, (cur) => {
    already = cur?.decommissionedAt;
    return already !== undefined
      ? undefined
      : { ...(cur ?? { id: server.id, address: server.address }), decommissionedAt: now };
  });
  if (already !== undefined) return already;
  await ctx.store.appendAudit({
    at: now,
    actor: actor.id,
    source: actor.source,
    action: 'server.decommissioned',
    detail: `${server.id}${detail}`,
  });
  return now;
}
