// The Teams feature module: the adapter, POST /api/messages and the Teams ChatChannel.
// On when an app id is set, or when TEAMS_LOCAL_NO_AUTH allows an unauthenticated endpoint for local use and tests.
import type { AppModule } from '../../app/context.ts';
import { createTeamsAdapter } from './adapter.ts';
import { messagesEndpoint } from './messages-endpoint.ts';
import { createTeamsChannel } from './teams-channel.ts';
import { createTurnHandler } from './turn-handler.ts';

export const installTeams: AppModule = ({ ctx, http }) => {
  if (!ctx.config.MICROSOFT_APP_ID && !ctx.config.TEAMS_LOCAL_NO_AUTH) return;
  const { adapter, appId, authEnabled } = createTeamsAdapter(ctx.config, ctx.logger);
  if (!authEnabled) ctx.logger.warn({ platform: 'teams' }, 'Teams endpoint runs WITHOUT authentication (TEAMS_LOCAL_NO_AUTH): local use only');
  http.router.add('POST', '/api/messages', messagesEndpoint(adapter, authEnabled, createTurnHandler(ctx, { authEnabled })));
  ctx.channels.teams = createTeamsChannel({ ctx, adapter, appId });
};
