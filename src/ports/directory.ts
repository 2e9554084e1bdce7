// Linking the roster to the chat platforms before anyone needs it: every configured platform's directory read (at
// start, on schedule, before a campaign, on `sync`), and why a person no platform can reach is unreachable.
// Implemented by src/services/directory.ts.
import type { Person } from '../domain/types.ts';
import type { Platform, UnreachableCode } from './chat-channel.ts';

/** Doc kind of the last sync's report (doc id `latest`). */
export const DIRECTORY_DOC = 'directory';

/** `campaign`: a campaign waits for it (no slow per-person work); `after_campaign`: the background sync that follows. */
export type SyncTrigger = 'start' | 'schedule' | 'campaign' | 'after_campaign' | 'command';

/** Why one platform cannot reach one person. */
export interface UnreachableWhy {
  platform: Platform;
  code: UnreachableCode;
}

/** One platform's part of a sync: what was linked, or why its directory could not be read. */
export type PlatformSync =
  | { platform: Platform; ok: true; linked: number; unmatched: number; ambiguous: string[]; apiCalls: number }
  | { platform: Platform; ok: false; error: string };

/** The outcome of one sync of every configured platform, kept as the doc `directory/latest`. */
export interface DirectoryReport {
  at: number;
  trigger: SyncTrigger;
  platforms: PlatformSync[];
  /** Roster people no configured channel can reach after the sync, by id, with each platform's reason. */
  unreachable: { id: string; why: UnreachableWhy[] }[];
  /** Recipients of earlier campaigns who became reachable and were queued in their campaign by this sync. */
  served: number;
}

export interface Directory {
  /** Reads every configured platform's directory and links the roster; one sync at a time per replica. */
  sync(trigger: SyncTrigger): Promise<DirectoryReport>;
  /** The last sync's report (any replica's), if one ran. */
  latest(): Promise<DirectoryReport | undefined>;
  /** Resolves once no sync is running on this replica (tests, and a graceful stop). */
  idle(): Promise<void>;
  /**
   * Looks an unreachable person up on each platform that can look one person up (Slack users.lookupByEmail, within
   * its budget) and answers the person as linked now, or undefined when still unreachable.
   */
  lookup(person: Person): Promise<Person | undefined>;
  /** True when a configured channel can reach the person now (the channel delivery would pick). */
  reachable(person: Person): boolean;
}
