// A typed message: the text goes to the core as a command; its answer comes back as cards.
import { TurnContext } from 'botbuilder';
import type { AppContext } from '../../app/context.ts';
import { resolveTeamsPerson } from './identity.ts';
import { actorOf, notInMigrationText, sendReply } from './replies.ts';

export async function onMessage(ctx: AppContext, turn: TurnContext): Promise<void> {
  const personId = await resolveTeamsPerson(ctx, turn);
  if (!personId) {
    await turn.sendActivity(notInMigrationText(ctx.config));
    return;
  }
  const text = (TurnContext.removeRecipientMention(turn.activity) ?? turn.activity.text ?? '').trim();
  const reply = await ctx.handle({ kind: 'command', actor: actorOf(turn, personId), text });
  await sendReply(turn, reply);
}
