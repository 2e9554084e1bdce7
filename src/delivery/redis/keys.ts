// Redis key names of the delivery engine. They share the migration's hash tag {migrationId} with the store, so one
// migration (people, campaigns, BullMQ queues) lives on one Cluster slot and one Lua script may touch all of it.
import type { Platform } from '../../ports/chat-channel.ts';
import { migrationKeys } from '../../store/keys.ts';

export interface DeliveryKeys {
  prefix: string;
  /** key -> id of the campaign that owns it (the global idempotency registry). */
  registry: string;
  /** Sorted set of campaign ids by start time. */
  campaigns: string;
  /** Set of campaigns that may still have recipients left. */
  active: string;
  throttle(platform: Platform): string;
  /** A platform's next free send slot (ms, Redis time) for paced claims. */
  pace(platform: Platform): string;
  /** Sorted set of a platform's recent admitted sends (the sliding-window gate). */
  gate(platform: Platform): string;
  /** Hash of a campaign's counters and meta (total, queued, sent..., startedAt, cancelled). */
  campaign(id: string): string;
  /** Hash key -> status JSON: the per-recipient status. */
  status(id: string): string;
  /** Hash key -> {job, platform} JSON. */
  jobs(id: string): string;
  /** Hash key -> "token|expiresAt" of the worker sending to that recipient. */
  claims(id: string): string;
  /** BullMQ prefix: queue keys become `num:{<migrationId>}:q:<platform>:...`. */
  bullPrefix: string;
}

export function deliveryKeys(migrationId: string): DeliveryKeys {
  const prefix = migrationKeys(migrationId).prefix;
  const campaign = (id: string) => `${prefix}campaign:${id}`;
  return {
    prefix,
    registry: `${prefix}delivery:keys`,
    campaigns: `${prefix}campaigns`,
    active: `${prefix}campaigns:active`,
    throttle: (platform) => `${prefix}delivery:throttle:${platform}`,
    pace: (platform) => `${prefix}delivery:pace:${platform}`,
    gate: (platform) => `${prefix}delivery:gate:${platform}`,
    campaign,
    status: (id) => `${campaign(id)}:status`,
    jobs: (id) => `${campaign(id)}:jobs`,
    claims: (id) => `${campaign(id)}:claims`,
    bullPrefix: `${prefix}q`,
  };
}
