// Delivers what the core answered. Command answers are ephemeral (response_url, then chat.postEphemeral, then the
// DM); answers to a DM go to that DM; a clicked card is replaced in place; files go to the actor's DM.
import type { InteractionReply } from '../../ports/interaction.ts';
import type { OutboundCard } from '../../ports/chat-channel.ts';
import type { Locale } from '../../domain/types.ts';
import type { SlackEdge } from './edge.ts';
import { mapSlackError } from './map-error.ts';
import { renderForSlack, type SlackContent } from './render.ts';
import { dmChannel, sendFile } from './upload-file.ts';

export interface ReplyTarget {
  userId: string;
  /** The conversation the interaction came from. */
  channelId?: string;
  /** True when that conversation is the actor's DM with the bot: answers are plain messages there. */
  inDm?: boolean;
  /** Slack's response_url for this interaction (slash commands, buttons in messages). */
  responseUrl?: string;
  /** The message whose button was clicked, replaced by `replaceCard`. */
  message?: { channel: string; ts: string };
}

export async function deliverReply(
  edge: SlackEdge,
  reply: InteractionReply,
  target: ReplyTarget,
  locale: Locale,
): Promise<void> {
  if (reply.replaceCard && target.message) await replaceMessage(edge, target.message, reply.replaceCard);
  // A refusal is for the clicker's eyes only, wherever they clicked.
  const shown = reply.refused ? { ...target, inDm: false } : target;
  for (const card of reply.cards) await showCard(edge, card, shown);
  if (reply.files?.length) {
    const channel = target.inDm && target.channelId ? target.channelId : await dmChannel(edge, target.userId);
    for (const file of reply.files) await sendFile(edge, channel, file, locale);
  }
}

async function replaceMessage(
  edge: SlackEdge,
  message: { channel: string; ts: string },
  card: OutboundCard,
): Promise<void> {
  const { blocks, text } = renderForSlack(card);
  await edge.client.chat.update({ channel: message.channel, ts: message.ts, blocks, text });
}

async function showCard(edge: SlackEdge, card: OutboundCard, target: ReplyTarget): Promise<void> {
  const content = renderForSlack(card);
  if (target.inDm && target.channelId) {
    await edge.client.chat.postMessage({ channel: target.channelId, ...content });
    return;
  }
  if (target.responseUrl && (await postToResponseUrl(edge, target.responseUrl, content))) return;
  if (target.channelId) {
    try {
      await edge.client.chat.postEphemeral({ channel: target.channelId, user: target.userId, ...content });
      return;
    } catch (err) {
      // The bot may not be in that channel: the DM still works.
      edge.log.debug({ outcome: mapSlackError(err).kind }, 'ephemeral reply failed');
    }
  }
  await edge.client.chat.postMessage({ channel: target.userId, ...content });
}

/** Posts an ephemeral answer to a response_url; false when Slack did not take it (expired, used five times...). */
async function postToResponseUrl(edge: SlackEdge, url: string, content: SlackContent): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, ...content }),
      signal: AbortSignal.timeout(edge.deps.config.SLACK_TIMEOUT_MS),
    });
    await res.body?.cancel();
    return res.ok;
  } catch (err) {
    edge.log.debug({ err: (err as Error).name }, 'response_url failed');
    return false;
  }
}
