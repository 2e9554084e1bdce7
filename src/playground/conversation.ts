// What the page shows of one conversation: its messages, each rendered for both platforms.
import type { Inbox, InboxMessage } from './inbox.ts';
import { renderBoth, type RenderedBoth } from './render-both.ts';

export interface ShownMessage {
  id: string;
  sentAt: number;
  updatedAt?: number;
  card: RenderedBoth | { name: string; error: string };
}

export function showMessage(m: InboxMessage): ShownMessage {
  let card: ShownMessage['card'];
  try {
    card = renderBoth(m.card);
  } catch (err) {
    // A stored card whose template changed since: show that, not a broken page.
    card = { name: m.card.name, error: (err as Error).message };
  }
  return { id: m.id, sentAt: m.sentAt, ...(m.updatedAt !== undefined ? { updatedAt: m.updatedAt } : {}), card };
}

/** Oldest first, as a chat reads. */
export async function showConversation(inbox: Inbox, conversationId: string): Promise<ShownMessage[]> {
  const newestFirst = await inbox.list(conversationId);
  return newestFirst.reverse().map(showMessage);
}
