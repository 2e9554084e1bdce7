// The CloudAdapter from config: single-tenant auth when an app id is set; no app id = no auth (local use, tests).
import { CloudAdapter } from 'botbuilder';
import type { Config } from '../../config.ts';
import type { Logger } from '../../log.ts';
import { TunedBotFrameworkAuthentication } from './connector-auth.ts';

export interface TeamsAdapter {
  adapter: CloudAdapter;
  /** The bot's app id, '' when auth is off. */
  appId: string;
  authEnabled: boolean;
}

export function createTeamsAdapter(config: Config, logger: Logger): TeamsAdapter {
  const appId = config.MICROSOFT_APP_ID ?? '';
  const options = appId
    ? {
        MicrosoftAppId: appId,
        MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD,
        MicrosoftAppType: config.MICROSOFT_APP_TYPE,
        MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID,
      }
    : {};
  const adapter = new CloudAdapter(new TunedBotFrameworkAuthentication(options, config.TEAMS_TIMEOUT_MS));
  adapter.onTurnError = async (context, err) => {
    const e = err as { message?: string; code?: string; statusCode?: number };
    logger.error(
      {
        platform: 'teams',
        activityType: context.activity.type,
        err: { message: e.message, code: e.code, status: e.statusCode },
      },
      'teams turn failed',
    );
  };
  return { adapter, appId, authEnabled: Boolean(appId) };
}
