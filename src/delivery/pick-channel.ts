// Which channel reaches a person: the rule of src/services/reach.ts (Teams, Slack, then the playground; the
// preferred platform first when both can reach them, see preferPlatform).
import type { ChatChannel, Platform } from '../ports/chat-channel.ts';
import type { Person } from '../domain/types.ts';
import { channelFor } from '../services/reach.ts';

/** The first configured channel that can reach this person; undefined if none. */
export function pickChannel(person: Person, channels: Partial<Record<Platform, ChatChannel>>): ChatChannel | undefined {
  return channelFor(person, channels);
}
