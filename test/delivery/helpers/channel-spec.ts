// How a replica process builds its channel: serialisable, so a parent can hand it over on the command line.
import type { EdgeDeps } from '../../../src/ports/deps.ts';
import type { ChatChannel } from '../../../src/ports/chat-channel.ts';
import { createSlackChannel } from '../../../src/channels/slack/slack-channel.ts';
import { createWebClient } from '../../../src/channels/slack/web-client.ts';
import { createTeamsAdapter, createTeamsChannel } from '../../../src/channels/teams/index.ts';
import { loadConfig, type Config } from '../../../src/config.ts';
import type { Logger } from '../../../src/log.ts';
import type { MigrationStore } from '../../../src/store/store.ts';
import { recorderChannel } from './recorder-channel.ts';

export type ChannelSpec =
  /** The test recorder (crash tests). */
  | { kind: 'recorder'; url: string; worker: string }
  /** The real Teams channel against a (fake) Bot Connector. */
  | { kind: 'teams'; serviceUrl: string }
  /** The real Slack channel against a (fake) Web API. */
  | { kind: 'slack'; apiUrl: string; token: string };

export function configFor(spec: ChannelSpec): Config {
  const base = { LOG_LEVEL: 'silent', PLAYGROUND: 'off' };
  if (spec.kind === 'teams')
    return loadConfig({
      ...base,
      TEAMS_SERVICE_URL: spec.serviceUrl,
      TEAMS_TIMEOUT_MS: '5000',
      // The delivery bench's roster team (bench-rigs.ts); other users of the spec never sync.
      TEAMS_ROSTER_TEAM_ID: '19:bench-roster@thread.tacv2',
    });
  if (spec.kind === 'slack')
    return loadConfig({
      ...base,
      SLACK_BOT_TOKEN: spec.token,
      SLACK_SIGNING_SECRET: 'bench-signing-secret',
      SLACK_API_URL: spec.apiUrl,
    });
  return loadConfig(base);
}

/** What a channel outside the HTTP app is built with. */
export function bareContext(config: Config, store: MigrationStore, logger: Logger): EdgeDeps {
  return { config, store, logger, clock: { now: () => Date.now() } };
}

export function channelFor(spec: ChannelSpec, store: MigrationStore, logger: Logger): ChatChannel {
  if (spec.kind === 'recorder') return recorderChannel(spec.url, spec.worker);
  const config = configFor(spec);
  const ctx = bareContext(config, store, logger);
  if (spec.kind === 'teams') {
    const { adapter, appId } = createTeamsAdapter(config, logger);
    return createTeamsChannel({ ctx, adapter, appId });
  }
  return createSlackChannel({ deps: ctx, client: createWebClient(config, logger), log: logger });
}
