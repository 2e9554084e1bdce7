// The CloudAdapter from config: single-tenant auth when an app id is set; no app id = no auth (local use, tests).
import { CallerIdConstants, CloudAdapter } from 'botbuilder';
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
  // Tests point token verification at a local OpenID configuration (never leave the machine); unset in production.
  // Once one such URL is given botbuilder takes every cloud setting as given, so the public cloud's others are spelled
  // out (its AuthenticationConstants and CallerIdConstants.PublicAzureChannel).
  const openId = config.TEAMS_OPENID_METADATA_URL
    ? {
        ToBotFromChannelOpenIdMetadataUrl: config.TEAMS_OPENID_METADATA_URL,
        ToBotFromEmulatorOpenIdMetadataUrl: config.TEAMS_OPENID_METADATA_URL,
        ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
        ToChannelFromBotOAuthScope: 'https://api.botframework.com',
        ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
        OAuthUrl: 'https://api.botframework.com',
        CallerId: CallerIdConstants.PublicAzureChannel,
        ValidateAuthority: true,
      }
    : {};
  const adapter = new CloudAdapter(
    new TunedBotFrameworkAuthentication({ ...options, ...openId }, config.TEAMS_TIMEOUT_MS),
  );
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
