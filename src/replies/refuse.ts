// The one way the core says no: the refusal is audited as `refused:<what>` and logged with ids only, nothing else
// changes, and the caller gets the answer (flagged `refused`, so channels may show it to them alone).
import type { CoreDeps } from '../ports/deps.ts';
import type { InteractionReply } from '../ports/interaction.ts';
import type { Caller } from '../services/resolve-caller.ts';

export interface Refusal {
  /** What was refused: a command or action name, or `not_in_migration`. */
  what: string;
  at: number;
  /** The person a clicked card was for, when it carried one. */
  person?: string;
  detail?: string;
}

export async function refuse(
  ctx: Pick<CoreDeps, 'store' | 'logger'>,
  caller: Pick<Caller, 'platform' | 'audit'>,
  refusal: Refusal,
  reply: InteractionReply,
): Promise<InteractionReply> {
  await ctx.store.appendAudit({
    at: refusal.at,
    actor: caller.audit.id,
    source: caller.audit.source,
    action: `refused:${refusal.what}`,
    ...(refusal.person ? { person: refusal.person } : {}),
    ...(refusal.detail ? { detail: refusal.detail } : {}),
  });
  ctx.logger.info({ platform: caller.platform, actor: caller.audit.id, refused: refusal.what }, 'refused');
  return { ...reply, refused: true };
}
