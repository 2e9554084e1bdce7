// The playground feature module: a web page that is a chat platform of its own. Served at / when no real platform
// is configured, else at /playground when PLAYGROUND=on (then only to this machine).
import type { AppModule } from '../app/context.ts';
import { registerApiRoutes } from './api-routes.ts';
import { createInbox } from './inbox.ts';
import { createPlaygroundChannel } from './playground-channel.ts';
import { sendStatic } from './static-files.ts';
import { TimeControl } from './time-control.ts';

export const PLAYGROUND_PATH = '/playground';

export const installPlayground: AppModule = (host) => {
  const { ctx } = host;
  if (!ctx.config.playgroundEnabled) return;
  const log = ctx.logger.child({ platform: 'playground' });
  const alone = !ctx.config.teamsEnabled && !ctx.config.slackEnabled;
  const inbox = createInbox(ctx.store);
  const channel = createPlaygroundChannel({ inbox, clock: ctx.clock });
  ctx.channels.playground = channel;
  // The scheduler module installs after this one: look it up when the clock moves.
  const time = new TimeControl(ctx.clock, ctx.store, ctx.config, () => ctx.scheduler);
  registerApiRoutes(host.http.router, { ctx, inbox, channel, time, loopbackOnly: !alone });

  const router = host.http.router;
  router.add('GET', PLAYGROUND_PATH, (_req, res) => sendStatic(res, 'index.html'));
  router.add('GET', `${PLAYGROUND_PATH}/static/:file`, (req, res) => sendStatic(res, req.params.file ?? ''));
  if (alone) router.add('GET', '/', (_req, res) => sendStatic(res, 'index.html'));

  if (!alone) log.warn('playground is on beside a real platform: it answers only on this machine (loopback)');
};
