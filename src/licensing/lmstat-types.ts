// What `lmutil lmstat -a` tells us, as plain JSON-serialisable data (the output of parse-lmstat.ts).

/** One checkout shown under a `Users of` line. */
export interface LmstatUser {
  /** The login name as the client reported it; may contain spaces ("John Doe"). */
  user: string;
  host: string;
  /** The display (terminal, X display or host again); empty when lmstat shows none. */
  display: string;
  /** Licenses held by this checkout: 1 unless the line ends with `, N licenses`. */
  licenses: number;
  /** The start as lmstat prints it, e.g. "Mon 9/28 12:43" (no year, server local time). */
  start: string;
  /** Client version, e.g. "1.000". */
  version?: string;
  /** The licence server and handle, e.g. "lic01.example.org/27000 43953". */
  handle?: string;
  /**
   * A borrowed licence: `(linger: N)` or `(linger: a / b)` as the numbers lmstat shows, in seconds. N is the whole
   * borrow period from the start (FlexNet; the start resets when the server restarts, so it is an upper bound).
   */
  linger?: [number] | [number, number];
}

/** A client waiting for a licence (`queued for N licenses`). */
export interface LmstatQueued {
  user: string;
  host: string;
  display: string;
  licenses: number;
}

/** `N RESERVATIONs for GROUP G` and the like. */
export interface LmstatReservation {
  count: number;
  /** What the reservation is for: HOST, GROUP, HOST_GROUP, USER... */
  kind: string;
  name: string;
}

export interface LmstatFeature {
  name: string;
  /** Licenses issued; null when the server does not count them (uncounted node-locked, or an error). */
  issued: number | null;
  /** Licenses in use as the server reports them; for uncounted features, the sum of the checkouts listed. */
  inUse: number;
  users: LmstatUser[];
  vendor?: string;
  uncounted?: true;
  /** The server's error for this feature, e.g. "1 licenses, unsupported by licensed server". */
  error?: string;
  queued?: LmstatQueued[];
  reservations?: LmstatReservation[];
}

/** One node of a server (three for a redundant triad). */
export interface LmstatNode {
  host: string;
  status: 'up' | 'down';
  master: boolean;
  version: string | null;
  error?: string;
}

export interface LmstatVendor {
  name: string;
  status: 'up' | 'down';
  /** Daemon version without the leading "v", e.g. "11.16.2"; null when the daemon is down. */
  version: string | null;
  error?: string;
}

export interface LmstatServer {
  /** As lmstat prints it: `27000@host`, or `27000@a,27000@b,27000@c` for a triad; null when unknown. */
  address: string | null;
  /** "up" = serving licences: lmgrd answered and at least one listed vendor daemon runs. */
  status: 'up' | 'down';
  nodes: LmstatNode[];
  /** The server-level error line when the server could not be reached. */
  error?: string;
  vendors: LmstatVendor[];
  features: LmstatFeature[];
}

export interface LmstatReport {
  /** From the `lmstat v11.14.0.1 build ...` banner, when present. */
  lmstatVersion?: string;
  /** From `Flexible License Manager status on ...`, as printed. */
  statusAt?: string;
  servers: LmstatServer[];
}
