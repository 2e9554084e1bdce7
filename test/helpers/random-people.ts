// Seeded random people, profiles and roster rows for tests that compare a fast path with a reference version:
// varied shapes (fields added late, so key orders differ), not only what the importer itself produces.
import { newPerson } from '../../src/domain/person.ts';
import { applyEvent } from '../../src/domain/transitions.ts';
import type { PersonEvent } from '../../src/domain/events.ts';
import { LOCALES, type Person, type Role } from '../../src/domain/types.ts';
import type { RosterRow } from '../../src/roster/validate-row.ts';

export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const chance = (p: number) => next() < p;
  const some = <T>(xs: readonly T[], p = 0.5): T[] => xs.filter(() => next() < p);
  return { next, int, pick, chance, some };
}
export type Rng = ReturnType<typeof rng>;

export const PRODUCTS = ['AutoCAD', 'Revit', 'Civil 3D', 'Inventor', '3ds Max', 'autocad', ' Revit ', 'REVIT'];
const NAMES = ['Ann', 'Émilie', 'Jan', 'Zoë', ' Bob ', 'Lefèvre', 'de Vries', ''];
const DEPTS = ['Design', "Bureau d'études; 3", 'BIM', 'design', ''];
const ZONES = ['Europe/Brussels', 'America/New_York', 'Asia/Kolkata', ''];
const MANAGERS = ['boss@x.org', 'Boss@X.org', 'other.boss@x.org', ''];
const LOGINS = ['alee', 'ALee', 'pc-12', ' host7 ', 'Alee'];

const variant = (r: Rng, s: string) => (r.chance(0.3) ? s.toUpperCase() : r.chance(0.3) ? ` ${s} ` : s);

/** A person shaped by a random history: some steps taken, fields set late or not at all, odd stored shapes. */
export function randomPerson(r: Rng, i: number, now: number): Person {
  let p = newPerson(
    {
      email: `Person${i}@Example.org`,
      firstName: r.pick(NAMES),
      lastName: r.pick(NAMES),
      ...(r.chance(0.5) ? { locale: r.pick(LOCALES) } : {}),
      ...(r.chance(0.5) ? { timeZone: r.pick(ZONES) } : {}),
      ...(r.chance(0.6) ? { manager: r.pick(MANAGERS) } : {}),
      ...(r.chance(0.5) ? { department: r.pick(DEPTS) } : {}),
      roles: r.some(['user', 'admin', 'manager'] as Role[], 0.4),
      products: r.some(PRODUCTS, 0.35),
      logins: r.some(LOGINS, 0.3),
    },
    now,
  );
  const events: PersonEvent[] = [];
  for (let k = r.int(0, 6); k > 0; k--) {
    const product = r.pick(PRODUCTS);
    events.push(
      r.pick<PersonEvent>([
        { type: 'invite.sent' },
        { type: 'product.assigned', product },
        { type: 'device.network', product, device: `PC-${r.int(1, 3)}` },
        { type: 'inform.sent' },
        { type: 'reminder.sent' },
        { type: 'role.granted', role: r.pick(['admin', 'manager'] as const) },
        { type: 'locale.set', locale: r.pick(LOCALES) },
        { type: 'chat.linked', chat: { slack: { userId: `U${i}` } } },
        { type: 'profile.updated', profile: randomProfile(r) },
      ]),
    );
  }
  for (const e of events) {
    const next = applyEvent(p, e, now + 1000);
    if (next.ok) p = next.value;
  }
  // Shapes older data or other writers may leave: an empty login list, untrimmed or repeated products, a field
  // present but undefined.
  if (r.chance(0.1)) p = { ...p, logins: [] };
  if (r.chance(0.1)) p = { ...p, products: [...p.products, ' AutoCAD ', 'autocad'] };
  if (r.chance(0.1)) p = { ...p, department: undefined };
  if (r.chance(0.05)) p = { ...p, locale: undefined, manager: undefined };
  return p;
}

/** A profile update as an import or a chat platform would send it: some fields, sometimes empty, sometimes the same. */
export function randomProfile(r: Rng): (PersonEvent & { type: 'profile.updated' })['profile'] {
  const profile: (PersonEvent & { type: 'profile.updated' })['profile'] = {};
  if (r.chance(0.5)) profile.locale = r.pick(LOCALES);
  if (r.chance(0.5)) profile.timeZone = r.pick(ZONES);
  if (r.chance(0.5)) profile.manager = r.pick(MANAGERS);
  if (r.chance(0.5)) profile.department = r.pick(DEPTS);
  if (r.chance(0.6)) profile.firstName = r.pick(NAMES);
  if (r.chance(0.6)) profile.lastName = r.pick(NAMES);
  if (r.chance(0.6)) profile.products = r.some(PRODUCTS, 0.3).map((x) => variant(r, x));
  if (r.chance(0.4)) profile.logins = r.some(LOGINS, 0.4);
  return profile;
}

/** A validated roster row for person `i` (as validateRow makes them: trimmed, lower-case id and manager). */
export function randomRow(r: Rng, i: number): RosterRow {
  const row: RosterRow = {
    line: i + 2,
    id: `person${i}@example.org`,
    email: r.chance(0.5) ? `Person${i}@Example.org` : `person${i}@example.org`,
    roles: r.some(['admin', 'manager'] as Role[], 0.15),
    products: [...new Set(r.some(PRODUCTS, 0.3).map((x) => x.trim()))],
    logins: r.some(LOGINS, 0.3).map((x) => x.trim()),
  };
  if (r.chance(0.9)) row.firstName = r.pick(NAMES).trim();
  if (r.chance(0.9)) row.lastName = r.pick(NAMES).trim();
  if (r.chance(0.5)) row.locale = r.pick(LOCALES);
  if (r.chance(0.5) && r.chance(0.8)) row.timeZone = 'Europe/Brussels';
  if (r.chance(0.6)) row.manager = r.pick(MANAGERS).toLowerCase() || undefined;
  if (r.chance(0.6)) row.department = r.pick(DEPTS).trim() || undefined;
  if (row.manager === undefined) delete row.manager;
  if (row.department === undefined) delete row.department;
  return row;
}
