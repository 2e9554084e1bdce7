// The four locales are complete and consistent, and every string is used by a card or by code.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES } from '../../src/cards/index.ts';

const root = new URL('../../', import.meta.url).pathname;
const load = (locale: string): Record<string, string> =>
  JSON.parse(readFileSync(join(root, 'locales', `${locale}.json`), 'utf8'));
const locales = Object.fromEntries(SUPPORTED_LOCALES.map((l) => [l, load(l)]));
const en = locales.en!;
const placeholders = (s: string) => [...s.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]).sort();

function files(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p, ext) : p.endsWith(ext) ? [p] : [];
  });
}

const templateKeys = new Set(
  files(join(root, 'cards'), '.json').flatMap((f) =>
    [...readFileSync(f, 'utf8').matchAll(/\bt\.([a-z0-9_]+)/g)].map((m) => m[1]!),
  ),
);
const codeLiterals = new Set(
  files(join(root, 'src'), '.ts').flatMap((f) =>
    [...readFileSync(f, 'utf8').matchAll(/'([a-z0-9_]+)'/g)].map((m) => m[1]!),
  ),
);

describe('locales', () => {
  it.each(SUPPORTED_LOCALES)('%s has exactly the English keys, none empty', (locale) => {
    const strings = locales[locale]!;
    expect(Object.keys(strings).sort()).toEqual(Object.keys(en).sort());
    expect(Object.entries(strings).filter(([, v]) => typeof v !== 'string' || v.trim() === '')).toEqual([]);
  });

  it.each(SUPPORTED_LOCALES)('%s uses the same placeholders as English in every string', (locale) => {
    const strings = locales[locale]!;
    const mismatched = Object.keys(en).filter(
      (k) => placeholders(strings[k] ?? '').join() !== placeholders(en[k]!).join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('has every key a template refers to', () => {
    expect([...templateKeys].filter((k) => !(k in en))).toEqual([]);
  });

  it('has no key that no template and no code uses', () => {
    const used = (k: string) => {
      const plural = /^(.+)_(one|other)$/.exec(k);
      return templateKeys.has(k) || codeLiterals.has(k) || (plural !== null && codeLiterals.has(plural[1]!));
    };
    expect(Object.keys(en).filter((k) => !used(k))).toEqual([]);
  });

  it('pairs every plural form', () => {
    for (const k of Object.keys(en)) {
      if (k.endsWith('_one')) expect(en).toHaveProperty(k.replace(/_one$/, '_other'));
      if (k.endsWith('_other')) expect(en).toHaveProperty(k.replace(/_other$/, '_one'));
    }
  });

  it('translates rather than copies English (long strings differ, bar Autodesk UI paths)', () => {
    const sameOnPurpose = new Set([
      'prov_file_invite',
      'prov_file_assign',
      'device_os_windows',
      'device_os_macos',
      'device_os_linux',
    ]);
    for (const locale of ['fr', 'nl', 'de'] as const) {
      const copies = Object.keys(en).filter(
        (k) => !sameOnPurpose.has(k) && en[k]!.length > 20 && locales[locale]![k] === en[k],
      );
      expect(copies, locale).toEqual([]);
    }
  });

  it('addresses people formally: vous, u, Sie', () => {
    const informal = {
      fr: /\b(tu|te|toi|ton|ta|tes)\b/i,
      nl: /\b(je|jij|jou|jouw)\b/i,
      de: /\b(du|dich|dir|dein|deine)\b/,
    };
    for (const [locale, pattern] of Object.entries(informal)) {
      expect(Object.entries(locales[locale]!).filter(([, v]) => pattern.test(v.replace(/[«»“”„]/g, ' ')))).toEqual([]);
    }
  });

  it('follows French typography: no-break space before ? ! : ; » and after «', () => {
    const fr = locales.fr!;
    const bad = Object.entries(fr).filter(([, v]) => / [?!:;»]|« /.test(v) && !/\([:/%]\)/.test(v));
    expect(bad).toEqual([]);
  });
});
