import { describe, expect, it } from 'vitest';
import { applyProvisioningResult, resultEvents } from '../../src/autodesk/result-events.ts';
import { createSimulatorProvider } from '../../src/autodesk/simulator-provider.ts';
import type { ProvisioningResult } from '../../src/ports/provisioning.ts';
import type { Actor, Person } from '../../src/domain/types.ts';
import { createPerson } from '../../src/services/update-person.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { T0, person } from './people.ts';

const actor: Actor = { id: 'admin@example.org', source: 'playground' };
const result = (r: Partial<ProvisioningResult>): ProvisioningResult => ({
  done: [],
  alreadyDone: [],
  rejected: [],
  failed: [],
  files: [],
  applied: true,
  ...r,
});
const lookupOf = (people: Person[]) => (id: string) => people.find((p) => p.id === id);

describe('resultEvents', () => {
  it('records done people, and alreadyDone people only where the roster lags behind', () => {
    const people = [
      person('new@example.org'),
      person('by-hand@example.org'),
      person('known@example.org', {}, [{ type: 'invite.sent' }]),
      person('bounced@example.org'),
      person('pending@example.org', {}, [{ type: 'invite.sent' }]),
    ];
    const r = result({
      done: ['new@example.org'],
      alreadyDone: ['by-hand@example.org', 'known@example.org'],
      failed: [
        { personId: 'bounced@example.org', reason: 'Microsoft Graph 404' },
        { personId: 'pending@example.org', reason: 'Microsoft Graph 404' },
      ],
    });
    expect(resultEvents(r, { kind: 'invite' }, lookupOf(people))).toEqual([
      { personId: 'new@example.org', events: [{ type: 'invite.sent' }] },
      { personId: 'by-hand@example.org', events: [{ type: 'invite.sent' }] },
      { personId: 'bounced@example.org', events: [{ type: 'invite.failed', reason: 'Microsoft Graph 404' }] },
    ]);
  });

  it('uses the roster spelling for seats and skips seats already recorded', () => {
    const people = [
      person('a@example.org', { products: ['autocad'] }),
      person('b@example.org', {}, [{ type: 'product.assigned', product: 'AutoCAD' }]),
    ];
    const r = result({ done: ['a@example.org'], alreadyDone: ['b@example.org'] });
    expect(resultEvents(r, { kind: 'assign', product: 'AutoCAD' }, lookupOf(people))).toEqual([
      { personId: 'a@example.org', events: [{ type: 'product.assigned', product: 'autocad' }] },
    ]);
  });

  it('gives nothing for a result that was not applied (csv)', () => {
    expect(
      resultEvents(result({ done: ['a@example.org'], applied: false }), { kind: 'invite' }, () =>
        person('a@example.org'),
      ),
    ).toEqual([]);
  });
});

describe('applyProvisioningResult', () => {
  it('moves people with the simulator, and a repeated call records nothing more', async () => {
    const store = createMemoryStore('apply-result');
    const people = [person('a@example.org'), person('b@example.org')];
    for (const p of people) await createPerson(store, p, actor, T0);
    const sim = createSimulatorProvider({ now: () => T0 });
    const first = await applyProvisioningResult(store, await sim.invite(people), { kind: 'invite' }, actor, T0 + 1);
    expect(first).toMatchObject({ changed: 2, people: 2 });
    const again = await applyProvisioningResult(store, await sim.invite(people), { kind: 'invite' }, actor, T0 + 2);
    expect(again).toMatchObject({ changed: 0 });
    expect((await store.getPerson('a@example.org'))?.invite).toMatchObject({ status: 'invited', sends: 1 });
    const seats = await applyProvisioningResult(
      store,
      await sim.assign('Revit', people),
      { kind: 'assign', product: 'Revit' },
      actor,
      T0 + 3,
    );
    expect(seats).toMatchObject({ changed: 2 });
    expect((await store.getPerson('b@example.org'))?.assignments.Revit?.status).toBe('assigned');
  });
});
