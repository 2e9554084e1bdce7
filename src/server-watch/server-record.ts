// What the store keeps per licence server: the poll history and one record doc with the latest reading, who was
// seen on it and whether it may be switched off. Read by the admin status, the reminders and the step-5 check.
import type { DecommissionReason, StillOn } from '../domain/decommission.ts';
import type { LicenseCheckout, LicenseServerRecord } from '../domain/license-server.ts';
import type { MigrationStore } from '../store/store.ts';

/** History kind of the polls, one list per server id, newest first. */
export const POLL_HISTORY = 'lmstat-poll';
/** Doc kind of the server records. */
export const SERVER_DOC = 'licence-server';
/** Doc kind marking a server whose readiness the admins were told about (once). */
export const READY_TOLD_DOC = 'server-ready-told';
/** A week of polls every 15 minutes is 672: room for a longer quiet window or more frequent agent pushes. */
export const MAX_POLLS = 2000;
/** Matched and unmatched checkouts kept on the record: enough for the admin card, bounded for the doc. */
export const MAX_USERS_KEPT = 200;

export interface ServerUsers {
  /** Checkouts matched to roster people (ids only). */
  matched: (LicenseCheckout & { personId: string })[];
  /** Checkouts nobody in the roster matched: the admins need to find out who they are. */
  unmatched: LicenseCheckout[];
}

export interface ServerRecordDoc extends LicenseServerRecord {
  lastPollAt?: number;
  status?: 'up' | 'down';
  inUse?: number;
  /** Where the last reading came from. */
  source?: 'poll' | 'agent';
  /** Why the last poll could not read the server (timeout, lmutil missing...), cleared by a good one. */
  lastError?: string;
  /** Who held licences at the last poll. */
  users?: ServerUsers;
  /** Result of the last step-5 check. */
  ready?: boolean;
  reasons?: DecommissionReason['code'][];
  checkedAt?: number;
  /** Since when nobody has been on it, as of the last check (unset while someone is on it). */
  quietSince?: number;
  /** Borrowed licences at the last check: how many, when the last returns by itself, whose. */
  borrowed?: { count: number; lastReturnAt: number; holders: StillOn[] };
  /** When the admins plan to switch it off (set by an admin): reminders show the days left. */
  plannedOffAt?: number;
}

export async function readServerRecord(store: MigrationStore, id: string): Promise<ServerRecordDoc | undefined> {
  return store.getDoc<ServerRecordDoc>(SERVER_DOC, id);
}

/** Tries of a record change before giving up (every try means another writer changed the record meanwhile). */
const MAX_TRIES = 20;

/**
 * Changes a server's record atomically: `change` gets the current record (or undefined) and answers the next one, or
 * undefined to leave it as it is. A poll, an agent push and an admin's `servers plan` / `decommission` may write the
 * same record at once: each write is a compare-and-set, so none undoes another. Returns the record as left.
 */
export async function modifyServerRecord(
  store: MigrationStore,
  id: string,
  change: (current: ServerRecordDoc | undefined) => ServerRecordDoc | undefined,
): Promise<ServerRecordDoc | undefined> {
  for (let i = 0; i < MAX_TRIES; i++) {
    const cur = await readServerRecord(store, id);
    const next = change(cur);
    if (next === undefined) return cur;
    for (const [k, v] of Object.entries(next))
      if (v === undefined) delete (next as unknown as Record<string, unknown>)[k];
    const written =
      cur === undefined
        ? await store.putDocIfAbsent(SERVER_DOC, id, next)
        : await store.compareAndSetDoc(SERVER_DOC, id, cur, next);
    if (written) return next;
  }
  throw new Error(`licence server record ${id}: changed by others ${MAX_TRIES} times in a row`);
}

/** Merges a poll's or an agent's reading into the record; fields set by admins (decommissionedAt, plannedOffAt) stay. */
export async function updateServerRecord(
  store: MigrationStore,
  id: string,
  address: string,
  patch: Partial<Omit<ServerRecordDoc, 'id' | 'decommissionedAt' | 'plannedOffAt'>>,
): Promise<ServerRecordDoc> {
  const next = await modifyServerRecord(store, id, (cur) => ({
    ...cur,
    ...patch,
    id,
    address: cur?.address ?? address,
  }));
  return next!;
}
