// Sending the core's answers back into the conversation a turn came from.
import { MessageFactory, type TurnContext } from 'botbuilder';
import type { InteractionActor, InteractionReply } from '../../app/interaction.ts';
import type { Config } from '../../config.ts';
import { cardAttachment, fileAttachment } from './render.ts';

/** One message per card, then one per file, in a single batch. */
export async function sendReply(turn: TurnContext, reply: InteractionReply): Promise<void> {
  const activities = [
    ...reply.cards.map((c) => MessageFactory.attachment(cardAttachment(c))),
    ...(reply.files ?? []).map((f) => MessageFactory.attachment(fileAttachment(f))),
  ];
  if (activities.length) await turn.sendActivities(activities);
}

/** Told to people who write to the bot but are not in the migration's roster. */
export function notInMigrationText(config: Config): string {
  return (
    `Hello! This bot guides the people taking part in "${config.MIGRATION_NAME}". ` +
    `You are not on its list, so there is nothing for you to do here. ` +
    `If you think that is a mistake, please contact ${config.ORGANISATION_NAME}.`
  );
}

export function actorOf(turn: TurnContext, personId: string | undefined): InteractionActor {
  const a = turn.activity;
  return {
    platform: 'teams',
    userId: a.from.id,
    ...(personId ? { personId } : {}),
    ...(a.locale ? { locale: a.locale } : {}),
  };
}
