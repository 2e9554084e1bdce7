// The codec builds the stored form key by key and fills the decoded person in place; here both are compared with
// the versions they replaced (spread-and-delete, spread-and-default), kept below, over seeded random people.
import { describe, expect, it } from 'vitest';
import { normaliseEmail } from '../../src/domain/email.ts';
import type { Person } from '../../src/domain/types.ts';
import { decodePerson, encodePerson, shortKey } from '../../src/store/person-codec.ts';
import { createHash } from 'node:crypto';
import { randomPerson, rng } from '../helpers/random-people.ts';

const T = Date.UTC(2026, 10, 2);

function referenceEncode(p: Person): string {
  const s: Partial<Person> = { ...p };
  delete s.id;
  delete s.version;
  if (p.roles.length === 1 && p.roles[0] === 'user') delete s.roles;
  if (Object.keys(p.chat).length === 0) delete s.chat;
  if (p.invite.status === 'not_invited') delete s.invite;
  if (Object.keys(p.assignments).length === 0) delete s.assignments;
  if (Object.keys(p.switches).length === 0) delete s.switches;
  if (p.inform.status === 'not_informed') delete s.inform;
  if (p.reminders.sent === 0 && Object.keys(p.reminders).length === 1) delete s.reminders;
  if (p.updatedAt === p.createdAt) delete s.updatedAt;
  return `${p.version}:${JSON.stringify(s)}`;
}

function referenceDecode(raw: string): Person {
  const colon = raw.indexOf(':');
  const s = JSON.parse(raw.slice(colon + 1)) as Partial<Person> & { email: string; createdAt: number };
  return {
    ...s,
    id: normaliseEmail(s.email),
    roles: s.roles ?? ['user'],
    products: s.products ?? [],
    chat: s.chat ?? {},
    invite: s.invite ?? { status: 'not_invited' },
    assignments: s.assignments ?? {},
    switches: s.switches ?? {},
    inform: s.inform ?? { status: 'not_informed' },
    reminders: s.reminders ?? { sent: 0 },
    updatedAt: s.updatedAt ?? s.createdAt,
    version: Number(raw.slice(0, colon)),
  } as Person;
}

describe('person codec equals the previous version', () => {
  it('stores the same text and reads back the same person, key order included, for 2,000 random people', () => {
    const r = rng(99);
    for (let i = 0; i < 2000; i++) {
      const p = randomPerson(r, i, T);
      const raw = encodePerson(p);
      expect(raw).toBe(referenceEncode(p));
      const [fast, slow] = [decodePerson(raw), referenceDecode(raw)];
      expect(fast).toStrictEqual(slow);
      expect(Object.keys(fast)).toEqual(Object.keys(slow));
      expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
    }
  });
  it('reads stored text the current encoder would not write (nulls, explicit defaults) the same way', () => {
    for (const body of [
      '{"email":"A@x.org","firstName":"A","lastName":"B","createdAt":1,"roles":null,"updatedAt":null}',
      '{"roles":["user"],"email":" A@x.org ","firstName":"A","lastName":"B","products":[],"createdAt":1,"updatedAt":5,"reminders":{"sent":0}}',
    ]) {
      const raw = `7:${body}`;
      expect(Object.keys(decodePerson(raw))).toEqual(Object.keys(referenceDecode(raw)));
      expect(decodePerson(raw)).toStrictEqual(referenceDecode(raw));
    }
  });
  it('memoises short keys without changing them', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `person${i}@example.org`);
    for (const id of [...ids, ...ids])
      expect(shortKey(id)).toBe(createHash('sha256').update(id).digest('base64url').slice(0, 12));
  });
});
