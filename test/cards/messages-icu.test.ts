// Every message of every locale file (cards and command answers) is valid ICU MessageFormat, has the same arguments
// as English, and picks the right plural form in each language.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { formatMessage, parseMessage } from '../../src/cards/message-format.ts';
import { tp } from '../../src/cards/i18n.ts';
import { say } from '../../src/replies/say.ts';
import { LOCALES, type Locale } from '../../src/domain/types.ts';

const root = new URL('../../', import.meta.url).pathname;
const files = {
  cards: (l: Locale) => join(root, 'locales', `${l}.json`),
  commands: (l: Locale) => join(root, 'locales', 'commands', `${l}.json`),
};
const load = (path: string): Record<string, string> => JSON.parse(readFileSync(path, 'utf8'));

function args(elements: readonly MessageFormatElement[], into = new Map<string, number>()): Map<string, number> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time)
      into.set(el.value, el.type);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      into.set(el.value, el.type);
      for (const o of Object.values(el.options)) args(o.value, into);
    }
  }
  return into;
}

describe.each(Object.entries(files))('%s messages', (_kind, path) => {
  const en = load(path('en'));
  it.each(LOCALES)('%s: every English key exists, parses, and has the same arguments', (locale) => {
    const strings = load(path(locale));
    const missing = Object.keys(en).filter((k) => strings[k] === undefined);
    expect(missing).toEqual([]);
    const different: string[] = [];
    for (const [key, text] of Object.entries(strings)) {
      const mine = [...args(parseMessage(text)).keys()].sort().join();
      const theirs = [...args(parseMessage(en[key] ?? '')).keys()].sort().join();
      if (mine !== theirs) different.push(`${key}: ${mine} ≠ ${theirs}`);
    }
    expect(different).toEqual([]);
  });

  it.each(LOCALES)('%s: apostrophes and braces in plain messages come out as written', (locale) => {
    const strings = load(path(locale));
    for (const [key, text] of Object.entries(strings)) {
      if (/\{[A-Za-z]+,/.test(text)) continue;
      const vars = Object.fromEntries(
        [...text.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)].map((m) => [m[1]!, `<${m[1]}>`]),
      );
      const naive = text.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (_w, n: string) => `<${n}>`);
      expect(formatMessage(locale, text, vars), key).toBe(naive);
    }
  });
});

describe('plurals per locale', () => {
  it('say one and many in each language', () => {
    expect(tp('en', 'prov_rows', 1)).toBe('1 row');
    expect(tp('en', 'prov_rows', 2)).toBe('2 rows');
    expect(tp('fr', 'prov_rows', 1)).toBe('1 ligne');
    // French counts 0 and 1 as singular.
    expect(tp('fr', 'prov_rows', 0)).toBe('0 ligne');
    expect(tp('nl', 'prov_rows', 0)).toBe('0 rijen');
    expect(tp('de', 'list_more', 1)).toBe('und noch 1');
    expect(tp('fr', 'list_more', 1200)).toBe('et 1\u202f200 autres');
    expect(say('fr', 'prov_confirmed', { people: 1, already: 0, missing: 0 })).toContain('1 personne a avancé');
    expect(say('fr', 'prov_confirmed', { people: 3, already: 0, missing: 0 })).toContain('3 personnes ont avancé');
    expect(say('en', 'prov_confirmed', { people: 1, already: 2, missing: 0 })).toContain('1 person moved on');
  });

  it('inserts values as text: a value that looks like a message is never formatted', () => {
    expect(say('en', 'person_not_found', { email: '{count, plural, other {#}} ${x}' })).toContain(
      '{count, plural, other {#}} ${x}',
    );
  });
});
