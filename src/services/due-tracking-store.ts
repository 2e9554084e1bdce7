// Keeps every person's place in the due set right, whoever writes them (delivery, commands, imports): the store is
// wrapped once in the composition root with the reminder policy, so no writer can forget it.
import type { Person } from '../domain/types.ts';
import type { MigrationStore } from '../store/store.ts';

/** Returns a store whose writes fill in `dueAt` (when the writer left it undefined) from `dueAt(person, now)`. */
export function trackDue(store: MigrationStore, dueAt: (person: Person, now: number) => number | null): MigrationStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'writePeople') {
        const write: MigrationStore['writePeople'] = (writes, actor, now) =>
          target.writePeople(
            writes.map((w) => (w.dueAt === undefined ? { ...w, dueAt: dueAt(w.after, now) } : w)),
            actor,
            now,
          );
        return write;
      }
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
