// Where the playground channel keeps what it "sent": one message document per card and, per conversation (a person's
// inbox or the admin feed), a bounded list of message ids, newest first. Kept in the store so it works on Redis too.
import type { OutboundCard } from '../ports/chat-channel.ts';
import type { MigrationStore } from '../store/store.ts';

/** The admins' feed: postToAdmins lands here. Person ids are e-mail addresses, so this cannot clash with one. */
export const ADMIN_FEED = 'admins';

const MESSAGE_DOC = 'playground:message';
const INBOX_HISTORY = 'playground:inbox';
/** Enough for a whole campaign with its reminders; older messages drop off the list. */
export const INBOX_LIMIT = 100;

export interface InboxMessage {
  id: string;
  conversationId: string;
  card: OutboundCard;
  sentAt: number;
  updatedAt?: number;
}

export interface Inbox {
  add(message: InboxMessage): Promise<void>;
  get(messageId: string): Promise<InboxMessage | undefined>;
  /** Replaces the card of a message; false when there is no such message. */
  replace(messageId: string, card: OutboundCard, at: number): Promise<boolean>;
  /** Newest first. */
  list(conversationId: string, limit?: number): Promise<InboxMessage[]>;
}

export function createInbox(store: MigrationStore): Inbox {
  return {
    async add(message) {
      await store.putDoc(MESSAGE_DOC, message.id, message);
      await store.pushHistory(INBOX_HISTORY, message.conversationId, message.id, INBOX_LIMIT);
    },
    get: (messageId) => store.getDoc<InboxMessage>(MESSAGE_DOC, messageId),
    async replace(messageId, card, at) {
      const message = await store.getDoc<InboxMessage>(MESSAGE_DOC, messageId);
      if (!message) return false;
      await store.putDoc(MESSAGE_DOC, messageId, { ...message, card, updatedAt: at });
      return true;
    },
    async list(conversationId, limit = INBOX_LIMIT) {
      const ids = await store.readHistory<string>(INBOX_HISTORY, conversationId, limit);
      const messages = await Promise.all(ids.map((id) => store.getDoc<InboxMessage>(MESSAGE_DOC, id)));
      return messages.filter((m): m is InboxMessage => m !== undefined);
    },
  };
}
