import { describe, expect, it } from 'vitest';
import { newPerson } from '../../src/domain/person.ts';
import {
  countersOf,
  diffKeys,
  personCounters,
  personIndexes,
  progressFromCounters,
} from '../../src/domain/progress.ts';
import { applyEvents } from '../../src/domain/transitions.ts';
import type { Person } from '../../src/domain/types.ts';
import { randomPerson, rng } from '../helpers/random-people.ts';

const T = Date.UTC(2026, 10, 2);
function person(n: number, manager: string, dept: string, events: Parameters<typeof applyEvents>[1]): Person {
  const p = newPerson(
    {
      email: `p${n}@x.org`,
      firstName: 'P',
      lastName: String(n),
      products: ['AutoCAD', 'Revit'],
      manager,
      department: dept,
    },
    T,
  );
  const r = applyEvents(p, events, T);
  if (!r.ok) throw r.error;
  return r.value;
}

describe('progress figures', () => {
  const people = [
    person(1, 'a@x.org', 'Design', []),
    person(2, 'a@x.org', 'Design', [
      { type: 'product.assigned', product: 'AutoCAD' },
      { type: 'product.assigned', product: 'Revit' },
      { type: 'inform.sent' },
      { type: 'inform.acknowledged' },
    ]),
    person(3, 'b@x.org', 'Survey', [
      { type: 'product.assigned', product: 'Revit' },
      { type: 'inform.sent' },
      { type: 'inform.help', text: 'help' },
    ]),
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
    expect(personIndexes(people[2]!)).toEqual([
      'step1:not_invited',
      'step2:partial',
      'step3:not_started',
      'step4:needs_help',
      'overall:needs_help',
      'manager:b@x.org',
    ]);
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
    const rand = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    for (let i = 0; i < 2000; i++) {
      const size = [3, 20, 45, 150][i % 4]!;
      const list = () => Array.from({ length: rand(size) }, () => `k:${rand(size)}`);
      const [before, after] = [list(), list()];
      expect(diffKeys(before, after)).toEqual(reference(before, after));
    }
  });
});

describe('index and counter keys', () => {
  // The keys as first written (template strings, filter/some): the memoised, loop-based versions must match them.
  const switched = (p: Person, product: string) => {
    const devices = Object.values(p.switches[product] ?? {});
    return devices.some((d) => d.status === 'named') && !devices.some((d) => d.status === 'network');
  };
  const countOf = (p: Person, f: (x: string) => boolean) => p.products.filter(f).length;
  const status = (n: number, total: number, none: string, all: string) =>
    total === 0 || n === 0 ? none : n === total ? all : 'partial';
  const statuses = (p: Person) => {
    const s3 = status(
      countOf(p, (x) => switched(p, x)),
      p.products.length,
      'not_started',
      'switched',
    );
    const overall =
      p.inform.status === 'needs_help'
        ? 'needs_help'
        : p.inform.status === 'acknowledged' && (s3 === 'switched' || p.products.length === 0)
          ? 'done'
          : 'pending';
    return [
      p.invite.status,
      status(
        countOf(p, (x) => p.assignments[x]?.status === 'assigned'),
        p.products.length,
        'none',
        'all',
      ),
      s3,
      p.inform.status,
      overall,
    ] as const;
  };
  const referenceIndexes = (p: Person) => {
    const [s1, s2, s3, s4, o] = statuses(p);
    const out = [`step1:${s1}`, `step2:${s2}`, `step3:${s3}`, `step4:${s4}`, `overall:${o}`];
    if (p.manager) out.push(`manager:${p.manager}`);
    if (p.reminders.optedOut) out.push('optedout');
    for (const r of p.roles) if (r !== 'user') out.push(`role:${r}`);
    return out;
  };
  const referenceCounters = (p: Person) => {
    const [s1, s2, s3, s4, o] = statuses(p);
    const out = ['total', `step1:${s1}`, `step2:${s2}`, `step3:${s3}`, `step4:${s4}`, `overall:${o}`];
    if (p.reminders.optedOut) out.push('optedout');
    for (const x of p.products)
      out.push(
        `product:${x}:total`,
        `product:${x}:assigned:${p.assignments[x]?.status === 'assigned' ? 'yes' : 'no'}`,
        `product:${x}:switched:${switched(p, x) ? 'yes' : 'no'}`,
      );
    if (p.manager) out.push(`manager:${p.manager}:total`, `manager:${p.manager}:overall:${o}`);
    if (p.department) out.push(`dept:${p.department}:total`, `dept:${p.department}:overall:${o}`);
    return out;
  };

  it('are the same as the plain versions for 3,000 random people, devices and answers included', () => {
    const r = rng(12);
    const seen = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      let p = randomPerson(r, i, T);
      if (r.chance(0.3)) {
        const events: Parameters<typeof applyEvents>[1] = [];
        for (const product of p.products) {
          if (r.chance(0.7)) events.push({ type: 'product.assigned', product });
          if (r.chance(0.5)) events.push({ type: 'device.switched', product, device: 'PC-1', by: 'script' });
          if (r.chance(0.3)) events.push({ type: 'device.network', product, device: 'PC-2' });
        }
        events.push(
          { type: 'inform.sent' },
          r.chance(0.5) ? { type: 'inform.acknowledged' } : { type: 'inform.help', text: 'help' },
        );
        for (const e of events) {
          const next = applyEvents(p, [e], T + 1);
          if (next.ok) p = next.value;
        }
      }
      expect(personIndexes(p)).toEqual(referenceIndexes(p));
      expect(personCounters(p)).toEqual(referenceCounters(p));
      personIndexes(p).forEach((k) => seen.add(k));
    }
    for (const k of [
      'step2:partial',
      'step2:all',
      'step3:partial',
      'step3:switched',
      'overall:done',
      'overall:needs_help',
      'role:admin',
      'role:manager',
    ])
      expect(seen, k).toContain(k);
  });
});
