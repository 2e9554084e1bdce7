import { describe, expect, it } from 'vitest';
import { newPerson } from '../../src/domain/person.ts';
import { applyEvents } from '../../src/domain/transitions.ts';
import { decodePerson, encodePerson, shortKey } from '../../src/store/person-codec.ts';

const T = Date.UTC(2026, 10, 2);

describe('compact person codec', () => {
  it('round-trips a new person and leaves initial values out of the stored form', () => {
    const p = newPerson({ email: 'Jane@X.org', firstName: 'Jane', lastName: 'Doe', products: ['AutoCAD'] }, T);
    const raw = encodePerson(p);
    expect(raw).not.toContain('not_invited');
    expect(raw).not.toContain('"id"');
    expect(decodePerson(raw)).toEqual(p);
  });
  it('round-trips a person with every part filled', () => {
    const r = applyEvents(
      newPerson(
        {
          email: 'a@x.org',
          firstName: 'A',
          lastName: 'B',
          products: ['AutoCAD'],
          manager: 'm@x.org',
          locale: 'nl',
          timeZone: 'Europe/Amsterdam',
          logins: ['ab'],
        },
        T,
      ),
      [
        { type: 'invite.sent' },
        { type: 'product.assigned', product: 'AutoCAD' },
        { type: 'device.network', product: 'AutoCAD', device: 'PC-1' },
        { type: 'inform.sent' },
        { type: 'inform.help', text: 'help ${1+1}' },
        { type: 'reminder.sent' },
        { type: 'role.granted', role: 'admin' },
        { type: 'chat.linked', chat: { slack: { userId: 'U1' } } },
      ],
      T + 10,
    );
    if (!r.ok) throw r.error;
    expect(decodePerson(encodePerson(r.value))).toEqual(r.value);
  });
  it('gives short, stable, distinct keys', () => {
    expect(shortKey('a@x.org')).toBe(shortKey('a@x.org'));
    expect(shortKey('a@x.org')).not.toBe(shortKey('b@x.org'));
    expect(shortKey('a@x.org')).toHaveLength(12);
  });
});
