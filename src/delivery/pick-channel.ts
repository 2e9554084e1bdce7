// Which channel reaches a person: their own platform first, the playground as the embedded fallback.
import type { ChatChannel, Platform } from '../ports/chat-channel.ts';
import type { Person } from '../domain/types.ts';

const ORDER: Platform[] = ['teams', 'slack', 'playground'];

/** The first configured channel, in the order Teams, Slack, playground, that can reach this person; undefined if none. */
export function pickChannel(person: Person, channels: Partial<Record<Platform, ChatChannel>>): ChatChannel | undefined {
  for (const platform of ORDER) {
    const channel = channels[platform];
    if (channel?.canReach(person)) return channel;
  }
  return undefined;
}
