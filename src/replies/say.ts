// The words of command answers, per locale: locales/commands/<locale>.json (card strings stay in locales/<locale>.json).
import { readFileSync } from 'node:fs';
import { formatMessage, type Vars } from '../cards/message-format.ts';
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

export type { Vars };

/**
 * Formats an ICU MessageFormat string in one pass: a value containing `{other}` or `${x}` is inserted as it is, never
 * expanded; an argument without a value stays `{name}`. Answers are Markdown: string values from outside are escaped
 * (names show their stars and underscores), except inside `code spans`.
 */
export function fillText(template: string, vars: Vars, locale: Locale = 'en'): string {
  return formatMessage(locale, template, vars, { markdown: true });
}

/** A command answer (an ICU message) in the caller's language, falling back to English for a missing key. */
export function say(locale: Locale, key: string, vars: Vars = {}): string {
  const template = strings(locale)[key] ?? strings('en')[key];
  if (template === undefined) throw new Error(`no string "${key}" in locales/commands/en.json`);
  return fillText(template, vars, locale);
}

/** Every key of a locale file (for the consistency test). */
export function commandStringKeys(locale: Locale): string[] {
  return Object.keys(strings(locale));
}
