// What the Teams edge is built with: the core's store, clock, logger and configuration, and, for inbound turns, the
// interaction handler. It never sees the rest of the bot.
import type { EdgeDeps } from '../../ports/deps.ts';
import type { InteractionHandler } from '../../ports/interaction.ts';

export type TeamsDeps = EdgeDeps;

export interface TeamsTurnDeps extends TeamsDeps {
  handle: InteractionHandler;
}
