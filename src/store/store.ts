// The port every piece of state goes through. Two implementations (memory, Redis) pass one contract suite.
import type { Actor, Person } from '../domain/types.ts';

export interface AuditEntry {
  /** Stream id (Redis) or a sequence (memory); increasing. */
  id: string;
  at: number;
  actor: string;
  source: Actor['source'];
  /** What happened, e.g. `inform.acknowledged`, `import`, `refused:invite`. */
  action: string;
  /** The person concerned, by id only. */
  person?: string;
  /** Short machine-readable detail (never a message body). */
  detail?: string;
}

export interface PersonWrite {
  /** The version read before the change, or -1 for a person that must not exist yet. */
  expectedVersion: number;
  /** The person as stored before (undefined for a new person): used to move indexes and counters. */
  before?: Person;
  after: Person;
  /** The audit action for this change. */
  action: string;
  detail?: string;
  /** Next time this person is due for a scheduler look (epoch ms); null removes them from the due set. */
  dueAt?: number | null;
  /**
   * A condition checked atomically with the write: the batch is refused (nothing written) unless this index still
   * has at least `atLeast` members once the whole batch is applied. This is how "never remove the last admin" holds
   * when two admins remove each other at the same moment.
   */
  keep?: IndexFloor;
}

/** An index that must keep a minimum number of members. */
export interface IndexFloor {
  index: string;
  atLeast: number;
}

export interface WriteOutcome {
  /** Ids whose expectedVersion did not match: nothing of the batch was written when this is non-empty. */
  conflicts: string[];
  /**
   * Ids whose `keep` would have been broken (only when there were no conflicts): nothing of the batch was written.
   * Absent or empty when the batch was written.
   */
  refused?: string[];
}

export interface Page {
  ids: string[];
  /** Opaque cursor for the next page; undefined at the end. */
  next?: string;
}

export interface MigrationStore {
  readonly migrationId: string;
  readonly kind: 'memory' | 'redis';

  getPerson(id: string): Promise<Person | undefined>;
  getPeople(ids: string[]): Promise<(Person | undefined)[]>;
  /**
   * Writes a batch atomically: all or nothing. Each person's indexes and counters move with it and
   * every change lands in the audit stream with the actor. A version mismatch writes nothing and
   * returns the conflicting ids so the caller can re-read and retry. A broken `keep` floor writes nothing and
   * returns the ids in `refused` (a refusal, not worth a retry).
   */
  writePeople(writes: PersonWrite[], actor: Actor, now: number): Promise<WriteOutcome>;
  /** Every person, a page at a time (exports, reconciliation): cursor-based, in no particular order. */
  scanPeople(cursor?: string, count?: number): Promise<{ people: Person[]; next?: string }>;
  /** Members of one index (see domain/progress personIndexes), a page at a time, in no particular order. */
  listIndex(index: string, cursor?: string, limit?: number): Promise<Page>;
  countIndex(index: string): Promise<number>;
  /** `countIndex` for many indexes in one round trip (an import asks once per batch, not once per person). */
  countIndexes(indexes: string[]): Promise<number[]>;
  /** Every counter (see domain/progress personCounters): cheap, independent of the number of people. */
  counters(): Promise<Record<string, number>>;
  /** People due for a scheduler look at or before `now`, soonest first. */
  due(now: number, limit: number): Promise<{ id: string; at: number }[]>;
  /**
   * One page of the people due in (`after`, `now`] (`after` undefined: from the start), soonest first, about `size` of
   * them. A page never splits the people due at the same instant: it ends before them, or holds them all when they
   * alone are more than `size`. So the next page is `duePage(now, <last at>, size)`: no offset, no prefix read again.
   * Each entry carries the person as stored (absent only if they vanished), so the caller need not read them again.
   */
  duePage(now: number, after: number | undefined, size: number): Promise<{ id: string; at: number; person?: Person }[]>;

  appendAudit(entry: Omit<AuditEntry, 'id'>): Promise<void>;
  /** Newest first. */
  readAudit(limit: number): Promise<AuditEntry[]>;

  /** Small documents by kind and id (settings, licence servers, campaigns, conversation references...). */
  getDoc<T>(kind: string, id: string): Promise<T | undefined>;
  putDoc<T>(kind: string, id: string, value: T): Promise<void>;
  deleteDoc(kind: string, id: string): Promise<void>;
  listDocs<T>(kind: string): Promise<{ id: string; value: T }[]>;
  /** Sets a doc only if absent; true when this call set it (for one-time events such as "server ready" told once). */
  putDocIfAbsent<T>(kind: string, id: string, value: T): Promise<boolean>;
  /**
   * Compare-and-set for docs several people may change at once (help tickets): replaces the doc with `next` only if it
   * is still `expected`, exactly as getDoc returned it (compared by its JSON text). True when this call replaced it;
   * false when it changed meanwhile or is gone, and then nothing is written (re-read and decide again).
   */
  compareAndSetDoc<T>(kind: string, id: string, expected: T, next: T): Promise<boolean>;
  /** Appends to a bounded history (newest kept), e.g. licence-server polls. */
  pushHistory<T>(kind: string, id: string, entry: T, max: number): Promise<void>;
  /** Newest first. */
  readHistory<T>(kind: string, id: string, limit: number): Promise<T[]>;

  /**
   * Takes a named lease for `ttlMs` if nobody holds it (Redis `SET NX PX`): the way replicas agree that exactly one
   * of them runs a scheduler tick. True when this call took it.
   */
  acquireLease(name: string, owner: string, ttlMs: number): Promise<boolean>;

  /** Resolves when the backing store answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
