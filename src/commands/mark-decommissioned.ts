// Step 5 done: the licence server's record says when it was switched off (once; a repeat keeps the first date).
import type { AppContext } from '../app/context.ts';
import type { LicenceServerRecord } from '../domain/licence-server.ts';
import type { Actor } from '../domain/types.ts';
import { SERVER_DOC } from './server-overview.ts';

/** Marks a configured server switched off at `now`; returns the date it is recorded as switched off. */
export async function markDecommissioned(ctx: AppContext, server: { id: string; address: string }, actor: Actor, now: number, detail = ''): Promise<number> {
  const record = (await ctx.store.getDoc<LicenceServerRecord>(SERVER_DOC, server.id)) ?? { id: server.id, address: server.address };
  if (record.decommissionedAt !== undefined) return record.decommissionedAt;
  await ctx.store.putDoc<LicenceServerRecord>(SERVER_DOC, server.id, { ...record, decommissionedAt: now });
  await ctx.store.appendAudit({ at: now, actor: actor.id, source: actor.source, action: 'server.decommissioned', detail: `${server.id}${detail}` });
  return now;
}
