// Sending the core's answers back into the conversation a turn came from.
import { MessageFactory, type TurnContext } from 'botbuilder';
import type { InteractionReply } from '../../app/interaction.ts';
import { cardAttachment, fileAttachment } from './render.ts';

/** One message per card, then one per file, in a single batch. */
export async function sendReply(turn: TurnContext, reply: InteractionReply): Promise<void> {
  const activities = [
    ...reply.cards.map((c) => MessageFactory.attachment(cardAttachment(c))),
    ...(reply.files ?? []).map((f) => MessageFactory.attachment(fileAttachment(f))),
  ];
  if (activities.length) await turn.sendActivities(activities);
}
