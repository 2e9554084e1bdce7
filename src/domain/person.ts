import { normaliseEmail } from './email.ts';
import type { Locale, Person, Role } from './types.ts';

export interface NewPersonInput {
  email: string;
  firstName: string;
  lastName: string;
  locale?: Locale;
  timeZone?: string;
  manager?: string;
  department?: string;
  roles?: Role[];
  products?: string[];
  logins?: string[];
}

/** A person who has not started any step yet. */
export function newPerson(input: NewPersonInput, now: number): Person {
  const id = normaliseEmail(input.email);
  const person: Person = {
    id,
    email: input.email.trim(),
    firstName: input.firstName.trim(),
    lastName: input.lastName.trim(),
    roles: input.roles?.length ? [...new Set(input.roles)] : ['user'],
    products: dedupe(input.products ?? []),
    chat: {},
    invite: { status: 'not_invited' },
    assignments: {},
    switches: {},
    inform: { status: 'not_informed' },
    reminders: { sent: 0 },
    createdAt: now,
    updatedAt: now,
    version: 0,
  };
  if (input.locale) person.locale = input.locale;
  if (input.timeZone) person.timeZone = input.timeZone;
  if (input.manager) person.manager = normaliseEmail(input.manager);
  if (input.department) person.department = input.department.trim();
  if (input.logins?.length) person.logins = dedupe(input.logins.map((l) => l.toLowerCase()));
  return person;
}

/** Order-preserving, case-insensitive de-duplication of display names. */
export function dedupe(values: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of values) {
    const v = raw.trim();
    if (!v || seen.has(v.toLowerCase())) continue;
    seen.add(v.toLowerCase());
    out.push(v);
  }
  return out;
}

export function fullName(p: Pick<Person, 'firstName' | 'lastName' | 'email'>): string {
  const name = `${p.firstName} ${p.lastName}`.trim();
  return name || p.email;
}
