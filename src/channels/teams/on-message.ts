// A typed message: the text goes to the core as a command; its answer comes back as cards.
import { TurnContext } from 'botbuilder';
import type { TeamsTurnDeps } from './deps.ts';
import { teamsActor } from './identity.ts';
import { sendReply } from './send-reply.ts';

/** Whoever wrote, roster or not: the core decides what a user outside the migration is told. */
export async function onMessage(ctx: TeamsTurnDeps, turn: TurnContext): Promise<void> {
  const actor = await teamsActor(ctx, turn);
  const text = (TurnContext.removeRecipientMention(turn.activity) ?? turn.activity.text ?? '').trim();
  const reply = await ctx.handle({ kind: 'command', actor, text });
  await sendReply(ctx, turn, reply);
}
