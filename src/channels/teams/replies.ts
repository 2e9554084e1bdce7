// Sending the core's answers back into the conversation a turn came from.
import { MessageFactory, type TurnContext } from 'botbuilder';
import type { AppContext } from '../../app/context.ts';
import type { InteractionReply } from '../../app/interaction.ts';
import { callerLocale } from '../../services/resolve-caller.ts';
import { fileActivities } from './offer-files.ts';
import { cardAttachment } from './render.ts';

/** One message per card, then one per file (a consent card in a 1:1 chat, else a preview), in a single batch. */
export async function sendReply(ctx: AppContext, turn: TurnContext, reply: InteractionReply): Promise<void> {
  const activities = reply.cards.map((c) => MessageFactory.attachment(cardAttachment(c)));
  if (reply.files?.length) {
    const locale = reply.cards[0]?.locale ?? reply.replaceCard?.locale ?? callerLocale(ctx, undefined, turn.activity.locale);
    activities.push(...(await fileActivities(ctx, turn, reply.files, locale)));
  }
  if (activities.length) await turn.sendActivities(activities);
}
