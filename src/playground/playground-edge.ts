// The playground edge: a web page that is a chat platform of its own. Served at / when no real platform is
// configured, else at /playground when PLAYGROUND=on (then only to this machine).
import type { EdgeDeps } from '../ports/deps.ts';
import type { InteractionHandler } from '../ports/interaction.ts';
import type { Inbound, Route } from '../ports/platform-edge.ts';
import type { Scheduler } from '../ports/scheduler.ts';
import { apiRoutes } from './api-routes.ts';
import { createInbox } from './inbox.ts';
import { createPlaygroundChannel, type PlaygroundChannel } from './playground-channel.ts';
import { sendStatic } from './static-files.ts';
import { TimeControl } from './time-control.ts';

export const PLAYGROUND_PATH = '/playground';

export interface PlaygroundEdge {
  readonly channel: PlaygroundChannel;
  /** The page and its API; the clock buttons run the scheduler's ticks. */
  serve(handle: InteractionHandler, scheduler: Scheduler): Inbound;
}

/** The playground, or undefined when it is off. */
export function createPlaygroundEdge(deps: EdgeDeps): PlaygroundEdge | undefined {
  const { config, store, clock } = deps;
  if (!config.playgroundEnabled) return undefined;
  const alone = !config.teamsEnabled && !config.slackEnabled;
  const inbox = createInbox(store);
  const channel = createPlaygroundChannel({ inbox, clock });
  return {
    channel,
    serve(handle, scheduler) {
      const time = new TimeControl(clock, store, config, scheduler);
      const routes: Route[] = [
        ...apiRoutes({ ctx: { ...deps, handle }, inbox, channel, time, loopbackOnly: !alone }),
        { method: 'GET', path: PLAYGROUND_PATH, handler: (_req, res) => sendStatic(res, 'index.html') },
        {
          method: 'GET',
          path: `${PLAYGROUND_PATH}/static/:file`,
          handler: (req, res) => sendStatic(res, req.params.file ?? ''),
        },
      ];
      if (alone) routes.push({ method: 'GET', path: '/', handler: (_req, res) => sendStatic(res, 'index.html') });
      else
        deps.logger
          .child({ platform: 'playground' })
          .warn('playground is on beside a real platform: it answers only on this machine (loopback)');
      return { routes };
    },
  };
}
