// updatePerson with the caller's copy of the person: no second read when it is current, and never a wrong answer
// when it is stale (the write conflicts, or a refusal is checked again on fresh state).
import { describe, expect, it } from 'vitest';
import { newPerson } from '../../src/domain/person.ts';
import type { Person } from '../../src/domain/types.ts';
import { createPerson, updatePerson } from '../../src/services/update-person.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import type { MigrationStore } from '../../src/store/store.ts';

const actor = { id: 't', source: 'cli' as const };

/** A memory store that counts person reads. */
function countingStore(): { store: MigrationStore; reads: () => number } {
  const inner = createMemoryStore();
  let reads = 0;
  const store: MigrationStore = {
    ...inner,
    getPerson: (id) => {
      reads++;
      return inner.getPerson(id);
    },
  };
  return { store, reads: () => reads };
}

async function seeded(store: MigrationStore, assigned: boolean): Promise<Person> {
  await createPerson(
    store,
    newPerson({ email: 'a@x.org', firstName: 'A', lastName: 'A', products: ['AutoCAD'] }, 0),
    actor,
    0,
  );
  if (assigned) await updatePerson(store, 'a@x.org', [{ type: 'product.assigned', product: 'AutoCAD' }], actor, 10);
  return (await store.getPerson('a@x.org'))!;
}

describe('updatePerson with the current copy', () => {
  it('decides on a current copy without reading the person again', async () => {
    const { store, reads } = countingStore();
    const current = await seeded(store, true);
    const before = reads();
    const r = await updatePerson(store, 'a@x.org', [{ type: 'inform.sent' }], actor, 20, { current });
    expect(r.ok).toBe(true);
    expect(reads()).toBe(before);
    const stored = await store.getPerson('a@x.org');
    expect(stored?.inform).toEqual({ status: 'informed', at: 20, rounds: 1 });
    expect(stored?.version).toBe(current.version + 1);
  });

  it('applies on fresh state when the copy is stale (its write conflicts)', async () => {
    const { store } = countingStore();
    const stale = await seeded(store, true);
    await updatePerson(store, 'a@x.org', [{ type: 'inform.sent' }], actor, 20);
    const r = await updatePerson(store, 'a@x.org', [{ type: 'inform.sent' }], actor, 30, { current: stale });
    expect(r.ok).toBe(true);
    const stored = await store.getPerson('a@x.org');
    // Two rounds: the second send counted on top of the first, not instead of it.
    expect(stored?.inform).toEqual({ status: 'informed', at: 30, rounds: 2 });
    expect(stored?.version).toBe(stale.version + 2);
  });

  it('does not take a refusal from a stale copy: checks again on fresh state', async () => {
    const { store } = countingStore();
    const stale = await seeded(store, false);
    await updatePerson(store, 'a@x.org', [{ type: 'product.assigned', product: 'AutoCAD' }], actor, 10);
    // On the stale copy nothing is assigned yet, so inform.sent would be NOT_ASSIGNED.
    const r = await updatePerson(store, 'a@x.org', [{ type: 'inform.sent' }], actor, 20, { current: stale });
    expect(r.ok).toBe(true);
    expect((await store.getPerson('a@x.org'))?.inform.status).toBe('informed');
  });

  it('still refuses what fresh state refuses', async () => {
    const { store } = countingStore();
    const current = await seeded(store, false);
    const r = await updatePerson(store, 'a@x.org', [{ type: 'inform.sent' }], actor, 20, { current });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_ASSIGNED' } });
  });

  it('ignores a copy of someone else', async () => {
    const { store } = countingStore();
    const a = await seeded(store, true);
    await createPerson(
      store,
      newPerson({ email: 'b@x.org', firstName: 'B', lastName: 'B', products: ['AutoCAD'] }, 0),
      actor,
      0,
    );
    const r = await updatePerson(store, 'b@x.org', [{ type: 'product.assigned', product: 'AutoCAD' }], actor, 20, {
      current: a,
    });
    expect(r.ok).toBe(true);
    expect((await store.getPerson('b@x.org'))?.assignments.AutoCAD?.status).toBe('assigned');
    expect((await store.getPerson('a@x.org'))?.version).toBe(a.version);
  });
});
