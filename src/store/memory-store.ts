// The embedded store: the same contract as Redis, in this process only (not persisted, single instance).
import { wholeInstants } from './due-page.ts';
import type { Actor, Person } from '../domain/types.ts';
import { effectsOf } from './apply-write.ts';
import type { AuditEntry, MigrationStore, Page, PersonWrite, WriteOutcome } from './store.ts';

const MAX_AUDIT = 100_000;

export function createMemoryStore(migrationId = 'default'): MigrationStore {
  const people = new Map<string, string>();
  const indexes = new Map<string, Set<string>>();
  const counters = new Map<string, number>();
  const due = new Map<string, number>();
  const docs = new Map<string, Map<string, string>>();
  const histories = new Map<string, string[]>();
  const leases = new Map<string, { owner: string; until: number }>();
  let audit: AuditEntry[] = [];
  let seq = 0;

  const parse = (s: string | undefined): Person | undefined =>
    s === undefined ? undefined : (JSON.parse(s) as Person);
  const bucket = (kind: string) => {
    let m = docs.get(kind);
    if (!m) docs.set(kind, (m = new Map()));
    return m;
  };
  const pushAudit = (e: Omit<AuditEntry, 'id'>) => {
    audit.push({ ...e, id: String(++seq) });
    if (audit.length > MAX_AUDIT) audit = audit.slice(-MAX_AUDIT);
  };

  return {
    migrationId,
    kind: 'memory',
    async getPerson(id) {
      return parse(people.get(id));
    },
    async getPeople(ids) {
      return ids.map((id) => parse(people.get(id)));
    },
    async writePeople(writes: PersonWrite[], actor: Actor, now: number): Promise<WriteOutcome> {
      const conflicts = writes
        .filter((w) => {
          const cur = parse(people.get(w.after.id));
          return (cur?.version ?? -1) !== w.expectedVersion;
        })
        .map((w) => w.after.id);
      if (conflicts.length) return { conflicts };
      const { perWrite, counters: deltas } = effectsOf(writes);
      // Floors are checked against the state the whole batch would leave, before anything is written.
      const sizeAfter = (index: string) => {
        const members = indexes.get(index) ?? new Set<string>();
        let n = members.size;
        writes.forEach((w, i) => {
          if (perWrite[i]!.removed.includes(index) && members.has(w.after.id)) n--;
          if (perWrite[i]!.added.includes(index) && !members.has(w.after.id)) n++;
        });
        return n;
      };
      const refused = writes.filter((w) => w.keep && sizeAfter(w.keep.index) < w.keep.atLeast).map((w) => w.after.id);
      if (refused.length) return { conflicts: [], refused };
      writes.forEach((w, i) => {
        people.set(w.after.id, JSON.stringify(w.after));
        const fx = perWrite[i]!;
        for (const k of fx.removed) indexes.get(k)?.delete(w.after.id);
        for (const k of fx.added) {
          let s = indexes.get(k);
          if (!s) indexes.set(k, (s = new Set()));
          s.add(w.after.id);
        }
        if (w.dueAt === null) due.delete(w.after.id);
        else if (w.dueAt !== undefined) due.set(w.after.id, w.dueAt);
        pushAudit({
          at: now,
          actor: actor.id,
          source: actor.source,
          action: w.action,
          person: w.after.id,
          ...(w.detail ? { detail: w.detail } : {}),
        });
      });
      for (const [k, d] of deltas) {
        const v = (counters.get(k) ?? 0) + d;
        if (v === 0) counters.delete(k);
        else counters.set(k, v);
      }
      return { conflicts: [] };
    },
    async scanPeople(cursor?: string, count = 500) {
      const ids = [...people.keys()].sort();
      const start = cursor ? Number(cursor) : 0;
      const slice = ids.slice(start, start + count).map((id) => parse(people.get(id))!);
      const end = start + slice.length;
      return end < ids.length ? { people: slice, next: String(end) } : { people: slice };
    },
    async listIndex(index: string, cursor?: string, limit = 100): Promise<Page> {
      const all = [...(indexes.get(index) ?? [])].sort();
      const start = cursor ? Number(cursor) : 0;
      const ids = all.slice(start, start + limit);
      const end = start + ids.length;
      return end < all.length ? { ids, next: String(end) } : { ids };
    },
    async countIndex(index) {
      return indexes.get(index)?.size ?? 0;
    },
    async countIndexes(names) {
      return names.map((index) => indexes.get(index)?.size ?? 0);
    },
    async counters() {
      return Object.fromEntries(counters);
    },
    async due(now, limit) {
      return [...due]
        .filter(([, at]) => at <= now)
        .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
        .slice(0, limit)
        .map(([id, at]) => ({ id, at }));
    },
    async duePage(now, after, size) {
      const all = [...due]
        .filter(([, at]) => at <= now && (after === undefined || at > after))
        .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
        .map(([id, at]) => ({ id, at }));
      return wholeInstants(all, size, true).map((e) => {
        const person = parse(people.get(e.id));
        return person ? { ...e, person } : e;
      });
    },
    async appendAudit(entry) {
      pushAudit(entry);
    },
    async readAudit(limit) {
      return audit.slice(-limit).reverse();
    },
    async getDoc<T>(kind: string, id: string) {
      const s = docs.get(kind)?.get(id);
      return s === undefined ? undefined : (JSON.parse(s) as T);
    },
    async putDoc(kind, id, value) {
      bucket(kind).set(id, JSON.stringify(value));
    },
    async deleteDoc(kind, id) {
      docs.get(kind)?.delete(id);
    },
    async listDocs<T>(kind: string) {
      return [...(docs.get(kind) ?? [])]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([id, s]) => ({ id, value: JSON.parse(s) as T }));
    },
    async putDocIfAbsent(kind, id, value) {
      const b = bucket(kind);
      if (b.has(id)) return false;
      b.set(id, JSON.stringify(value));
      return true;
    },
    async compareAndSetDoc(kind, id, expected, next) {
      const b = bucket(kind);
      const current = b.get(id);
      if (current === undefined || current !== JSON.stringify(expected)) return false;
      b.set(id, JSON.stringify(next));
      return true;
    },
    async pushHistory(kind, id, entry, max) {
      const key = `${kind}\u0000${id}`;
      const h = histories.get(key) ?? [];
      h.unshift(JSON.stringify(entry));
      histories.set(key, h.slice(0, max));
    },
    async readHistory<T>(kind: string, id: string, limit: number) {
      return (histories.get(`${kind}\u0000${id}`) ?? []).slice(0, limit).map((s) => JSON.parse(s) as T);
    },
    async acquireLease(name, owner, ttlMs) {
      const now = Date.now();
      const cur = leases.get(name);
      if (cur && cur.until > now) return false;
      leases.set(name, { owner, until: now + ttlMs });
      return true;
    },
    async ping() {},
    async close() {},
  };
}
