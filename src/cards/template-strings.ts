// The `t` a template sees: the locale strings it refers to, filled with the card's values and made inert like all
// data. Most strings have no placeholder: those are looked up, filled and sanitised once per locale and template,
// not on every render; the others are filled and sanitised per render. Same result as
// sanitiseDeep(allStrings(locale, vars, templateStringKeys(name)), Infinity).
import type { Locale } from '../domain/types.ts';
import { allStrings, fill, hasPlaceholder, type Vars } from './i18n.ts';
import { sanitiseString } from './sanitize.ts';
import { templateStringKeys } from './templates.ts';

interface Entry {
  key: string;
  raw: string;
  /** The final value when `raw` has no placeholder (it then does not depend on the card's values). */
  ready?: string;
}

const prepared = new Map<string, Entry[]>();

function entriesFor(locale: Locale, name: string): Entry[] {
  const cacheKey = `${locale}\n${name}`;
  let entries = prepared.get(cacheKey);
  if (!entries) {
    // Unfilled: every value is the raw string of the locale (or its English fallback), in the template's key order.
    const raw = allStrings(locale, {}, templateStringKeys(name));
    entries = Object.entries(raw).map(([key, value]) =>
      hasPlaceholder(value) ? { key, raw: value } : { key, raw: value, ready: sanitiseString(value, Infinity) },
    );
    prepared.set(cacheKey, entries);
  }
  return entries;
}

/** The strings template `name` uses in `locale`, with `vars` filled in and every value sanitised. */
export function templateStrings(locale: Locale, name: string, vars: Vars): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of entriesFor(locale, name)) out[e.key] = e.ready ?? sanitiseString(fill(e.raw, vars, locale), Infinity);
  return out;
}
