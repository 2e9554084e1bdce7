// The ChatChannel port on Slack: a card goes to the person's DM (chat.postMessage with their user id as channel),
// is replaced with chat.update, and admin posts go to SLACK_ADMIN_CHANNEL. Failures come back as SendOutcomes.
import type { ChatChannel, OutboundCard, SendOutcome, SentRef } from '../../ports/chat-channel.ts';
import type { Person } from '../../domain/types.ts';
import type { SlackEdge } from './edge.ts';
import { syncSlackDirectory } from './directory-sync.ts';
import { createEmailLookup } from './lookup-by-email.ts';
import { mapSlackError } from './map-error.ts';
import { renderForSlack } from './render.ts';

export function createSlackChannel(edge: SlackEdge): ChatChannel {
  const { client } = edge;

  async function post(channel: string, card: OutboundCard): Promise<SendOutcome> {
    try {
      const { blocks, text } = renderForSlack(card);
      const res = await client.chat.postMessage({ channel, blocks, text, unfurl_links: false, unfurl_media: false });
      if (!res.channel || !res.ts)
        return { kind: 'transient', reason: 'chat.postMessage answered without channel or ts' };
      return { kind: 'sent', ref: { platform: 'slack', conversationId: res.channel, messageId: res.ts } };
    } catch (err) {
      return mapSlackError(err);
    }
  }

  return {
    platform: 'slack',
    canReach: (person: Person) => Boolean(person.chat.slack?.userId),
    async sendCard(person, card) {
      const userId = person.chat.slack?.userId;
      if (!userId) return { kind: 'not_found', reason: 'no Slack identity' };
      return post(userId, card);
    },
    async updateCard(ref: SentRef, card) {
      try {
        const { blocks, text } = renderForSlack(card);
        await client.chat.update({ channel: ref.conversationId, ts: ref.messageId, blocks, text });
        return { kind: 'sent', ref };
      } catch (err) {
        return mapSlackError(err);
      }
    },
    async postToAdmins(card) {
      const channel = edge.deps.config.SLACK_ADMIN_CHANNEL;
      if (!channel) return { kind: 'not_found', reason: 'SLACK_ADMIN_CHANNEL is not set' };
      return post(channel, card);
    },
    syncDirectory: () => syncSlackDirectory(edge),
    lookup: createEmailLookup(edge),
  };
}
