// What every part of the Slack edge works with: the app context (store, clock, core handler), the Web API client and
// a logger. `ctx.handle` is read at call time, since the commands module sets it after this edge is installed.
import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../../app/context.ts';
import type { Logger } from '../../log.ts';

export interface SlackEdge {
  ctx: AppContext;
  client: WebClient;
  log: Logger;
}
