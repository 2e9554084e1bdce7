// What a person reads on every card, in every locale, on Teams and on Slack, with the built-in sample data.
import { describe, expect, it } from 'vitest';
import { CARD_NAMES, sampleData } from '../../src/cards/index.ts';
import { LOCALES } from '../../src/domain/types.ts';
import { problems, see } from '../helpers/what-you-see.ts';

/** Strings of the sample data (names, products, hosts), which may be in any language. */
function dataStrings(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const v of value) dataStrings(v, into);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) dataStrings(v, into);
  return into;
}

describe.each(LOCALES)('every card as people read it (%s)', (locale) => {
  it.each(CARD_NAMES)('%s', (name) => {
    const data = sampleData(name) as Record<string, unknown>;
    const found: string[] = [];
    for (const seen of see({ name, data, locale })) {
      expect(seen.whole.trim(), `${name} ${seen.platform} shows something`).not.toBe('');
      found.push(...problems(seen, locale, dataStrings(data)));
    }
    expect(found).toEqual([]);
  });
});
