// Writing first: into a stored 1:1 conversation, or opening one with a user who never wrote to the bot.
// Every call returns the activity id or the error it raised, so the caller maps it once; nothing here retries.
import {
  MessageFactory,
  type Attachment,
  type CloudAdapter,
  type ConversationParameters,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';

export interface ProactiveDeps {
  adapter: CloudAdapter;
  appId: string;
}

export type ProactiveResult<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface Target {
  conversationId: string;
  serviceUrl: string;
  tenantId?: string;
}

function referenceTo(t: Target): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl: t.serviceUrl,
    conversation: {
      id: t.conversationId,
      isGroup: false,
      conversationType: 'personal',
      name: '',
      ...(t.tenantId ? { tenantId: t.tenantId } : {}),
    },
  };
}

/** Posts a card into an existing conversation; the new activity id. */
export function postToConversation(
  deps: ProactiveDeps,
  target: Target,
  attachment: Attachment,
): Promise<ProactiveResult<string>> {
  return inConversation(
    deps,
    target,
    async (turn) => (await turn.sendActivity(MessageFactory.attachment(attachment)))?.id ?? '',
  );
}

/** Replaces a message already posted. */
export function updateInConversation(
  deps: ProactiveDeps,
  target: Target,
  messageId: string,
  attachment: Attachment,
): Promise<ProactiveResult<void>> {
  return inConversation(deps, target, async (turn) => {
    await turn.updateActivity({ ...MessageFactory.attachment(attachment), id: messageId });
  });
}

/** Runs `logic` in one proactive turn in an existing conversation (several sends and updates); its value, or what it threw. */
export async function inConversation<T>(
  deps: ProactiveDeps,
  target: Target,
  logic: (turn: TurnContext) => Promise<T>,
): Promise<ProactiveResult<T>> {
  let result: ProactiveResult<T> = { ok: false, error: new Error('the proactive turn did not run') };
  try {
    await deps.adapter.continueConversationAsync(deps.appId, referenceTo(target), async (turn) => {
      try {
        result = { ok: true, value: await logic(turn) };
      } catch (error) {
        result = { ok: false, error };
      }
    });
  } catch (error) {
    result = { ok: false, error };
  }
  return result;
}

export interface OpenedConversation {
  /** Set as soon as Teams created the conversation, even when the post into it then failed. */
  conversationId?: string;
  result: ProactiveResult<string>;
}

/** Opens the 1:1 conversation with a Teams user (POST /v3/conversations), then posts the card in it. */
export async function openAndPost(
  deps: ProactiveDeps,
  user: { userId: string; tenantId?: string },
  serviceUrl: string,
  attachment: Attachment,
): Promise<OpenedConversation> {
  const params: ConversationParameters = {
    isGroup: false,
    members: [{ id: user.userId, name: '' }],
    ...(deps.appId ? { bot: { id: `28:${deps.appId}`, name: '' } } : {}),
    ...(user.tenantId ? { tenantId: user.tenantId, channelData: { tenant: { id: user.tenantId } } } : {}),
  } as ConversationParameters;
  const out: OpenedConversation = { result: { ok: false, error: new Error('the proactive turn did not run') } };
  try {
    // An undefined audience lets the connector factory use the cloud's own Bot Connector scope.
    await deps.adapter.createConversationAsync(
      deps.appId,
      'msteams',
      serviceUrl,
      undefined as unknown as string,
      params,
      async (turn) => {
        out.conversationId = turn.activity.conversation.id;
        try {
          const sent = await turn.sendActivity(MessageFactory.attachment(attachment));
          out.result = { ok: true, value: sent?.id ?? '' };
        } catch (error) {
          out.result = { ok: false, error };
        }
      },
    );
  } catch (error) {
    out.result = { ok: false, error };
  }
  return out;
}
