// applyEvent copies people with copyPerson (not structuredClone), refuses unchanged profiles and held roles before
// copying, and finds profile changes field by field instead of comparing the whole person's JSON. Here it is compared
// with the version it replaced (test/helpers/reference-transitions.ts) over seeded random people and profiles.
import { describe, expect, it } from 'vitest';
import type { Result } from '../../src/domain/errors.ts';
import type { PersonEvent } from '../../src/domain/events.ts';
import { applyEvent, copyPerson, sameJson } from '../../src/domain/transitions.ts';
import type { Person } from '../../src/domain/types.ts';
import { randomPerson, randomProfile, rng } from '../helpers/random-people.ts';
import { referenceApply } from '../helpers/reference-transitions.ts';

const NOW = Date.UTC(2026, 10, 27, 10);

/** A profile made of the person's own values, as a re-import sends it (case and spacing may differ). */
function sameAs(r: ReturnType<typeof rng>, p: Person): (PersonEvent & { type: 'profile.updated' })['profile'] {
  const profile: (PersonEvent & { type: 'profile.updated' })['profile'] = {};
  if (p.locale && r.chance(0.7)) profile.locale = p.locale;
  if (p.timeZone && r.chance(0.7)) profile.timeZone = p.timeZone;
  if (p.manager && r.chance(0.7)) profile.manager = r.chance(0.5) ? p.manager.toUpperCase() : p.manager;
  if (p.department !== undefined && r.chance(0.7)) profile.department = p.department;
  if (r.chance(0.7)) profile.firstName = p.firstName;
  if (r.chance(0.7)) profile.lastName = p.lastName;
  if (r.chance(0.7))
    profile.products = r.some(p.products, 0.7).map((x) => (r.chance(0.3) ? ` ${x.toLowerCase()} ` : x));
  if (p.logins && r.chance(0.5)) profile.logins = p.logins.map((x) => (r.chance(0.3) ? x.toUpperCase() : x));
  return profile;
}

/** Same outcome: same refusal, or the same person down to key order and keys holding undefined. */
function sameOutcome(a: Result<Person>, b: Result<Person>): void {
  if (!b.ok) {
    expect(a.ok).toBe(false);
    if (!a.ok) expect([a.error.code, a.error.message]).toEqual([b.error.code, b.error.message]);
    return;
  }
  expect(a.ok).toBe(true);
  if (!a.ok) return;
  expect(JSON.stringify(a.value)).toBe(JSON.stringify(b.value));
  expect(Object.keys(a.value)).toEqual(Object.keys(b.value));
  expect(a.value).toStrictEqual(b.value);
}

describe('applyEvent fast path equals the previous version', () => {
  it('on profile updates and role grants of 3,000 random people', () => {
    const r = rng(7);
    let changed = 0;
    let refused = 0;
    for (let i = 0; i < 3000; i++) {
      const person = randomPerson(r, i, NOW - 86_400_000);
      const frozen = JSON.stringify(person);
      const roll = r.next();
      const event: PersonEvent =
        roll < 0.4
          ? { type: 'profile.updated', profile: randomProfile(r) }
          : roll < 0.8
            ? { type: 'profile.updated', profile: sameAs(r, person) }
            : { type: 'role.granted', role: r.pick(['user', 'admin', 'manager'] as const) };
      const fast = applyEvent(person, event, NOW);
      sameOutcome(fast, referenceApply(person, event, NOW));
      expect(JSON.stringify(person)).toBe(frozen);
      if (fast.ok) changed++;
      else refused++;
    }
    // Both outcomes are well represented, so the comparison means something either way.
    expect(changed).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(500);
  });

  it('re-applying the same profile is refused (what a re-import does for every unchanged person)', () => {
    const r = rng(11);
    for (let i = 0; i < 500; i++) {
      const profile = randomProfile(r);
      const first = applyEvent(randomPerson(r, i, NOW - 1000), { type: 'profile.updated', profile }, NOW);
      if (!first.ok) continue;
      const again = applyEvent(first.value, { type: 'profile.updated', profile }, NOW + 1);
      expect(again.ok ? 'changed' : again.error.code).toBe('ALREADY_DONE');
    }
  });
});

describe('copyPerson', () => {
  it('copies like structuredClone: equal, same key order, undefined values kept, nothing shared', () => {
    const r = rng(3);
    for (let i = 0; i < 300; i++) {
      const p = randomPerson(r, i, NOW);
      const copy = copyPerson(p);
      expect(copy).toStrictEqual(structuredClone(p));
      expect(JSON.stringify(copy)).toBe(JSON.stringify(p));
      expect(Object.keys(copy)).toEqual(Object.keys(p));
      copy.products.push('X');
      copy.assignments['X'] = { status: 'not_assigned' };
      copy.reminders.sent = 99;
      copy.invite = { status: 'active', at: 1 };
      expect(p.products).not.toContain('X');
      expect(p.assignments['X']).toBeUndefined();
      expect(p.reminders.sent).not.toBe(99);
    }
  });
  it('keeps a "__proto__" key as data, as structuredClone does', () => {
    const p = randomPerson(rng(5), 1, NOW);
    const devices = JSON.parse('{"__proto__": {"status": "network", "at": 1}}') as Record<string, never>;
    p.switches = { AutoCAD: devices };
    const copy = copyPerson(p);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(structuredClone(p)));
    expect(Object.getPrototypeOf(copy.switches['AutoCAD'])).toBe(Object.prototype);
  });
});

describe('sameJson', () => {
  it('agrees with comparing JSON text', () => {
    const values: unknown[] = [
      'a',
      'A',
      '',
      undefined,
      null,
      0,
      1,
      NaN,
      ['a'],
      ['a', 'b'],
      ['b', 'a'],
      [],
      ['a', 1],
      [undefined],
      [null],
      { a: 1 },
      { a: '1' },
      true,
    ];
    for (const a of values)
      for (const b of values) expect([a, b, sameJson(a, b)]).toEqual([a, b, JSON.stringify(a) === JSON.stringify(b)]);
  });
});
