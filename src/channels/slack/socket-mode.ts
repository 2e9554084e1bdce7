// Socket Mode: numbot opens the connection itself (apps.connections.open with the xapp- app-level token, then a
// WebSocket) and Slack's commands, clicks and events arrive over it. The SDK reconnects when Slack refreshes the
// connection; start says clearly when Slack refuses the token; stop waits until the socket is closed.
import { SocketModeReceiver } from '@slack/bolt';
import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRequestError } from '@slack/web-api';
import type { Config } from '../../config.ts';
import type { Logger } from '../../log.ts';
import { sdkLogger } from './sdk-logger.ts';

type SocketConfig = Pick<Config, 'SLACK_APP_TOKEN' | 'SLACK_API_URL' | 'SLACK_TIMEOUT_MS'>;

export interface SocketModeConnection {
  receiver: SocketModeReceiver;
  /** Resolves once Slack said hello; throws a clear error when Slack refuses the app token. */
  start(): Promise<void>;
  /** Closes the socket and cancels any pending reconnection; resolves when it is closed. */
  stop(): Promise<void>;
}

/**
 * The Web API options of the Socket Mode client, which calls apps.connections.open (at start and on every
 * reconnection). Same API base and timeout as the bot's client; unlike it, the SDK's own retries stay on: they carry a
 * reconnection through a failed apps.connections.open, where `retries: 0` would end the connection for good.
 */
export function socketModeClientOptions(config: SocketConfig, log: Logger) {
  return { slackApiUrl: config.SLACK_API_URL, timeout: config.SLACK_TIMEOUT_MS, logger: sdkLogger(log) };
}

export function createSocketMode(config: SocketConfig, log: Logger): SocketModeConnection {
  const receiver = new SocketModeReceiver({
    appToken: config.SLACK_APP_TOKEN ?? '',
    logger: sdkLogger(log),
    installerOptions: { clientOptions: socketModeClientOptions(config, log) },
  });
  return {
    receiver,
    async start() {
      try {
        await receiver.start();
      } catch (err) {
        throw new Error(socketModeStartFailure(err), { cause: err });
      }
    },
    async stop() {
      // Bolt's receiver.stop() does not wait for the close handshake; the client's disconnect() does.
      await receiver.client.disconnect();
    },
  };
}

/** What to tell the operator when the connection could not be opened (no token in it). */
export function socketModeStartFailure(err: unknown): string {
  const prefix = 'Slack Socket Mode could not connect';
  if (err instanceof WebAPIPlatformError) {
    const code = err.data.error;
    return `${prefix}: apps.connections.open answered "${code}". Check SLACK_APP_TOKEN: an app-level token (xapp-...) of this app with the connections:write scope (Basic Information › App-Level Tokens), and Socket Mode enabled in the app's settings.`;
  }
  if (err instanceof WebAPIHTTPError) return `${prefix}: apps.connections.open answered HTTP ${err.statusCode}. Is SLACK_API_URL right?`;
  if (err instanceof WebAPIRequestError) return `${prefix}: ${err.original.message}`;
  return `${prefix}: ${err instanceof Error ? err.message : String(err)}`;
}
