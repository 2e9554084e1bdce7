// Which serviceUrl a conversation lives on, so a card can be updated knowing only its conversation and message ids.
import type { MigrationStore } from '../../store/store.ts';

const KIND = 'teams:conversation';

export interface ConversationInfo {
  serviceUrl: string;
  tenantId?: string;
}

export async function rememberConversation(
  store: MigrationStore,
  conversationId: string,
  info: ConversationInfo,
): Promise<void> {
  await store.putDoc(KIND, conversationId, info);
}

export async function conversationInfo(
  store: MigrationStore,
  conversationId: string,
): Promise<ConversationInfo | undefined> {
  return store.getDoc<ConversationInfo>(KIND, conversationId);
}
