import { describe, expect, it } from 'vitest';
import { createSimulatorProvider } from '../../src/autodesk/simulator-provider.ts';
import { T0, person } from './people.ts';

describe('simulator provider', () => {
  it('acts at once and remembers: a repeat is alreadyDone even when the roster has not caught up', async () => {
    const sim = createSimulatorProvider({ now: () => T0 });
    const people = [person('a@example.org'), person('b@example.org')];
    expect(await sim.invite(people)).toEqual({
      done: ['a@example.org', 'b@example.org'],
      alreadyDone: [],
      rejected: [],
      failed: [],
      files: [],
      applied: true,
    });
    expect(await sim.invite(people)).toMatchObject({ done: [], alreadyDone: ['a@example.org', 'b@example.org'] });
    expect(await sim.assign('AutoCAD', people)).toMatchObject({ done: ['a@example.org', 'b@example.org'] });
    expect(await sim.assign('autocad', [people[0]!])).toMatchObject({ done: [], alreadyDone: ['a@example.org'] });
    expect(await sim.assign('Revit', [people[0]!])).toMatchObject({ done: ['a@example.org'] });
    expect(sim.snapshot()).toEqual({
      invited: ['a@example.org', 'b@example.org'],
      assigned: { autocad: ['a@example.org', 'b@example.org'], revit: ['a@example.org'] },
    });
  });

  it('fails the addresses it is told to, until cleared', async () => {
    const sim = createSimulatorProvider({ now: () => T0, failFor: ['B@example.org'] });
    sim.failFor(['c@example.org'], 'mailbox full');
    const r = await sim.invite([person('a@example.org'), person('b@example.org'), person('c@example.org')]);
    expect(r.done).toEqual(['a@example.org']);
    expect(r.failed).toEqual([
      { personId: 'b@example.org', reason: 'simulated failure' },
      { personId: 'c@example.org', reason: 'mailbox full' },
    ]);
    sim.clearFailures();
    expect((await sim.invite([person('b@example.org')])).done).toEqual(['b@example.org']);
  });

  it('applies the same screening as the real providers', async () => {
    const sim = createSimulatorProvider({ now: () => T0 });
    const r = await sim.assign('Revit', [
      person('mod@example.org', { firstName: 'Moderator' }),
      person('acad-only@example.org', { products: ['AutoCAD'] }),
      person('has@example.org', {}, [{ type: 'product.assigned', product: 'Revit' }]),
    ]);
    expect(r.done).toEqual([]);
    expect(r.alreadyDone).toEqual(['has@example.org']);
    expect(r.rejected.map((x) => x.personId)).toEqual(['mod@example.org', 'acad-only@example.org']);
  });
});
