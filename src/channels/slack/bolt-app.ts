// The Bolt app: over HTTP on our router (RouterReceiver, the default) or over Socket Mode when SLACK_SOCKET_MODE=true.
// One workspace, one bot token: authorize asks auth.test once for the bot's ids (so Bolt can ignore the bot's own
// messages) and remembers them.
import { createHash } from 'node:crypto';
import { App, type AuthorizeResult } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { SlackEdge } from './edge.ts';
import { RouterReceiver } from './router-receiver.ts';
import { sdkLogger } from './sdk-logger.ts';
import { createSocketMode, type SocketModeConnection } from './socket-mode.ts';
import { webClientOptions } from './web-client.ts';

/** Slack retries for about an hour at most; a replayed request is refused as stale after five minutes. */
const DELIVERY_TTL_MS = 60 * 60 * 1000;

export interface BoltSetup {
  app: App;
  mode: 'http' | 'socket';
  /** Set in HTTP mode: its handler serves POST /slack/events. */
  receiver?: RouterReceiver;
  /** Set in Socket Mode: started and stopped with the app. */
  socket?: SocketModeConnection;
}

export function botAuthorize(client: WebClient, botToken: string): () => Promise<AuthorizeResult> {
  let ids: Promise<AuthorizeResult> | undefined;
  return async () => {
    ids ??= client.auth.test().then(
      (r) => ({ botId: r.bot_id, botUserId: r.user_id, teamId: r.team_id }),
      (err: unknown) => {
        ids = undefined;
        throw err;
      },
    );
    return { botToken, ...(await ids) };
  };
}

export function createBoltApp(edge: SlackEdge): BoltSetup {
  const { config, clock } = edge.deps;
  const common = {
    authorize: botAuthorize(edge.client, config.SLACK_BOT_TOKEN ?? ''),
    logger: sdkLogger(edge.log),
    clientOptions: webClientOptions(config, edge.log),
    ignoreSelf: true,
  };
  // Each delivery runs once across replicas, whichever way it came (first-delivery.ts).
  const firstDelivery = (key: string): Promise<boolean> =>
    edge.deps.store.acquireLease(
      `slack:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`,
      'slack',
      DELIVERY_TTL_MS,
    );
  let setup: BoltSetup;
  if (config.SLACK_SOCKET_MODE) {
    const socket = createSocketMode(config, edge.log, { firstDelivery });
    setup = { app: new App({ ...common, socketMode: true, receiver: socket.receiver }), mode: 'socket', socket };
  } else {
    const receiver = new RouterReceiver({
      signingSecret: config.SLACK_SIGNING_SECRET ?? '',
      now: () => clock.now(),
      log: edge.log,
      firstDelivery,
    });
    setup = { app: new App({ ...common, receiver }), mode: 'http', receiver };
  }
  // Listener failures are logged where they happen; this keeps Bolt from turning them into HTTP 500s.
  setup.app.error(async (err) => {
    edge.log.error({ code: err.code, err: err.message }, 'slack listener failed');
  });
  return setup;
}
