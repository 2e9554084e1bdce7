// A clicked card button. Action.Execute arrives as an `adaptiveCard/action` invoke whose response replaces the card in
// place; its Action.Submit fallback arrives as a message with `value`, and the card is then replaced by an update.
// The core checks that the clicker is the person the card was for (and answers users outside the migration): this
// passes the real actor, with a person id only when one is linked. The click is handled before anything is sent back:
// a reply or card update the Bot Connector fails is logged and the click still gets its answer.
import { MessageFactory, type TurnContext } from 'botbuilder';
import type { TeamsTurnDeps } from './deps.ts';
import type { InteractionReply } from '../../ports/interaction.ts';
import { teamsActor } from './identity.ts';
import { adaptiveCardOf, cardAttachment } from './render.ts';
import { inTurn, sendReply } from './send-reply.ts';

const CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';
const ERROR = 'application/vnd.microsoft.error';

export interface AdaptiveCardInvokeResult {
  statusCode: number;
  type: string;
  value: unknown;
}

export async function onExecuteInvoke(ctx: TeamsTurnDeps, turn: TurnContext): Promise<void> {
  await respond(turn, await executeResult(ctx, turn));
}

async function executeResult(ctx: TeamsTurnDeps, turn: TurnContext): Promise<AdaptiveCardInvokeResult> {
  const action = (turn.activity.value as { action?: { type?: unknown; verb?: unknown; data?: unknown } } | undefined)
    ?.action;
  if (action?.type !== 'Action.Execute' || typeof action.verb !== 'string' || !action.verb) {
    return {
      statusCode: 400,
      type: ERROR,
      value: { code: 'BadRequest', message: 'expected an Action.Execute with a verb' },
    };
  }
  const actor = await teamsActor(ctx, turn);
  let reply: InteractionReply;
  try {
    reply = await ctx.handle({ kind: 'card_action', actor, action: action.verb, data: asData(action.data) });
  } catch (err) {
    ctx.logger.error(
      { platform: 'teams', verb: action.verb, err: { message: (err as Error).message } },
      'card action failed',
    );
    return {
      statusCode: 500,
      type: ERROR,
      value: { code: 'InternalError', message: 'Something went wrong; please try again.' },
    };
  }
  // The invoke's answer waits for this: a failed reply must not cost the click its answer (Teams would show an error).
  await inTurn(ctx.logger, turn, 'reply', () => sendReply(ctx, turn, reply));
  if (reply.replaceCard) return { statusCode: 200, type: CARD, value: adaptiveCardOf(reply.replaceCard) };
  return { statusCode: 200, type: MESSAGE, value: '' };
}

/** The Action.Submit fallback: `value` holds the verb and the card's data. */
export async function onSubmit(ctx: TeamsTurnDeps, turn: TurnContext): Promise<void> {
  const { verb, action, ...data } = asData(turn.activity.value);
  const name = typeof verb === 'string' && verb ? verb : typeof action === 'string' ? action : '';
  if (!name) return;
  const actor = await teamsActor(ctx, turn);
  const reply = await ctx.handle({ kind: 'card_action', actor, action: name, data });
  const replyTo = turn.activity.replyToId;
  const replaceCard = reply.replaceCard;
  if (replaceCard && replyTo) {
    await inTurn(ctx.logger, turn, 'card update', () =>
      turn.updateActivity({ ...MessageFactory.attachment(cardAttachment(replaceCard)), id: replyTo }),
    );
  }
  await inTurn(ctx.logger, turn, 'reply', () => sendReply(ctx, turn, reply));
}

function asData(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? { ...(v as Record<string, unknown>) } : {};
}

async function respond(turn: TurnContext, body: AdaptiveCardInvokeResult): Promise<void> {
  await turn.sendActivity({ type: 'invokeResponse', value: { status: 200, body } });
}
