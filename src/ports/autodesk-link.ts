// The Autodesk connection as the commands see it (PROVISIONING=autodesk): an admin signs in with Autodesk (three-legged
// OAuth, the bot acts with that admin's authorisation), picks the team, or disconnects. Built by
// src/autodesk/team-admin/autodesk-link.ts; absent with the other providers.
import type { Actor, Locale } from '../domain/types.ts';
import type { Route } from './platform-edge.ts';

export interface AutodeskTeamRef {
  id: string;
  name: string;
}

export type AutodeskStatus =
  | { connected: false }
  | {
      connected: true;
      adminId: string;
      connectedAt: number;
      team?: AutodeskTeamRef;
      /** The team is fixed by AUTODESK_TEAM_ID. */
      teamFixed: boolean;
      /** 'expiring': the refresh token is near its 15 days; 'refused': Autodesk refused it — connect again. */
      health: 'ok' | 'expiring' | 'refused';
    };

/** What the callback page tells the admin (the page is written in their language by the caller's renderer). */
export type CallbackOutcome =
  | { kind: 'connected'; team?: AutodeskTeamRef; teamsToChoose: number }
  | { kind: 'declined' }
  | { kind: 'expired' }
  | { kind: 'refused'; title: string };

/** What the team holds now (List Team Users, List Product Pools, List Assignments), e-mails lower-case. */
export interface AutodeskTeamSnapshot {
  users: { email: string; status?: string }[];
  assignments: { email: string; product: string }[];
}

export interface AutodeskReconcileCounts {
  rows: number;
  matchable: boolean;
  matched: number;
  changed: number;
  notInAutodesk: number;
  missing: number;
  notInRoster: number;
}

export interface AutodeskLink {
  /** A single-use sign-in for this admin, valid a few minutes: the Autodesk URL to open. */
  startSignIn(adminId: string, locale: Locale): Promise<{ url: string; expiresAt: number }>;
  status(): Promise<AutodeskStatus>;
  /** The teams the connected admin administers (List Teams). */
  teams(): Promise<AutodeskTeamRef[]>;
  /** Chooses the team among those; undefined when the admin does not administer it. */
  chooseTeam(teamId: string): Promise<AutodeskTeamRef | undefined>;
  /** Revokes the tokens at Autodesk and forgets them; false when there was no connection. */
  disconnect(): Promise<{ revoked: boolean } | false>;
  /** Reads the team back (about ⌈users/100⌉ + 2 calls); throws an AutodeskError when it cannot. */
  snapshot(): Promise<AutodeskTeamSnapshot>;
  /** Free seats of the product's usable pool (one call, List Product Pools): null = unlimited, undefined = no pool. */
  seats(product: string): Promise<{ free: number | null } | undefined>;
  /** Reads the team back and records what the roster does not know yet (invited, active, seats), as `actor`. */
  reconcile(actor: Actor, now: number): Promise<AutodeskReconcileCounts>;
  /** GET PUBLIC_URL + /autodesk/callback: where Autodesk sends the admin back. */
  callbackRoute: Route;
}
