import { describe, expect, it } from 'vitest';
import { newPerson } from '../../src/domain/person.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { trackDue } from '../../src/services/due-tracking-store.ts';
import { createPerson, updatePerson } from '../../src/services/update-person.ts';

describe('due tracking', () => {
  it('puts people in the due set from the policy on every write, and takes them out when it says null', async () => {
    const store = trackDue(createMemoryStore(), (p, now) => (p.inform.status === 'informed' ? now + 1000 : null));
    const actor = { id: 't', source: 'cli' as const };
    await createPerson(
      store,
      newPerson({ email: 'a@x.org', firstName: 'A', lastName: 'A', products: ['AutoCAD'] }, 0),
      actor,
      0,
    );
    expect(await store.due(10_000, 10)).toEqual([]);
    await updatePerson(
      store,
      'a@x.org',
      [{ type: 'product.assigned', product: 'AutoCAD' }, { type: 'inform.sent' }],
      actor,
      50,
    );
    expect(await store.due(10_000, 10)).toEqual([{ id: 'a@x.org', at: 1050 }]);
    await updatePerson(store, 'a@x.org', [{ type: 'inform.acknowledged' }], actor, 60);
    expect(await store.due(10_000, 10)).toEqual([]);
    // A writer's explicit dueAt wins.
    await updatePerson(store, 'a@x.org', [{ type: 'reminder.opted_out' }], actor, 70, { dueAt: () => 5 });
    expect(await store.due(10_000, 10)).toEqual([{ id: 'a@x.org', at: 5 }]);
    expect(store.kind).toBe('memory');
  });
});
