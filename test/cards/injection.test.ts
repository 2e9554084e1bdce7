// Data from people cannot inject template expressions, Slack mentions or links, or break the JSON.
import { describe, expect, it } from 'vitest';
import { CARD_NAMES, CardError, renderCard, sampleData } from '../../src/cards/index.ts';
import type { CardName } from '../../src/cards/index.ts';
import { assertNoBindings, sanitiseString } from '../../src/cards/sanitize.ts';
import { allStrings, blockKitViolations, schemaErrors, slackTexts } from './helpers.ts';

const HOSTILE = [
  '${1+1}',
  '${$root.secret}',
  '${t.step4_title}',
  '<!channel>',
  '<@U123>',
  '<https://evil.example|click>',
  '[click](https://evil.example)',
  'quote " apostrophe \' backslash \\ end\\',
  'line1\nline2\r\nline3',
  'ctl\u0000\u0007\u001b',
  '{firstName} {count}',
  '&amp; &lt;',
].join(' ');

type Path = (string | number)[];

const hasControl = (s: string) => [...s].some((ch) => ch.charCodeAt(0) < 0x20 && ch !== '\n' && ch !== '\t');

/** Paths of every string in the sample data. */
function stringPaths(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (typeof value === 'string') out.push(path);
  else if (Array.isArray(value)) value.forEach((v, i) => stringPaths(v, [...path, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) stringPaths(v, [...path, k], out);
  return out;
}

function withValue<T>(data: T, path: Path, value: string): T {
  const copy = structuredClone(data) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
  return copy as T;
}

function renderBoth(name: CardName, data: unknown) {
  const withSecret = { ...(data as object), secret: 'TOPSECRET' };
  return {
    teams: renderCard(name, withSecret as never, 'en', 'teams'),
    slack: renderCard(name, withSecret as never, 'en', 'slack'),
  };
}

describe.each(CARD_NAMES)('hostile data in card %s', (name) => {
  it('stays inert in every string field the card accepts', () => {
    let accepted = 0;
    for (const path of stringPaths(sampleData(name))) {
      let out;
      try {
        out = renderBoth(name, withValue(sampleData(name), path, HOSTILE));
      } catch (err) {
        // Fields with a format (URLs, file names, time zones, enums) refuse the value outright: also safe.
        expect(err).toBeInstanceOf(CardError);
        expect((err as CardError).code).toBe('INVALID_DATA');
        continue;
      }
      accepted++;
      const where = `${name} at ${path.join('.')}`;
      const strings = [...allStrings(out.teams), ...allStrings(out.slack)];
      expect(
        strings.filter((s) => s.includes('${')),
        where,
      ).toEqual([]);
      expect(
        strings.filter((s) => s.includes('TOPSECRET')),
        where,
      ).toEqual([]);
      expect(strings.filter(hasControl), where).toEqual([]);
      expect(
        slackTexts(out.slack).filter((s) => s.includes('<') || s.includes('>')),
        where,
      ).toEqual([]);
      expect(
        strings.filter((s) => s.includes('](https://evil')),
        where,
      ).toEqual([]);
      expect(JSON.parse(JSON.stringify(out))).toEqual(out);
      expect(schemaErrors(out.teams.card), where).toBe('');
      expect(blockKitViolations(out.slack), where).toEqual([]);
    }
    expect(accepted).toBeGreaterThan(0);
  });
});

describe('hostile names in the step-4 card', () => {
  const data = sampleData('step4');
  data.person.firstName = HOSTILE;
  data.org.adminName = 'Eve <!here> ${1+1}';

  it('show in Teams as the literal text, with template markers broken by an invisible space', () => {
    const text = JSON.stringify(renderCard('step4', data, 'en', 'teams').card);
    expect(text).toContain('$\u200B{1+1}');
    expect(text).toContain('$\u200B{$root.secret}');
    // Backslashes come Markdown-escaped (two in the card, one on screen): see markdown-escape.ts.
    expect(text).toContain('quote \\" apostrophe \' backslash \\\\\\\\ end\\\\\\\\');
    expect(text).toContain('line1\\nline2\\nline3');
    // Escaped so Teams shows it instead of dropping it as a tag: "\<!channel\>" (two backslashes in JSON).
    expect(text).toContain('\\\\<!channel\\\\>');
  });

  it('show in Slack escaped, so no mention or link forms', () => {
    const texts = slackTexts(renderCard('step4', data, 'en', 'slack')).join('\n');
    expect(texts).toContain('&lt;!channel&gt;');
    expect(texts).toContain('&lt;@U123&gt;');
    expect(texts).toContain('&lt;https://evil.example|click&gt;');
    expect(texts).toContain('Eve &lt;!here&gt;');
    expect(texts).toContain('&amp;amp; &amp;lt;');
  });

  it('cannot fill placeholders of the locale strings', () => {
    const intro = (renderCard('step4', data, 'en', 'teams').card.body as { text: string }[])[1]!.text;
    expect(intro).toContain('{firstName} {count}');
    expect(intro).not.toContain('{adminName}');
  });
});

describe('sanitiseString', () => {
  it('breaks ${ and markdown links, keeps the text readable', () => {
    expect(sanitiseString('a ${b} c')).toBe('a $\u200B{b} c');
    expect(sanitiseString('[x](https://e)')).toBe('[x]\u200B(https://e)');
    expect(sanitiseString('plain')).toBe('plain');
  });

  it('keeps two values side by side from forming a binding', () => {
    expect(sanitiseString('cost $') + sanitiseString('{1+1}')).not.toContain('${');
  });

  it('is idempotent and caps long strings', () => {
    const once = sanitiseString('x ${y}');
    expect(sanitiseString(once)).toBe(once);
    const long = sanitiseString('é'.repeat(5000));
    expect(long.length).toBe(1000);
    expect(long.endsWith('…')).toBe(true);
  });

  it('drops control characters but keeps tabs and line breaks', () => {
    expect(sanitiseString('a\u0000b\tc\r\nd\u007f')).toBe('ab\tc\nd');
  });
});

describe('assertNoBindings', () => {
  const card = {
    type: 'AdaptiveCard',
    body: [
      { type: 'TextBlock', text: 'fine $ { }' },
      { type: 'Container', items: [{ text: 'ok' }] },
    ],
  };
  it('lets a card without binding markers through', () => {
    expect(() => assertNoBindings(card, 'x')).not.toThrow();
  });
  it('names the first string still holding a binding, by its path', () => {
    const bad = structuredClone(card);
    bad.body[1]!.items![0]!.text = 'left ${over}';
    expect(() => assertNoBindings(bad, 'x')).toThrow(
      new CardError('TEMPLATE', 'card "x" has an unresolved binding at /body/1/items/0/text'),
    );
    expect(() => assertNoBindings('${a}', 'y')).toThrow('card "y" has an unresolved binding at /');
  });
  it('refuses a binding in a key', () => {
    expect(() => assertNoBindings({ a: { '${k}': 1 } }, 'x')).toThrow('card "x" has a binding in a key at /a');
  });
});

describe('unknown fields', () => {
  it('render empty rather than as "${field}"', () => {
    const data = sampleData('message');
    const out = renderCard('message', { ...data, text: undefined }, 'en', 'teams');
    expect(allStrings(out).filter((s) => s.includes('${'))).toEqual([]);
  });
});
