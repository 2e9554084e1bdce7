import { describe, expect, it } from 'vitest';
import { newPerson } from '../../src/domain/person.ts';
import { duePeople } from '../../src/schedule/due-people.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { uniqueMigrationId } from '../helpers/redis.ts';

const T0 = Date.UTC(2026, 11, 1, 9);
const actor = { id: 'test', source: 'cli' } as const;

describe('due people, page by page', () => {
  it('hands out everyone due exactly once, even when thousands share one instant and people move meanwhile', async () => {
    const store = createMemoryStore(uniqueMigrationId('due'));
    const dueAt = (n: number) => (n < 2500 ? T0 : n < 2600 ? T0 + n : T0 + 10_000_000);
    const people = Array.from({ length: 2700 }, (_, n) =>
      newPerson({ email: `p${n}@acme.example`, firstName: 'P', lastName: String(n) }, T0),
    );
    await store.writePeople(
      people.map((p, n) => ({ expectedVersion: -1, after: p, action: 'import', dueAt: dueAt(n) })),
      actor,
      T0,
    );

    const now = T0 + 60_000;
    const handed: string[] = [];
    for await (const page of duePeople(store, now, 1000)) {
      const ids = page.map((p) => p.id);
      handed.push(...ids);
      // As a tick would: the people just handed out are rescheduled, some still within `now`.
      const current = await store.getPeople(ids);
      await store.writePeople(
        current.map((p) => ({
          expectedVersion: p!.version,
          before: p!,
          after: { ...p!, version: p!.version + 1 },
          action: 'seen',
          dueAt: now - 1,
        })),
        actor,
        T0,
      );
    }
    expect(handed).toHaveLength(2600);
    expect(new Set(handed).size).toBe(2600);
  });

  it('stops at the page bound, leaving the rest to the next tick', async () => {
    const store = createMemoryStore(uniqueMigrationId('due'));
    const people = Array.from({ length: 30 }, (_, n) =>
      newPerson({ email: `q${n}@acme.example`, firstName: 'Q', lastName: String(n) }, T0),
    );
    await store.writePeople(
      people.map((p, n) => ({ expectedVersion: -1, after: p, action: 'import', dueAt: T0 + n })),
      actor,
      T0,
    );
    const pages: string[][] = [];
    for await (const page of duePeople(store, T0 + 100, 10, 2)) pages.push(page.map((p) => p.id));
    expect(pages.map((p) => p.length)).toEqual([10, 10]);
  });
});
