// Sending the core's answers back into the conversation a turn came from, and keeping a failed in-turn send from
// costing the turn its answer.
import { MessageFactory, type TurnContext } from 'botbuilder';
import type { TeamsDeps } from './deps.ts';
import type { InteractionReply } from '../../ports/interaction.ts';
import type { Logger } from '../../log.ts';
import { callerLocale } from '../../services/resolve-caller.ts';
import { mapTeamsError } from './map-error.ts';
import { fileActivities } from './offer-files.ts';
import { cardAttachment } from './render.ts';

/** One message per card, then one per file (a consent card in a 1:1 chat, else a preview), in a single batch. */
export async function sendReply(ctx: TeamsDeps, turn: TurnContext, reply: InteractionReply): Promise<void> {
  const activities = reply.cards.map((c) => MessageFactory.attachment(cardAttachment(c)));
  if (reply.files?.length) {
    const locale =
      reply.cards[0]?.locale ?? reply.replaceCard?.locale ?? callerLocale(ctx, undefined, turn.activity.locale);
    activities.push(...(await fileActivities(ctx, turn, reply.files, locale)));
  }
  if (activities.length) await turn.sendActivities(activities);
}

/**
 * Runs a send or update inside the turn (`what` names it in the log). What the turn did is already recorded, and an
 * invoke is answered only once its turn's logic returns: a failure (the Bot Connector answered an error, or took longer
 * than the client's timeout; it is not retried) is logged with ids and the status only, and the turn goes on.
 * True when it went through.
 */
export async function inTurn(
  log: Logger,
  turn: TurnContext,
  what: string,
  send: () => Promise<unknown>,
): Promise<boolean> {
  try {
    await send();
    return true;
  } catch (err) {
    const a = turn.activity;
    log.warn(
      {
        platform: 'teams',
        activityType: a.type,
        activity: a.id,
        replyTo: a.replyToId,
        conversation: a.conversation?.id,
        err: mapTeamsError(err),
      },
      `in-turn ${what} failed`,
    );
    return false;
  }
}
