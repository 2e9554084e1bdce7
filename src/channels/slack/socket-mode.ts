// Socket Mode: numbot opens the connection itself (apps.connections.open with the xapp- app-level token, then a
// WebSocket) and Slack's commands, clicks and events arrive over it. The SDK's own reconnection is off: it crashes the
// process when Slack refuses the token on a reconnection (an unhandled rejection) and backs off without limit;
// keep-connected.ts reconnects instead. start says clearly when Slack refuses the token (and only then fails: an outage
// at start leaves the bot up and retrying); stop waits until the socket is closed.
import { SocketModeReceiver, type App, type Logger as SlackLogger, type ReceiverEvent } from '@slack/bolt';
import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from '@slack/web-api';
import type { Config } from '../../config.ts';
import type { Logger } from '../../log.ts';
import { deliveryKey, isFirstDelivery, type FirstDelivery } from './first-delivery.ts';
import { keepConnected, type LinkState } from './keep-connected.ts';
import { sdkLogger } from './sdk-logger.ts';

type SocketConfig = Pick<Config, 'SLACK_APP_TOKEN' | 'SLACK_API_URL' | 'SLACK_TIMEOUT_MS'>;

export interface SocketModeConnection {
  receiver: SocketModeReceiver;
  /**
   * Resolves once Slack said hello, or once a first attempt that failed for another reason than a refused token is
   * left to be retried in the background; throws a clear error when Slack refuses the app token.
   */
  start(): Promise<void>;
  /** Closes the socket and cancels any pending reconnection; resolves when it is closed. */
  stop(): Promise<void>;
  /** `connected`, or why not: `connecting`, `disconnected` (retrying), `stopped`. */
  state(): LinkState;
}

/**
 * The Web API options of the Socket Mode client, which calls apps.connections.open (at start and on every
 * reconnection). Same API base and timeout as the bot's client, and like it no retries inside the SDK: keep-connected.ts
 * retries the whole connection with its own backoff (and waits as long as a 429 asks).
 */
export function socketModeClientOptions(config: SocketConfig, log: Logger) {
  return {
    slackApiUrl: config.SLACK_API_URL,
    timeout: config.SLACK_TIMEOUT_MS,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: socketSdkLogger(log),
  };
}

/** SDK lines repeated on every failed attempt, which keep-connected.ts reports once per change instead. */
const REPEATED = ['Failed to retrieve a new WSS URL', 'http request failed'];

/**
 * The SDK logger of the Socket Mode client, without the lines it would repeat on every failed attempt, nor those
 * written while numbot itself is closing the socket (`closing`): closing a socket that is still opening makes the SDK
 * report a WebSocket error, which is the expected end of an abandoned attempt, not news.
 */
export function socketSdkLogger(log: Logger, closing: () => boolean = () => false): SlackLogger {
  const inner = sdkLogger(log);
  const quiet =
    (write: (...msg: unknown[]) => void) =>
    (...msg: unknown[]) => {
      if (closing()) return;
      if (typeof msg[0] === 'string' && REPEATED.some((r) => (msg[0] as string).startsWith(r))) return;
      write(...msg);
    };
  return { ...inner, warn: quiet(inner.warn), error: quiet(inner.error) };
}

/**
 * apps.connections.open errors that say the app token or the app itself is wrong (bad, revoked or expired token, not an
 * app-level token, no connections:write, app uninstalled, workspace gone): fatal at start, as waiting will not fix them.
 * Any other error (internal_error, service_unavailable, ratelimited, request_timeout, fatal_error...) may pass, so the
 * bot starts without the socket and retries. A superset of the SDK's own list (UnrecoverableSocketModeStartError).
 */
export const REFUSED_TOKEN_ERRORS: ReadonlySet<string> = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
  'missing_scope',
  'missing_args',
  'team_disabled',
  'user_removed_from_team',
  'app_uninstalled',
  'forbidden_team',
  'is_bot',
]);

/** Slack refused the app token (or the app): see REFUSED_TOKEN_ERRORS. */
export function isRefusedToken(err: unknown): boolean {
  return err instanceof WebAPIPlatformError && REFUSED_TOKEN_ERRORS.has(err.data.error);
}

export interface SocketModeOptions {
  /** How long one connection attempt may wait for Slack's hello; ATTEMPT_TIMEOUT_MS (30 s) unless a test says. */
  attemptTimeoutMs?: number;
  /**
   * Runs each envelope once, as over HTTP (first-delivery.ts): Slack redelivers an envelope not acknowledged in time,
   * and another replica may get the same event. An envelope seen before is acknowledged and not run again.
   */
  firstDelivery?: FirstDelivery;
}

/**
 * The Socket Mode receiver that hands Bolt each envelope only the first time its delivery key is seen: the event's
 * id, else the trigger id with the actions, else the envelope id.
 */
class OnceSocketModeReceiver extends SocketModeReceiver {
  constructor(
    options: ConstructorParameters<typeof SocketModeReceiver>[0],
    private readonly once: { firstDelivery?: FirstDelivery; log: Logger; envelopeOf: WeakMap<object, string> },
  ) {
    super(options);
  }

  override init(app: App): void {
    const { firstDelivery, log, envelopeOf } = this.once;
    if (!firstDelivery) return super.init(app);
    // The receiver only ever calls processEvent on its app.
    const gated = {
      processEvent: async (event: ReceiverEvent): Promise<void> => {
        const body = event.body as Record<string, unknown>;
        const envelopeId = envelopeOf.get(body);
        const key = deliveryKey(body, envelopeId ? `envelope:${envelopeId}` : undefined);
        if (key && !(await isFirstDelivery(firstDelivery, key, log))) {
          log.info({ retryNum: event.retryNum, retryReason: event.retryReason }, 'slack retry acknowledged');
          await event.ack();
          return;
        }
        await app.processEvent(event);
      },
    };
    super.init(gated as unknown as App);
  }
}

export function createSocketMode(
  config: SocketConfig,
  log: Logger,
  opts: SocketModeOptions = {},
): SocketModeConnection {
  /** Set by close(), until the next attempt: the socket is being closed on purpose, maybe while still opening. */
  let closing = false;
  /** Each envelope's id, by its payload (the body Bolt's event carries), for the delivery key's last resort. */
  const envelopeOf = new WeakMap<object, string>();
  const receiver = new OnceSocketModeReceiver(
    {
      appToken: config.SLACK_APP_TOKEN ?? '',
      logger: socketSdkLogger(log, () => closing),
      autoReconnectEnabled: false,
      installerOptions: { clientOptions: socketModeClientOptions(config, log) },
      // Called with the client's envelope just before Bolt's event is built from it; adds nothing to the context.
      customPropertiesExtractor: (args: { body?: unknown; envelope_id?: unknown }) => {
        if (args.body && typeof args.body === 'object' && typeof args.envelope_id === 'string')
          envelopeOf.set(args.body, args.envelope_id);
        return {};
      },
    },
    { firstDelivery: opts.firstDelivery, log, envelopeOf },
  );
  const { client } = receiver;
  // The client opens the WebSocket right after `connecting`, even when disconnect() came while it was asking for the
  // URL: close that socket as soon as it exists, so the interrupted attempt ends (rejects) instead of waiting for hello.
  client.on('connecting', () => {
    if (closing) queueMicrotask(() => void client.disconnect());
  });
  const kept = keepConnected(
    {
      // Resolves on Slack's hello; rejects with the Web API error, or with nothing when the socket closed before hello.
      open: async () => {
        closing = false;
        await receiver.start();
      },
      // Bolt's receiver.stop() does not wait for the close handshake; the client's disconnect() does.
      close: () => {
        closing = true;
        return client.disconnect();
      },
      // With its own reconnection off, the client says `disconnected` whenever a socket closes.
      onClosed: (fn) => void client.on('disconnected', fn),
    },
    {
      log,
      describe: socketModeStartFailure,
      fatalAtStart: isRefusedToken,
      retryAfterMs: (err) => (err instanceof WebAPIRateLimitedError ? err.retryAfter * 1000 : undefined),
      attemptTimeoutMs: opts.attemptTimeoutMs,
    },
  );
  return {
    receiver,
    async start() {
      try {
        await kept.start();
      } catch (err) {
        throw new Error(socketModeStartFailure(err), { cause: err });
      }
    },
    stop: () => kept.stop(),
    state: () => kept.state(),
  };
}

/** What to tell the operator when the connection could not be opened (no token in it). */
export function socketModeStartFailure(err: unknown): string {
  const prefix = 'Slack Socket Mode could not connect';
  if (err instanceof WebAPIPlatformError) {
    const code = err.data.error;
    if (!isRefusedToken(err)) return `${prefix}: apps.connections.open answered "${code}".`;
    return `${prefix}: apps.connections.open answered "${code}". Check SLACK_APP_TOKEN: an app-level token (xapp-...) of this app with the connections:write scope (Basic Information › App-Level Tokens), and Socket Mode enabled in the app's settings.`;
  }
  if (err instanceof WebAPIHTTPError)
    return `${prefix}: apps.connections.open answered HTTP ${err.statusCode}. Is SLACK_API_URL right?`;
  if (err instanceof WebAPIRequestError) return `${prefix}: ${err.original.message}`;
  return `${prefix}: ${err instanceof Error ? err.message : String(err)}`;
}
