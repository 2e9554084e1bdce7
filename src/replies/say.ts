// The words of command answers, per locale: locales/commands/<locale>.json (card strings stay in locales/<locale>.json).
import { readFileSync } from 'node:fs';
import type { Locale } from '../domain/types.ts';

type Strings = Readonly<Record<string, string>>;
const cache = new Map<Locale, Strings>();

function strings(locale: Locale): Strings {
  let s = cache.get(locale);
  if (!s) {
    s = Object.freeze(
      JSON.parse(readFileSync(new URL(`../../locales/commands/${locale}.json`, import.meta.url), 'utf8')) as Strings,
    );
    cache.set(locale, s);
  }
  return s;
}

export type Vars = Readonly<Record<string, string | number>>;

/** Fills `{name}` placeholders in one pass: a value containing `{other}` or `${x}` is inserted as it is, never expanded. */
export function fillText(template: string, vars: Vars): string {
  return template.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (whole, name: string) => {
    const v = vars[name];
    return v === undefined ? whole : String(v);
  });
}

/** A command answer string in the caller's language, falling back to English for a missing key. */
export function say(locale: Locale, key: string, vars: Vars = {}): string {
  const template = strings(locale)[key] ?? strings('en')[key];
  if (template === undefined) throw new Error(`no string "${key}" in locales/commands/en.json`);
  return fillText(template, vars);
}

/** Every key of a locale file (for the consistency test). */
export function commandStringKeys(locale: Locale): string[] {
  return Object.keys(strings(locale));
}
