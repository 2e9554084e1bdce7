// What every part of the Slack edge works with: the core's store, clock, logger and configuration, the Web API client
// and a logger; the listeners of inbound requests also get the interaction handler. The edge never sees the rest of
// the bot.
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../log.ts';
import type { EdgeDeps } from '../../ports/deps.ts';
import type { InteractionHandler } from '../../ports/interaction.ts';

export interface SlackEdge {
  deps: EdgeDeps;
  client: WebClient;
  log: Logger;
}

/** The edge as Bolt's listeners use it: with the handler that answers commands and card actions. */
export interface SlackInbound extends SlackEdge {
  handle: InteractionHandler;
}
