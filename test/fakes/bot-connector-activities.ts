// Inbound Bot Framework activities shaped as Teams sends them to /api/messages, for end-to-end tests.

export interface TeamsUserFixture {
  userId: string;
  aadObjectId: string;
  tenantId: string;
  /** The user's 1:1 conversation with the bot. */
  conversationId: string;
  name?: string;
}

export const BOT = { id: '28:numbot-test-bot', name: 'numbot' };
let sequence = 0;

function base(serviceUrl: string, user: TeamsUserFixture, type: string): Record<string, unknown> {
  return {
    type,
    id: `inbound-${++sequence}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: user.userId, name: user.name ?? 'Test User', aadObjectId: user.aadObjectId },
    recipient: BOT,
    conversation: { id: user.conversationId, conversationType: 'personal', tenantId: user.tenantId, isGroup: false },
    channelData: { tenant: { id: user.tenantId } },
    locale: 'fr-BE',
  };
}

/** The app installed in a user's personal scope: conversationUpdate adding the bot. */
export function installActivity(serviceUrl: string, user: TeamsUserFixture): Record<string, unknown> {
  return { ...base(serviceUrl, user, 'conversationUpdate'), membersAdded: [{ id: BOT.id }] };
}

/** A typed message; `<at>numbot</at>` in the text comes with its mention entity, as Teams sends it. */
export function messageActivity(serviceUrl: string, user: TeamsUserFixture, text: string): Record<string, unknown> {
  const mention = `<at>${BOT.name}</at>`;
  const entities = text.includes(mention) ? [{ type: 'mention', mentioned: BOT, text: mention }] : [];
  return { ...base(serviceUrl, user, 'message'), text, textFormat: 'plain', entities };
}

/** A click on an Action.Execute button. */
export function executeInvoke(
  serviceUrl: string,
  user: TeamsUserFixture,
  verb: string,
  data: Record<string, unknown>,
  replyToId?: string,
): Record<string, unknown> {
  return {
    ...base(serviceUrl, user, 'invoke'),
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    ...(replyToId ? { replyToId } : {}),
  };
}

/** The Action.Submit fallback: a message carrying the card's data as `value`, replying to the card's activity. */
export function submitActivity(
  serviceUrl: string,
  user: TeamsUserFixture,
  value: Record<string, unknown>,
  replyToId: string,
): Record<string, unknown> {
  return { ...base(serviceUrl, user, 'message'), value, replyToId };
}

/**
 * A user's answer to a file consent card, as Teams sends it: `context` is the card's acceptContext or declineContext,
 * and an accept carries the upload session Teams opened in the user's OneDrive.
 */
export function fileConsentInvoke(
  serviceUrl: string,
  user: TeamsUserFixture,
  action: 'accept' | 'decline',
  context: unknown,
  uploadInfo?: Record<string, unknown>,
  replyToId?: string,
): Record<string, unknown> {
  return {
    ...base(serviceUrl, user, 'invoke'),
    name: 'fileConsent/invoke',
    value: { type: 'fileUpload', action, context, ...(uploadInfo ? { uploadInfo } : {}) },
    ...(replyToId ? { replyToId } : {}),
  };
}

export async function postActivity(
  appUrl: string,
  activity: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${appUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof activity === 'string' ? activity : JSON.stringify(activity),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // plain-text answer
  }
  return { status: res.status, body };
}
