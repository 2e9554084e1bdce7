import { describe, expect, it } from 'vitest';
import { newPerson } from '../../src/domain/person.ts';
import { countersOf, diffKeys, personIndexes, progressFromCounters } from '../../src/domain/progress.ts';
import { applyEvents } from '../../src/domain/transitions.ts';
import type { Person } from '../../src/domain/types.ts';

const T = Date.UTC(2026, 10, 2);
function person(n: number, manager: string, dept: string, events: Parameters<typeof applyEvents>[1]): Person {
  const p = newPerson({ email: `p${n}@x.org`, firstName: 'P', lastName: String(n), products: ['AutoCAD', 'Revit'], manager, department: dept }, T);
  const r = applyEvents(p, events, T);
  if (!r.ok) throw r.error;
  return r.value;
}

describe('progress figures', () => {
  const people = [
    person(1, 'a@x.org', 'Design', []),
    person(2, 'a@x.org', 'Design', [{ type: 'product.assigned', product: 'AutoCAD' }, { type: 'product.assigned', product: 'Revit' }, { type: 'inform.sent' }, { type: 'inform.acknowledged' }]),
    person(3, 'b@x.org', 'Survey', [{ type: 'product.assigned', product: 'Revit' }, { type: 'inform.sent' }, { type: 'inform.help', text: 'help' }]),
  ];
  const progress = progressFromCounters(countersOf(people));

  it('counts per step', () => {
    expect(progress.total).toBe(3);
    expect(progress.steps.step4).toEqual({ not_informed: 1, informed: 0, acknowledged: 1, needs_help: 1 });
    expect(progress.steps.step2).toEqual({ none: 1, partial: 1, all: 1 });
    expect(progress.steps.overall).toEqual({ pending: 1, needs_help: 1, done: 1 });
  });
  it('counts per product, manager and department', () => {
    expect(progress.products.Revit).toEqual({ total: 3, assigned: 2, switched: 1 });
    expect(progress.products.AutoCAD).toEqual({ total: 3, assigned: 1, switched: 1 });
    expect(progress.managers['a@x.org']).toEqual({ total: 2, pending: 1, needsHelp: 0, done: 1 });
    expect(progress.departments.Survey).toEqual({ total: 1, pending: 0, needsHelp: 1, done: 0 });
  });
  it('indexes a person under each step status and their manager', () => {
    expect(personIndexes(people[2]!)).toEqual(['step1:not_invited', 'step2:partial', 'step3:not_started', 'step4:needs_help', 'overall:needs_help', 'manager:b@x.org']);
  });
  it('diffs key sets both ways', () => {
    expect(diffKeys(['a', 'b'], ['b', 'c'])).toEqual({ removed: ['a'], added: ['c'] });
  });
  it('diffs like the set-based version, order and repeats included, for short and long lists', () => {
    const reference = (before: string[], after: string[]) => {
      const b = new Set(before);
      const a = new Set(after);
      return { removed: [...b].filter((k) => !a.has(k)), added: [...a].filter((k) => !b.has(k)) };
    };
    let seed = 1;
    const rand = (n: number) => ((seed = (seed * 48271) % 2147483647) % n);
    for (let i = 0; i < 2000; i++) {
      const size = [3, 20, 45, 150][i % 4]!;
      const list = () => Array.from({ length: rand(size) }, () => `k:${rand(size)}`);
      const [before, after] = [list(), list()];
      expect(diffKeys(before, after)).toEqual(reference(before, after));
    }
  });
});
