// Every change to a person goes through applyEvent: one rule per event, illegal moves are errors.
import { fail, ok, type Result } from './errors.ts';
import type { PersonEvent } from './events.ts';
import { dedupe } from './person.ts';
import { LOCALES, type Person } from './types.ts';

const MAX_HELP_TEXT = 2000;

/**
 * Applies one event to a person at time `now` and returns the new person (version + 1), or a DomainError.
 * `ALREADY_DONE` marks a repeat of something already true (callers may treat it as idempotent success);
 * `ILLEGAL_TRANSITION` marks a move the migration does not allow (e.g. acknowledging before being informed).
 * The input is never mutated.
 */
export function applyEvent(person: Person, event: PersonEvent, now: number): Result<Person> {
  // Refusals that can be read off the input need no copy: a re-import of an unchanged roster is one refused
  // `profile.updated` (and maybe a `role.granted`) per person. A profile's changes are found once, on the input.
  if (event.type === 'role.granted' && person.roles.includes(event.role))
    return fail('ALREADY_DONE', `already ${event.role}`);
  const changes = event.type === 'profile.updated' ? profileChanges(person, event.profile) : undefined;
  if (changes?.length === 0) return fail('ALREADY_DONE', 'profile unchanged');
  const next = copyPerson(person);
  const r = mutate(next, event, now, changes);
  if (!r.ok) return r;
  next.updatedAt = now;
  next.version = person.version + 1;
  return ok(next);
}

/** Applies events in order, stopping at the first error. */
export function applyEvents(person: Person, events: PersonEvent[], now: number): Result<Person> {
  let cur = person;
  for (const e of events) {
    const r = applyEvent(cur, e, now);
    if (!r.ok) return r;
    cur = r.value;
  }
  return ok(cur);
}

function productKey(p: Person, product: string): string | undefined {
  const lower = product.trim().toLowerCase();
  return p.products.find((x) => x.toLowerCase() === lower);
}

/** Applies one event to `p` in place. `profile`: the changes of a `profile.updated`, when already found. */
function mutate(p: Person, e: PersonEvent, now: number, profile?: [string, unknown][]): Result<true> {
  switch (e.type) {
    case 'invite.sent': {
      const s = p.invite;
      if (s.status === 'active') return fail('ALREADY_DONE', 'already a member of the Autodesk team');
      p.invite =
        s.status === 'invited'
          ? { status: 'invited', at: now, firstAt: s.firstAt, sends: s.sends + 1 }
          : { status: 'invited', at: now, firstAt: now, sends: 1 };
      return ok(true);
    }
    case 'invite.accepted':
      if (p.invite.status === 'active') return fail('ALREADY_DONE', 'invitation already accepted');
      p.invite = { status: 'active', at: now };
      return ok(true);
    case 'invite.failed':
      if (p.invite.status === 'active') return fail('ILLEGAL_TRANSITION', 'cannot fail an accepted invitation');
      p.invite = { status: 'failed', at: now, reason: e.reason.slice(0, 500) };
      return ok(true);
    case 'product.assigned': {
      const key = productKey(p, e.product);
      if (!key) return fail('UNKNOWN_PRODUCT', `"${e.product}" is not in this person's scope`);
      if (p.assignments[key]?.status === 'assigned') return fail('ALREADY_DONE', `${key} already assigned`);
      p.assignments[key] = { status: 'assigned', at: now };
      return ok(true);
    }
    case 'product.unassigned': {
      const key = productKey(p, e.product);
      if (!key) return fail('UNKNOWN_PRODUCT', `"${e.product}" is not in this person's scope`);
      if (p.assignments[key]?.status !== 'assigned') return fail('ALREADY_DONE', `${key} is not assigned`);
      p.assignments[key] = { status: 'not_assigned' };
      return ok(true);
    }
    case 'device.network': {
      const key = productKey(p, e.product);
      if (!key) return fail('UNKNOWN_PRODUCT', `"${e.product}" is not in this person's scope`);
      const devices = (p.switches[key] ??= {});
      const cur = devices[e.device];
      if (cur?.status === 'network' && cur.borrowedUntil === e.borrowedUntil)
        return fail('ALREADY_DONE', `${key} on ${e.device} already known on network licensing`);
      devices[e.device] =
        e.borrowedUntil === undefined
          ? { status: 'network', at: now }
          : { status: 'network', at: now, borrowedUntil: e.borrowedUntil };
      return ok(true);
    }
    case 'device.switched': {
      const key = productKey(p, e.product);
      if (!key) return fail('UNKNOWN_PRODUCT', `"${e.product}" is not in this person's scope`);
      if (p.assignments[key]?.status !== 'assigned')
        return fail('NOT_ASSIGNED', `${key} is not assigned yet: the product would ask to contact the administrator`);
      const devices = (p.switches[key] ??= {});
      if (devices[e.device]?.status === 'named') return fail('ALREADY_DONE', `${key} on ${e.device} already switched`);
      devices[e.device] = { status: 'named', at: now, by: e.by };
      return ok(true);
    }
    case 'inform.sent': {
      const s = p.inform;
      if (s.status === 'acknowledged') return fail('ALREADY_DONE', 'already signed in');
      if (s.status === 'needs_help') return fail('ILLEGAL_TRANSITION', 'waiting for help: resolve the request first');
      if (e.round !== undefined && s.status === 'informed' && s.rounds >= e.round)
        return fail('ALREADY_DONE', `round ${e.round} already recorded`);
      if (!Object.values(p.assignments).some((a) => a.status === 'assigned'))
        return fail('NOT_ASSIGNED', 'no product assigned yet: step 4 comes after step 2');
      p.inform = { status: 'informed', at: now, rounds: s.status === 'informed' ? s.rounds + 1 : 1 };
      return ok(true);
    }
    case 'inform.acknowledged': {
      const s = p.inform;
      if (s.status === 'not_informed') return fail('ILLEGAL_TRANSITION', 'cannot acknowledge instructions never sent');
      if (s.status === 'acknowledged') return fail('ALREADY_DONE', 'already acknowledged');
      p.inform = { status: 'acknowledged', at: now, informedAt: s.status === 'informed' ? s.at : s.informedAt };
      // Signing in with an Autodesk ID proves the switch on the device used, unless a device already told us.
      const products = e.product ? [productKey(p, e.product)].filter((x): x is string => !!x) : p.products;
      for (const product of products) {
        if (p.assignments[product]?.status !== 'assigned') continue;
        const devices = (p.switches[product] ??= {});
        if (!Object.values(devices).some((d) => d.status === 'named'))
          devices['self-reported'] = { status: 'named', at: now, by: 'user' };
      }
      return ok(true);
    }
    case 'inform.help': {
      const s = p.inform;
      if (s.status === 'not_informed')
        return fail('ILLEGAL_TRANSITION', 'cannot ask for help on instructions never sent');
      const text = e.text.trim().slice(0, MAX_HELP_TEXT);
      if (s.status === 'needs_help' && s.text === text) return fail('ALREADY_DONE', 'help already requested');
      p.inform = { status: 'needs_help', at: now, text, informedAt: s.status === 'informed' ? s.at : s.informedAt };
      return ok(true);
    }
    case 'reminder.sent':
      if (e.round !== undefined && p.reminders.sent >= e.round)
        return fail('ALREADY_DONE', `reminder ${e.round} already recorded`);
      if (p.reminders.optedOut) return fail('ILLEGAL_TRANSITION', 'opted out of reminders');
      p.reminders = { ...p.reminders, sent: p.reminders.sent + 1, lastAt: now };
      return ok(true);
    case 'reminder.escalated':
      if (p.reminders.escalatedAt !== undefined) return fail('ALREADY_DONE', 'already escalated to the manager');
      p.reminders = { ...p.reminders, escalatedAt: now };
      return ok(true);
    case 'reminder.snoozed':
      if (e.until <= now) return fail('INVALID_INPUT', 'snooze must end in the future');
      p.reminders = { ...p.reminders, snoozeUntil: e.until };
      return ok(true);
    case 'reminder.opted_out':
      if (p.reminders.optedOut) return fail('ALREADY_DONE', 'already opted out');
      p.reminders = { ...p.reminders, optedOut: true };
      return ok(true);
    case 'borrow.told':
      if (e.until <= (p.reminders.borrowToldUntil ?? 0)) return fail('ALREADY_DONE', 'already told about this borrow');
      p.reminders = { ...p.reminders, borrowToldUntil: e.until };
      return ok(true);
    case 'reminder.opted_in':
      if (!p.reminders.optedOut) return fail('ALREADY_DONE', 'not opted out');
      p.reminders = { ...p.reminders, optedOut: false };
      return ok(true);
    case 'locale.set':
      if (!LOCALES.includes(e.locale)) return fail('INVALID_INPUT', `unsupported language ${String(e.locale)}`);
      if (p.locale === e.locale) return fail('ALREADY_DONE', 'language unchanged');
      p.locale = e.locale;
      return ok(true);
    case 'chat.linked': {
      const merged = { ...p.chat };
      if (e.chat.teams) merged.teams = { ...p.chat.teams, ...e.chat.teams };
      if (e.chat.slack) merged.slack = { ...p.chat.slack, ...e.chat.slack };
      if (JSON.stringify(merged) === JSON.stringify(p.chat)) return fail('ALREADY_DONE', 'chat identity unchanged');
      p.chat = merged;
      return ok(true);
    }
    case 'chat.unlinked': {
      if (!p.chat[e.platform]) return fail('ALREADY_DONE', `no ${e.platform} identity`);
      const chat = { ...p.chat };
      delete chat[e.platform];
      p.chat = chat;
      return ok(true);
    }
    case 'role.granted':
      if (p.roles.includes(e.role)) return fail('ALREADY_DONE', `already ${e.role}`);
      p.roles = [...p.roles, e.role];
      return ok(true);
    case 'role.revoked':
      if (!p.roles.includes(e.role)) return fail('ALREADY_DONE', `not ${e.role}`);
      p.roles = p.roles.filter((r) => r !== e.role);
      if (p.roles.length === 0) p.roles = ['user'];
      return ok(true);
    case 'profile.updated': {
      const changes = profile ?? profileChanges(p, e.profile);
      if (changes.length === 0) return fail('ALREADY_DONE', 'profile unchanged');
      for (const [k, v] of changes) (p as unknown as Record<string, unknown>)[k] = v;
      return ok(true);
    }
  }
}

/**
 * The fields a profile update sets, in order, with their new values: only those whose JSON changes (the update is
 * "unchanged" exactly when the person's JSON would be). Given values win; empty ones are ignored; the manager is
 * lower-cased; products and logins are added to those already there, never removed.
 */
function profileChanges(
  p: Person,
  profile: (PersonEvent & { type: 'profile.updated' })['profile'],
): [string, unknown][] {
  const current = p as unknown as Record<string, unknown>;
  const changes: [string, unknown][] = [];
  const { products, logins } = profile;
  // Own keys in order, as `Object.entries` gives them, without building the entries.
  for (const k in profile) {
    if (!Object.hasOwn(profile, k) || k === 'products' || k === 'logins') continue;
    const v = (profile as Record<string, unknown>)[k];
    if (v === undefined || v === '') continue;
    const value = k === 'manager' ? String(v).toLowerCase() : v;
    if (!sameJson(current[k], value)) changes.push([k, value]);
  }
  if (products) {
    const merged = dedupe([...p.products, ...products]);
    if (!sameJson(p.products, merged)) changes.push(['products', merged]);
  }
  if (logins) {
    const merged = dedupe([...(p.logins ?? []), ...logins.map((l) => l.toLowerCase())]);
    if (!sameJson(p.logins, merged)) changes.push(['logins', merged]);
  }
  return changes;
}

/** True when two values serialise to the same JSON (strings and string lists compared without serialising). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'string' || typeof b === 'string') return false;
  if (isStringList(a) && isStringList(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

function isStringList(x: unknown): x is string[] {
  if (!Array.isArray(x)) return false;
  for (let i = 0; i < x.length; i++) if (typeof x[i] !== 'string') return false;
  return true;
}

/**
 * A deep copy of a person (plain JSON-like data: objects, arrays, primitives), as `structuredClone` makes it: own
 * enumerable keys only, `undefined` values kept. Several times faster than `structuredClone` for this shape.
 */
export function copyPerson(p: Person): Person {
  return copyData(p) as Person;
}

function copyData(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = copyData(v[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  // Own enumerable keys in Object.keys order (for-in adds inherited ones last: skipped), without building the list.
  for (const k in v) {
    if (!Object.hasOwn(v, k)) continue;
    const value = copyData((v as Record<string, unknown>)[k]);
    if (k === '__proto__')
      Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
    else out[k] = value;
  }
  return out;
}
