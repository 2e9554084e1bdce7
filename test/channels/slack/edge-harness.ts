// A Slack edge wired to the fake Web API, for tests of the channel and the directory sync without the HTTP app.
import { WebClient } from '@slack/web-api';
import { loadConfig, type Config } from '../../../src/config.ts';
import { createLogger } from '../../../src/log.ts';
import { createMemoryStore } from '../../../src/store/memory-store.ts';
import type { MigrationStore } from '../../../src/store/store.ts';
import type { SlackEdge } from '../../../src/channels/slack/edge.ts';
import { webClientOptions } from '../../../src/channels/slack/web-client.ts';
import type { FakeSlackApi } from '../../fakes/slack-api.ts';

export const SIGNING_SECRET = 'test-signing-secret';

/** The environment of a Slack-enabled app pointed at the fake. */
export function slackEnv(fake: FakeSlackApi, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: fake.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    SLACK_TIMEOUT_MS: '5000',
    SLACK_ADMIN_CHANNEL: 'CADMINS',
    LOG_LEVEL: 'silent',
    PLAYGROUND: 'off',
    ...extra,
  };
}

export function makeEdge(
  fake: FakeSlackApi,
  opts: { store?: MigrationStore; env?: Record<string, string> } = {},
): SlackEdge & { config: Config } {
  const config = loadConfig(slackEnv(fake, opts.env));
  const log = createLogger('silent');
  const store = opts.store ?? createMemoryStore('slack-test');
  return {
    config,
    deps: { config, store, logger: log, clock: { now: () => Date.now() } },
    client: new WebClient(config.SLACK_BOT_TOKEN, webClientOptions(config, log)),
    log,
  };
}
