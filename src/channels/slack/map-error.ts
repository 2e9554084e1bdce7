// Every Web API failure mapped once into what the delivery engine decides on. Error classes by instanceof,
// Slack's `{ok:false, error}` codes by name.
import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from '@slack/web-api';
import type { SendOutcome } from '../../ports/chat-channel.ts';
import { CardError } from '../../cards/index.ts';

export type FailedOutcome = Exclude<SendOutcome, { kind: 'sent' }>;

/** When Slack reports a limit in the body rather than with 429 + Retry-After, wait this long. */
export const DEFAULT_RETRY_MS = 60_000;

const RATE_LIMITED = new Set(['ratelimited', 'rate_limited', 'message_limit_exceeded']);
/** The person cannot be messaged, whatever we send: retrying will not help. */
const BLOCKED = new Set([
  'user_disabled',
  'cannot_dm_bot',
  'not_allowed_token_type',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'is_archived',
  'channel_is_archived',
  'messages_tab_disabled',
  'not_in_channel',
  'access_denied',
  'ekm_access_denied',
  'team_access_not_granted',
  'user_not_visible',
]);
const NOT_FOUND = new Set([
  'user_not_found',
  'users_not_found',
  'channel_not_found',
  'message_not_found',
  'duplicate_channel_not_found',
  'duplicate_message_not_found',
]);
/** Slack's own trouble: worth another try later. */
const TRANSIENT = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

/**
 * Maps a thrown Web API error (or a card that could not be rendered) to a send outcome. Payload problems and
 * credential problems (invalid_auth, missing_scope...) are `invalid`: retrying the same call cannot succeed.
 */
export function mapSlackError(err: unknown): FailedOutcome {
  if (err instanceof WebAPIRateLimitedError)
    return { kind: 'rate_limited', retryAfterMs: Math.max(0, err.retryAfter) * 1000 };
  if (err instanceof WebAPIPlatformError) return mapPlatformCode(err.data.error);
  if (err instanceof WebAPIHTTPError) {
    if (err.statusCode >= 500 || err.statusCode === 408) return { kind: 'transient', reason: `HTTP ${err.statusCode}` };
    return { kind: 'invalid', reason: `HTTP ${err.statusCode}` };
  }
  if (err instanceof WebAPIRequestError) {
    const original = err.original;
    const timedOut = original.name === 'TimeoutError' || original.name === 'AbortError';
    return { kind: 'transient', reason: timedOut ? 'timeout' : `network: ${original.message}` };
  }
  if (err instanceof CardError) return { kind: 'invalid', reason: `card: ${err.code}` };
  return { kind: 'transient', reason: err instanceof Error ? err.message : String(err) };
}

export function mapPlatformCode(code: string): FailedOutcome {
  if (RATE_LIMITED.has(code)) return { kind: 'rate_limited', retryAfterMs: DEFAULT_RETRY_MS };
  if (BLOCKED.has(code)) return { kind: 'blocked', reason: code };
  if (NOT_FOUND.has(code)) return { kind: 'not_found', reason: code };
  if (TRANSIENT.has(code)) return { kind: 'transient', reason: code };
  return { kind: 'invalid', reason: code };
}
