// The port between the core and a chat platform. Teams, Slack and the playground implement it; one contract suite
// runs on all of them. The core never sees a platform SDK type. Implemented by src/channels/teams/teams-channel.ts,
// src/channels/slack/slack-channel.ts and src/playground/playground-channel.ts.
import type { Locale, Person } from '../domain/types.ts';

export type Platform = 'teams' | 'slack' | 'playground';

/** A card the core wants shown: a template name from cards/ and its data. The channel renders it for its platform. */
export interface OutboundCard {
  name: string;
  data: Record<string, unknown>;
  locale: Locale;
  /** Time zone for dates shown on the card. */
  timeZone?: string;
}

/** Where a sent card lives, so it can be updated in place. */
export interface SentRef {
  platform: Platform;
  conversationId: string;
  messageId: string;
}

/** Every platform error mapped once, in the channel, to what the delivery engine needs to decide. */
export type SendOutcome =
  | { kind: 'sent'; ref: SentRef }
  | { kind: 'rate_limited'; retryAfterMs: number }
  | { kind: 'blocked'; reason: string }
  | { kind: 'not_found'; reason: string }
  | { kind: 'transient'; reason: string }
  | { kind: 'invalid'; reason: string };

/** Why a platform cannot reach a roster person (a key of the `unreachable_<code>` strings). */
export type UnreachableCode =
  | 'no_user'
  | 'deactivated'
  | 'ambiguous'
  | 'not_in_team'
  | 'no_roster_team'
  | 'install_failed'
  | 'install_pending'
  | 'installing'
  | 'sync_failed';

export interface SyncDirectoryOptions {
  /**
   * False when the caller waits for the answer (a campaign being queued): slow per-person work (the Teams app's
   * installation through Graph) is left to a sync in the background, and those people are reported `install_pending`.
   */
  slowWork?: boolean;
}

export interface DirectorySyncResult {
  /** People linked to a chat identity by this sync. */
  linked: number;
  /** People of the roster the platform does not know (by e-mail). */
  unmatched: string[];
  /** People of the roster whose e-mail several platform users share: left unlinked rather than guessed. */
  ambiguous?: string[];
  /** Why an unmatched person is unmatched, when it is more than "no user with this e-mail" (`no_user`). */
  reasons?: Record<string, UnreachableCode>;
  /** Platform API calls made (for the directory-sync floor: ≤ 11 calls for 10,000 Slack users). */
  apiCalls: number;
}

/** What looking one person up on the platform gave (see ChatChannel.lookup). */
export type LookupOutcome = 'linked' | 'not_found' | 'deactivated' | 'over_budget' | 'failed';

export interface ChatChannel {
  readonly platform: Platform;
  /** True when the channel knows how to reach this person (has their identity on this platform). */
  canReach(person: Person): boolean;
  /** Sends a card in the person's 1:1 conversation, opening it when needed. */
  sendCard(person: Person, card: OutboundCard): Promise<SendOutcome>;
  /** Replaces a card already sent. */
  updateCard(ref: SentRef, card: OutboundCard): Promise<SendOutcome>;
  /** Posts to the admins' channel (Slack channel / Teams conversation / playground admin feed). */
  postToAdmins(card: OutboundCard): Promise<SendOutcome>;
  /** Links roster people to their chat identities using the platform's directory (paged, never one call per person). */
  syncDirectory(options?: SyncDirectoryOptions): Promise<DirectorySyncResult>;
  /**
   * Looks one person up by e-mail and links them (Slack: users.lookupByEmail, within its tier), for the few a
   * campaign is about to leave waiting. Absent when the platform has no such call.
   */
  lookup?(person: Person): Promise<LookupOutcome>;
}
