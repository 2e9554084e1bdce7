// The Teams feature module: the adapter, POST /api/messages, the Teams ChatChannel and the uploads of accepted files.
// On when an app id is set, or when TEAMS_LOCAL_NO_AUTH allows an unauthenticated endpoint for local use and tests.
import type { AppModule } from '../../app/context.ts';
import { createTeamsAdapter } from './adapter.ts';
import { messagesEndpoint } from './messages-endpoint.ts';
import { createFileSender } from './send-accepted-file.ts';
import { createTeamsChannel } from './teams-channel.ts';
import { createTurnHandler } from './turn-handler.ts';

export const installTeams: AppModule = ({ ctx, http, onStop }) => {
  if (!ctx.config.MICROSOFT_APP_ID && !ctx.config.TEAMS_LOCAL_NO_AUTH) return;
  const { adapter, appId, authEnabled } = createTeamsAdapter(ctx.config, ctx.logger);
  if (!authEnabled)
    ctx.logger.warn(
      { platform: 'teams' },
      'Teams endpoint runs WITHOUT authentication (TEAMS_LOCAL_NO_AUTH): local use only',
    );
  const fileSender = createFileSender(ctx, { adapter, appId }, { timeoutMs: ctx.config.TEAMS_TIMEOUT_MS });
  http.router.add(
    'POST',
    '/api/messages',
    messagesEndpoint(adapter, authEnabled, createTurnHandler(ctx, { authEnabled, fileSender })),
  );
  ctx.channels.teams = createTeamsChannel({ ctx, adapter, appId });
  // Accepted files still uploading finish (and their outcome is posted) before the store closes.
  onStop(async () => {
    const pending = fileSender.pending();
    if (pending > 0) ctx.logger.info({ platform: 'teams', pending }, 'waiting for file uploads under way');
    await fileSender.drain();
  });
};
