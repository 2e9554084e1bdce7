// People for delivery tests: on Teams (or nowhere), with a product assigned so `inform.sent` applies.
import type { Person } from '../../../src/domain/types.ts';
import { newPerson } from '../../../src/domain/person.ts';
import type { MigrationStore } from '../../../src/store/store.ts';
import type { DeliveryJob } from '../../../src/ports/delivery.ts';

export const personId = (n: number) => `person${n}@example.com`;

export function testPerson(n: number, overrides: (p: Person) => void = () => {}): Person {
  const p = newPerson(
    { email: personId(n), firstName: `First${n}`, lastName: `Last${n}`, products: ['AutoCAD'] },
    1000,
  );
  p.assignments = { AutoCAD: { status: 'assigned', at: 1000 } };
  p.chat = {
    teams: { userId: `29:user${n}`, tenantId: 'tenant', serviceUrl: 'http://127.0.0.1/', conversationId: `a:${n}` },
  };
  overrides(p);
  return p;
}

/** Writes people in batches. */
export async function seedPeople(store: MigrationStore, people: Person[]): Promise<void> {
  for (let i = 0; i < people.length; i += 500) {
    const batch = people.slice(i, i + 500);
    const { conflicts } = await store.writePeople(
      batch.map((after) => ({ expectedVersion: -1, after, action: 'person.created' })),
      { id: 'test', source: 'system' },
      1000,
    );
    if (conflicts.length) throw new Error(`seed conflicts: ${conflicts.length}`);
  }
}

/** The step-4 instructions card for person n, keyed as the commands layer keys it. */
export function informJob(n: number, round = 1): DeliveryJob {
  return {
    key: `step4:${personId(n)}:${round}`,
    personId: personId(n),
    card: { name: 'inform', data: { round } },
    onSent: [{ type: 'inform.sent', round }],
  };
}

export function reminderJob(n: number, round = 1): DeliveryJob {
  return {
    key: `reminder:${personId(n)}:${round}`,
    personId: personId(n),
    card: { name: 'reminder', data: { round } },
    onSent: [{ type: 'reminder.sent', round }],
  };
}

/** Polls until `check` returns true (no fixed sleeps in tests). */
export async function until(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 15_000,
  label = 'condition',
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
