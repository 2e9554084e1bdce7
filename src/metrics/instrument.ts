// Counting at the seams: every channel's sends and every interaction pass through these wrappers, so the delivery
// engine, the scheduler and the edges need no metrics code of their own.
import type { InteractionHandler } from '../app/interaction.ts';
import type { ChatChannel, SendOutcome } from '../channels/channel.ts';
import type { Metrics } from './metrics.ts';

type Operation = 'send' | 'update' | 'admins';

/** The channel with its sends, updates and admin posts counted by outcome; 429s counted apart too. */
export function countedChannel(channel: ChatChannel, metrics: Metrics): ChatChannel {
  const { platform } = channel;
  const counted = async (operation: Operation, send: () => Promise<SendOutcome>): Promise<SendOutcome> => {
    let outcome: SendOutcome;
    try {
      outcome = await send();
    } catch (err) {
      metrics.deliveries.inc({ platform, operation, outcome: 'error' });
      throw err;
    }
    metrics.deliveries.inc({ platform, operation, outcome: outcome.kind });
    if (outcome.kind === 'rate_limited') metrics.rateLimited.inc({ platform });
    return outcome;
  };
  // Methods are bound through the original object so channels that keep state on `this` still work.
  return Object.assign(Object.create(channel) as ChatChannel, {
    sendCard: (person, card) => counted('send', () => channel.sendCard(person, card)),
    updateCard: (ref, card) => counted('update', () => channel.updateCard(ref, card)),
    postToAdmins: (card) => counted('admins', () => channel.postToAdmins(card)),
  } satisfies Pick<ChatChannel, 'sendCard' | 'updateCard' | 'postToAdmins'>);
}

/** The interaction handler with its latency and outcome recorded (wall time, not the app's clock). */
export function timedHandler(handle: InteractionHandler, metrics: Metrics): InteractionHandler {
  return async (interaction) => {
    const labels = { kind: interaction.kind, platform: interaction.actor.platform };
    const stop = metrics.interactionSeconds.startTimer(labels);
    try {
      const reply = await handle(interaction);
      metrics.interactions.inc({ ...labels, outcome: reply.refused ? 'refused' : 'ok' });
      return reply;
    } catch (err) {
      metrics.interactions.inc({ ...labels, outcome: 'error' });
      throw err;
    } finally {
      stop();
    }
  };
}
