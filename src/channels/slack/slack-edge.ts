// The Slack edge: the ChatChannel, the Bolt app and its listeners, and POST /slack/events on our router (or a Socket
// Mode connection, reported on by /healthz). Undefined when SLACK_BOT_TOKEN is not set.
import type { EdgeDeps } from '../../ports/deps.ts';
import type { Inbound, PlatformEdge } from '../../ports/platform-edge.ts';
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

export function createSlackEdge(deps: EdgeDeps): PlatformEdge | undefined {
  if (!deps.config.slackEnabled) return undefined;
  const log = deps.logger.child({ platform: 'slack' });
  const edge: SlackEdge = { deps, client: createWebClient(deps.config, log), log };
  return {
    channel: createSlackChannel(edge),
    serve(handle): Inbound {
      const inbound = { ...edge, handle };
      const bolt = createBoltApp(edge);
      registerCommand(bolt.app, inbound);
      registerBlockActions(bolt.app, inbound);
      registerHelpModal(bolt.app, inbound);
      registerAppHome(bolt.app, edge);
      registerDmMessages(bolt.app, inbound);
      if (bolt.receiver)
        return {
          routes: [
            { method: 'POST', path: SLACK_EVENTS_PATH, handler: bolt.receiver.handle, guard: bolt.receiver.guard },
          ],
        };
      const { socket } = bolt;
      if (!socket) return {};
      return {
        start: () => socket.start(),
        stop: () => socket.stop(),
        // Down while Slack refuses the app token or cannot be reached; the connection keeps retrying by itself.
        health: { name: 'slack', check: () => ({ ok: socket.state() === 'connected', state: socket.state() }) },
      };
    },
  };
}
