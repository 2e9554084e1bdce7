import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/registry.ts';
import { commandStringKeys, fillText, say } from '../../src/replies/say.ts';
import { SERVER_STATES } from '../../src/domain/server-state.ts';
import { LOCALES } from '../../src/domain/types.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('command strings', () => {
  // The same ICU arguments in every locale: test/cards/messages-icu.test.ts (plurals put them inside options).
  it('every locale has every English key', () => {
    const en = commandStringKeys('en');
    for (const locale of LOCALES) expect(commandStringKeys(locale).sort(), locale).toEqual([...en].sort());
  });

  it('every key the code asks for exists, and every command has a summary', () => {
    const en = new Set(commandStringKeys('en'));
    const used = new Set<string>();
    for (const file of [...sources('src/commands'), ...sources('src/actions')]) {
      for (const m of readFileSync(file, 'utf8').matchAll(/say\([\w.]+, '([a-z0-9_]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !en.has(k))).toEqual([]);
    expect(COMMANDS.filter((c) => !en.has(c.summaryKey)).map((c) => c.name)).toEqual([]);
    for (const why of ['not_found', 'not_assigned', 'acknowledged', 'needs_help', 'not_informed', 'opted_out'])
      expect(en.has(`skip_${why}`)).toBe(true);
    for (const state of SERVER_STATES) expect(en.has(`server_state_${state}`), state).toBe(true);
  });

  it('translations are not left in English', () => {
    for (const locale of ['fr', 'nl', 'de'] as const)
      expect(say(locale, 'help_title')).not.toBe(say('en', 'help_title'));
  });

  it('fills placeholders once: values are never expanded again', () => {
    expect(fillText('{a} and {b}', { a: '{b}', b: '${x}' })).toBe('{b} and ${x}');
  });
});

describe('docs/commands.md', () => {
  it('documents every command', () => {
    const doc = readFileSync('docs/commands.md', 'utf8');
    expect(COMMANDS.filter((c) => !doc.includes(`\`${c.name}`)).map((c) => c.name)).toEqual([]);
  });
});
