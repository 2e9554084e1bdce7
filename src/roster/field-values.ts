// Cell values in the four languages of the roster files: languages, roles, time zones and lists.
import { LOCALES, type Locale, type Role } from '../domain/types.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

function fold(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();
}

const LANGUAGE_NAMES: Record<string, Locale> = {};
const NAMES: Record<Locale, string[]> = {
  en: ['english', 'anglais', 'engels', 'englisch'],
  fr: ['french', 'francais', 'frans', 'franzosisch', 'franzoesisch'],
  nl: [
    'dutch',
    'nederlands',
    'neerlandais',
    'niederlandisch',
    'niederlaendisch',
    'flemish',
    'vlaams',
    'flamand',
    'flamisch',
  ],
  de: ['german', 'deutsch', 'allemand', 'duits'],
};
for (const locale of LOCALES) for (const name of NAMES[locale]) LANGUAGE_NAMES[name] = locale;

/** `fr`, `fr-BE`, `fr_BE`, `French`, `Français`, `Nederlands`, `Deutsch`... to a supported locale. */
export function parseLocale(raw: string): Parsed<Locale> {
  const v = fold(raw);
  const tag = /^([a-z]{2,3})(?:[-_][a-z0-9]+)*$/.exec(v)?.[1];
  const locale = LANGUAGE_NAMES[v] ?? (LOCALES as readonly string[]).find((l) => l === tag);
  if (locale) return { ok: true, value: locale as Locale };
  return {
    ok: false,
    reason: `unknown language ${quote(raw)}: use en, fr, nl or de (or English, Français, Nederlands, Deutsch)`,
  };
}

const ROLE_NAMES: Record<string, Role> = {};
const ROLE_WORDS: Record<Role, string[]> = {
  admin: ['admin', 'administrator', 'administrateur', 'beheerder', 'primary admin', 'secondary admin', 'sso admin'],
  manager: ['manager', 'responsable', 'gestionnaire', 'leidinggevende', 'vorgesetzter', 'chef'],
  user: ['user', 'utilisateur', 'gebruiker', 'benutzer', 'employee', 'employe', 'medewerker', 'mitarbeiter', 'guest'],
};
for (const [role, words] of Object.entries(ROLE_WORDS) as [Role, string[]][])
  for (const w of words) ROLE_NAMES[w] = role;

/** One or more roles in a cell (`admin`, `Manager; User`, Autodesk's `Secondary Admin`...). */
export function parseRoles(raw: string): Parsed<Role[]> {
  const roles: Role[] = [];
  for (const item of splitList(raw)) {
    const role = ROLE_NAMES[fold(item).replace(/\s+/g, ' ')];
    if (!role) return { ok: false, reason: `unknown role ${quote(item)}: use admin, manager or user` };
    if (!roles.includes(role)) roles.push(role);
  }
  return { ok: true, value: roles };
}

// Building an Intl.DateTimeFormat costs about half a millisecond and a roster holds few distinct zones.
const zoneCache = new Map<string, Parsed<string>>();
const ZONE_CACHE_MAX = 1000;

/** An IANA time zone as the runtime knows it, returned in its canonical spelling (`europe/brussels` → `Europe/Brussels`). */
export function parseTimeZone(raw: string): Parsed<string> {
  const v = raw.trim();
  let r = zoneCache.get(v);
  if (r) return r;
  try {
    r = { ok: true, value: new Intl.DateTimeFormat('en', { timeZone: v }).resolvedOptions().timeZone };
  } catch {
    r = { ok: false, reason: `unknown time zone ${quote(raw)}: use an IANA name such as Europe/Brussels` };
  }
  if (zoneCache.size < ZONE_CACHE_MAX) zoneCache.set(v, r);
  return r;
}

/** Splits a cell holding several values (`AutoCAD; Revit`, `AutoCAD|Revit`, one per line...). */
export function splitList(raw: string): string[] {
  return raw
    .split(/[;|,\r\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * True for a value that looks like a hash rather than a name: Autodesk exports with personal data off carry hashed
 * names, which must never overwrite a real name.
 */
export function looksHashed(raw: string): boolean {
  const v = raw.trim();
  if (/^[0-9a-f]{16,}$/i.test(v)) return true;
  return /^[A-Za-z0-9+/_-]{22,}={0,2}$/.test(v) && /\d/.test(v) && /[A-Za-z]/.test(v);
}

/** A value quoted for a message: JSON-escaped (control characters visible) and cut to 60 characters. */
export function quote(raw: string): string {
  const v = raw.trim();
  return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
}
