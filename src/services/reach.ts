// Which channel reaches a person, the one rule delivery, campaigns and the directory sync share. A person reachable on
// both platforms gets one card, on the platform PREFERRED_PLATFORM names: `preferPlatform` makes the other channel
// decline anyone the preferred one can reach, so every caller of `channelFor` follows the preference.
import type { ChatChannel, Platform } from '../ports/chat-channel.ts';
import type { Channels } from '../ports/deps.ts';
import type { Person } from '../domain/types.ts';

const ORDER: Platform[] = ['teams', 'slack', 'playground'];

/** The first configured channel, in the order Teams, Slack, playground, that can reach this person; undefined if none. */
export function channelFor(person: Person, channels: Partial<Record<Platform, ChatChannel>>): ChatChannel | undefined {
  for (const platform of ORDER) {
    const channel = channels[platform];
    if (channel?.canReach(person)) return channel;
  }
  return undefined;
}

/** The channels with the chat platform that is not preferred stepping aside for people the preferred one reaches. */
export function preferPlatform(channels: Channels, preferred: 'teams' | 'slack'): Channels {
  const other = preferred === 'teams' ? 'slack' : 'teams';
  const first = channels[preferred];
  const second = channels[other];
  if (!first || !second) return channels;
  const stepAside: ChatChannel = {
    platform: second.platform,
    canReach: (p) => second.canReach(p) && !first.canReach(p),
    sendCard: (p, card) => second.sendCard(p, card),
    updateCard: (ref, card) => second.updateCard(ref, card),
    postToAdmins: (card) => second.postToAdmins(card),
    syncDirectory: (options) => second.syncDirectory(options),
    ...(second.lookup ? { lookup: (p: Person) => second.lookup!(p) } : {}),
  };
  return { ...channels, [other]: stepAside };
}
