// Every Bot Connector failure mapped once to what the delivery engine decides on. Reasons carry status and error
// codes only, never message bodies.
import type { SendOutcome } from '../../ports/chat-channel.ts';

export type FailedOutcome = Exclude<SendOutcome, { kind: 'sent' }>;

/** 403 codes that mean this user cannot be written to (blocked the bot, uninstalled it, or an admin disabled it). */
const BLOCKED_CODES = [
  'ConversationBlockedByUser',
  'BotNotInConversationRoster',
  'BotDisabledByAdmin',
  'MessageWritesBlocked',
];
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'REQUEST_SEND_ERROR',
]);
/** Used when a 429 carries no Retry-After. */
export const DEFAULT_RETRY_AFTER_MS = 1_000;

interface ConnectorErrorLike {
  name?: string;
  code?: string;
  statusCode?: number;
  response?: { status?: number; bodyAsText?: string | null; headers?: { get(name: string): string | undefined } };
}

export function mapTeamsError(err: unknown, now = Date.now()): FailedOutcome {
  const e = (err ?? {}) as ConnectorErrorLike;
  const status = e.statusCode ?? e.response?.status;
  const codes = errorCodes(e);
  const reason = [status ?? e.name ?? 'error', ...codes].join(' ');
  if (status === undefined) {
    if (e.name === 'AbortError' || e.name === 'TimeoutError') return { kind: 'transient', reason: 'timeout' };
    if (e.code && NETWORK_CODES.has(e.code)) return { kind: 'transient', reason: `network ${e.code}` };
    return { kind: 'transient', reason: `error ${e.name ?? 'unknown'}` };
  }
  if (status === 429)
    return { kind: 'rate_limited', retryAfterMs: retryAfterMs(e.response?.headers?.get('retry-after'), now) };
  if (status === 403) {
    const known = BLOCKED_CODES.find((c) => codes.includes(c));
    return { kind: 'blocked', reason: known ?? reason };
  }
  if (status === 404) return { kind: 'not_found', reason };
  if (status === 408 || status === 412 || status >= 500) return { kind: 'transient', reason };
  return { kind: 'invalid', reason };
}

/** Error code and sub-code from the RestError and the Teams error body `{error:{code, subCode?}}`. */
function errorCodes(e: ConnectorErrorLike): string[] {
  const out = new Set<string>();
  if (e.code) out.add(e.code);
  const text = e.response?.bodyAsText;
  if (text) {
    try {
      const body = JSON.parse(text) as {
        error?: { code?: unknown; subCode?: unknown; innerHttpError?: { subCode?: unknown } };
      };
      for (const c of [body.error?.code, body.error?.subCode, body.error?.innerHttpError?.subCode])
        if (typeof c === 'string' && c) out.add(c);
    } catch {
      // Not JSON (a gateway's HTML page): the status alone decides.
    }
  }
  return [...out].filter((c) => /^[A-Za-z0-9_.-]{1,64}$/.test(c));
}

/** Retry-After is seconds or an HTTP date. */
export function retryAfterMs(header: string | undefined, now: number): number {
  if (!header) return DEFAULT_RETRY_AFTER_MS;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? DEFAULT_RETRY_AFTER_MS : Math.max(0, at - now);
}
