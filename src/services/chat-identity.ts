// Chat user id -> person id lookups, kept as documents so both stores serve them.
import type { Platform } from '../ports/chat-channel.ts';
import type { MigrationStore } from '../store/store.ts';

const kind = (platform: Platform) => `chat:${platform}`;

/** Remembers that a platform user id belongs to a person. */
export async function rememberChatUser(
  store: MigrationStore,
  platform: Platform,
  userId: string,
  personId: string,
): Promise<void> {
  await store.putDoc(kind(platform), userId, personId);
}

/** The person a platform user id belongs to, if known. */
export async function personForChatUser(
  store: MigrationStore,
  platform: Platform,
  userId: string,
): Promise<string | undefined> {
  return store.getDoc<string>(kind(platform), userId);
}
