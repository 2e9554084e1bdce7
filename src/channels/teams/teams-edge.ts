// The Teams edge: the adapter, the Teams ChatChannel, and POST /api/messages with the uploads of accepted files.
// On when an app id is set, or when TEAMS_LOCAL_NO_AUTH allows an unauthenticated endpoint for local use and tests.
import type { PlatformEdge } from '../../ports/platform-edge.ts';
import { createTeamsAdapter } from './adapter.ts';
import type { TeamsDeps } from './deps.ts';
import { messagesEndpoint, messagesGuard } from './messages-endpoint.ts';
import { createFileSender } from './send-accepted-file.ts';
import { createTeamsChannel } from './teams-channel.ts';
import { createTurnHandler } from './turn-handler.ts';

export const TEAMS_MESSAGES_PATH = '/api/messages';

/** The Teams edge, or undefined when Teams is not configured. */
export function createTeamsEdge(deps: TeamsDeps): PlatformEdge | undefined {
  const { config, logger } = deps;
  if (!config.MICROSOFT_APP_ID && !config.TEAMS_LOCAL_NO_AUTH) return undefined;
  const { adapter, appId, authEnabled } = createTeamsAdapter(config, logger);
  if (!authEnabled)
    logger.warn(
      { platform: 'teams' },
      'Teams endpoint runs WITHOUT authentication (TEAMS_LOCAL_NO_AUTH): local use only',
    );
  return {
    channel: createTeamsChannel({ ctx: deps, adapter, appId }),
    serve(handle) {
      const fileSender = createFileSender(deps, { adapter, appId }, { timeoutMs: config.TEAMS_TIMEOUT_MS });
      const turns = createTurnHandler({ ...deps, handle }, { authEnabled, fileSender });
      return {
        routes: [
          {
            method: 'POST',
            path: TEAMS_MESSAGES_PATH,
            handler: messagesEndpoint(adapter, authEnabled, turns, logger.child({ platform: 'teams' })),
            guard: messagesGuard(authEnabled),
          },
        ],
        // Accepted files still uploading finish (and their outcome is posted) before the store closes.
        async stop() {
          const pending = fileSender.pending();
          if (pending > 0) logger.info({ platform: 'teams', pending }, 'waiting for file uploads under way');
          await fileSender.drain();
        },
      };
    },
  };
}
