// What both delivery engines are built from, and how the configuration maps onto it.
import type { Platform } from '../ports/chat-channel.ts';
import type { Channels } from '../ports/deps.ts';
import type { Clock } from '../ports/clock.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { MigrationStore } from '../store/store.ts';
import type { CardDefaults } from './outbound-card.ts';

export interface EngineOptions {
  store: MigrationStore;
  channels: Channels;
  clock: Clock;
  logger: Logger;
  defaults: CardDefaults;
  /** Sends a second per platform; Infinity for no limit (the playground, benchmarks of the engine itself). */
  rates: Partial<Record<Platform, number>>;
  /** Sends in flight at once per platform (per replica). */
  concurrency: number;
  /** Tries per recipient for transient errors (429s do not count). */
  maxAttempts: number;
  /** First retry delay; doubled each attempt, with jitter. */
  backoffMs?: number;
  /** How often progress listeners may hear about a campaign. */
  progressEveryMs?: number;
  /** Lower the rate on 429 and probe back up (default on). */
  adaptive?: boolean;
}

export const DEFAULT_BACKOFF_MS = 1000;
export const DEFAULT_PROGRESS_EVERY_MS = 3000;

/** The configured rates: Teams per second, Slack per minute; the playground is not limited. */
export function configuredRates(
  config: Pick<Config, 'TEAMS_RATE_PER_SEC' | 'SLACK_RATE_PER_MIN'>,
): Record<Platform, number> {
  return {
    teams: config.TEAMS_RATE_PER_SEC,
    slack: config.SLACK_RATE_PER_MIN / 60,
    playground: Number.POSITIVE_INFINITY,
  };
}

/**
 * The sliding window a platform counts its limit over: Teams documents a per-second limit, Slack per-minute ones.
 * The gate admits at most the paced rate's worth of sends in that window.
 */
export function gateFor(platform: Platform, ratePerSec: number): { windowMs: number; max: number } | undefined {
  if (!Number.isFinite(ratePerSec) || platform === 'playground') return undefined;
  const windowMs = platform === 'slack' ? 60_000 : 1000;
  return { windowMs, max: Math.max(1, Math.floor((ratePerSec * windowMs) / 1000)) };
}

/** Exponential backoff with jitter: attempt 1 waits about `baseMs`, each further attempt twice as long. */
export function backoffDelay(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = baseMs * 2 ** Math.max(0, attempt - 1);
  return Math.round(ceiling * (0.5 + random() * 0.5));
}
