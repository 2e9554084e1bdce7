// The one Web API client of the Slack edge. Rate-limited calls throw instead of pausing the client's queue, and the
// SDK never retries: the delivery engine decides when to try again (see map-error.ts).
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Config } from '../../config.ts';
import type { Logger } from '../../log.ts';
import { sdkLogger } from './sdk-logger.ts';

export function webClientOptions(
  config: Pick<Config, 'SLACK_API_URL' | 'SLACK_TIMEOUT_MS'>,
  log: Logger,
): WebClientOptions {
  return {
    slackApiUrl: config.SLACK_API_URL,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: config.SLACK_TIMEOUT_MS,
    logger: sdkLogger(log),
  };
}

export function createWebClient(
  config: Pick<Config, 'SLACK_BOT_TOKEN' | 'SLACK_API_URL' | 'SLACK_TIMEOUT_MS'>,
  log: Logger,
): WebClient {
  return new WebClient(config.SLACK_BOT_TOKEN, webClientOptions(config, log));
}
