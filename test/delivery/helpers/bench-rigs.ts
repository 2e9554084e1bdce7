// The delivery benchmark's platforms: a fake Teams Bot Connector or Slack Web API enforcing its limit, people linked
// to it, and the counts read back from what the fake received (not from the bot's own books).
import { startFakeBotConnector } from '../../fakes/bot-connector.ts';
import { startFakeSlackApi } from '../../fakes/slack-api.ts';
import { member, userIdFor } from '../../fakes/slack-directory.ts';
import type { ChannelSpec } from './channel-spec.ts';

export interface ServerCounts {
  /** Successful sends per recipient (conversation or DM channel). */
  perRecipient: Record<string, number>;
  /** Send requests the fake received, throttled ones included. */
  requests: number;
  /** 429s the fake answered. */
  throttled: number;
  /** When the last successful send arrived. */
  lastDeliveryAt: number;
}

export interface PlatformRig {
  platform: 'teams' | 'slack';
  /** The fake's limit in sends a second; null when it has none. */
  limitPerSec: number | null;
  /** How a replica reaches the fake. */
  spec: ChannelSpec;
  /** The key the fake counts person n's sends under. */
  recipientOf(n: number): string;
  counts(): ServerCounts;
  close(): Promise<void>;
}

const TENANT = 'bench-tenant';

/** The roster team's id the Teams channel pages through (configFor sets TEAMS_ROSTER_TEAM_ID to it). */
export const BENCH_ROSTER_TEAM = '19:bench-roster@thread.tacv2';

/** People are linked by the real directory sync: the fake's roster team holds `bench<n>@example.org` as `29:bench-<n>`. */
export async function teamsRig(limitPerSec: number | null, people: number): Promise<PlatformRig> {
  const fake = await startFakeBotConnector({
    ratePerSecond: limitPerSec ?? Number.POSITIVE_INFINITY,
    members: Array.from({ length: people }, (_, n) => ({
      id: `29:bench-${n}`,
      aadObjectId: `aad-bench-${n}`,
      email: `bench${n}@example.org`,
      tenantId: TENANT,
    })),
  });
  return {
    platform: 'teams',
    limitPerSec,
    spec: { kind: 'teams', serviceUrl: fake.url },
    // The first card opens the 1:1 chat: the fake counts sends under the member it opened it with.
    recipientOf: (n) => `29:bench-${n}`,
    counts() {
      // A proactive send continues the conversation, so botbuilder posts it as a reply to a fresh activity id.
      const sends = fake.received().filter((r) => r.op === 'send' || r.op === 'reply');
      return {
        perRecipient: fake.stats().delivered,
        requests: sends.length,
        throttled: fake.stats().throttled,
        lastDeliveryAt: sends.filter((r) => r.status >= 200 && r.status < 300).reduce((m, r) => Math.max(m, r.at), 0),
      };
    },
    close: () => fake.close(),
  };
}

export async function slackRig(postsPerMinute: number, people: number): Promise<PlatformRig> {
  const fake = await startFakeSlackApi({
    postsPerMinute,
    members: Array.from({ length: people }, (_, n) => member(userIdFor(n), `bench${n}@example.org`)),
  });
  return {
    platform: 'slack',
    limitPerSec: postsPerMinute / 60,
    spec: { kind: 'slack', apiUrl: fake.url, token: fake.token },
    recipientOf: (n) => `D${userIdFor(n).slice(1)}`,
    counts() {
      const posts = fake.calls('chat.postMessage');
      return {
        perRecipient: fake.stats().delivered,
        requests: posts.length,
        throttled: fake.stats().byMethod['chat.postMessage']?.throttled ?? 0,
        lastDeliveryAt: posts.filter((c) => c.status === 200 && !c.error).reduce((m, c) => Math.max(m, c.at), 0),
      };
    },
    close: () => fake.close(),
  };
}
