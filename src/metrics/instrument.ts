// Counting at the seams: every channel's sends and every interaction pass through these wrappers, so the delivery
// engine, the scheduler and the edges need no metrics code of their own.
import type { InteractionHandler } from '../ports/interaction.ts';
import type { ChatChannel, SendOutcome } from '../ports/chat-channel.ts';
import type { Channels } from '../ports/deps.ts';
import type { Delivery } from '../ports/delivery.ts';
import type { Metrics } from './metrics.ts';
import type { QueueDepth } from './queue-depth.ts';

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

/** Every configured channel, counted. */
export function countedChannels(channels: Channels, metrics: Metrics): Channels {
  return Object.fromEntries(
    Object.entries(channels).flatMap(([platform, channel]) =>
      channel ? [[platform, countedChannel(channel, metrics)]] : [],
    ),
  ) as Channels;
}

/** The delivery engine with the campaigns enqueued on this replica tracked at once (the engine's reports add others). */
export function trackedDelivery(delivery: Delivery, depth: QueueDepth): Delivery {
  return {
    ...delivery,
    async enqueue(campaignId, jobs) {
      const r = await delivery.enqueue(campaignId, jobs);
      if (r.queued > 0) depth.track(campaignId);
      return r;
    },
  };
}
