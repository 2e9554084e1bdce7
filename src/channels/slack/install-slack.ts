// The Slack feature module: the ChatChannel, the Bolt app and its listeners, and POST /slack/events on our router
// (or a Socket Mode connection, reported on by /healthz). Installs nothing when SLACK_BOT_TOKEN is not set.
import type { AppModule } from '../../app/context.ts';
import { registerAppHome } from './app-home.ts';
import { createBoltApp } from './bolt-app.ts';
import type { SlackEdge } from './edge.ts';
import { registerHelpModal } from './help-modal.ts';
import { registerBlockActions } from './on-block-action.ts';
import { registerCommand } from './on-command.ts';
import { registerDmMessages } from './on-dm-message.ts';
import { createSlackChannel } from './slack-channel.ts';
import { createWebClient } from './web-client.ts';

export const SLACK_EVENTS_PATH = '/slack/events';

export const installSlack: AppModule = (host) => {
  const { ctx } = host;
  if (!ctx.config.slackEnabled) return;
  const log = ctx.logger.child({ platform: 'slack' });
  const edge: SlackEdge = { ctx, client: createWebClient(ctx.config, log), log };
  ctx.channels.slack = createSlackChannel(edge);

  const bolt = createBoltApp(edge);
  registerCommand(bolt.app, edge);
  registerBlockActions(bolt.app, edge);
  registerHelpModal(bolt.app, edge);
  registerAppHome(bolt.app, edge);
  registerDmMessages(bolt.app, edge);

  if (bolt.receiver) {
    host.http.router.add('POST', SLACK_EVENTS_PATH, bolt.receiver.handle);
  } else if (bolt.socket) {
    const { socket } = bolt;
    host.onStart(() => socket.start());
    host.onStop(() => socket.stop());
    // Down while Slack refuses the app token or cannot be reached; the connection keeps retrying by itself.
    host.onHealth('slack', () => ({ ok: socket.state() === 'connected', state: socket.state() }));
  }
};
