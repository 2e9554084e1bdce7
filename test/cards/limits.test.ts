// Huge data never produces a message the platform would reject: lists are cut with a localised "and N more".
import { describe, expect, it } from 'vitest';
import { MAX_ADAPTIVE_BYTES, SUPPORTED_LOCALES, renderCard, sampleData } from '../../src/cards/index.ts';
import type { CardName, Locale } from '../../src/cards/index.ts';
import { blockKitViolations, schemaErrors, slackTexts } from './helpers.ts';

const names = (n: number, prefix = 'Person') => Array.from({ length: n }, (_, i) => `${prefix} ${i} ${'x'.repeat(60)}`);
const long = 'Very long text. '.repeat(400);

const HUGE: { [N in CardName]?: () => unknown } = {
  step4: () => ({ ...sampleData('step4'), products: names(300, 'Product') }),
  reminder: () => ({ ...sampleData('reminder'), products: names(300, 'Product') }),
  'help-request': () => ({
    ...sampleData('help-request'),
    products: names(200, 'Product').map((name, i) => ({ name, assigned: i % 2 === 0 })),
    text: long,
  }),
  'admin-status': () => ({
    ...sampleData('admin-status'),
    products: names(400, 'Product').map((name) => ({ name, total: 100, assigned: 50, switched: 10 })),
    servers: names(80, 'lic').map((host) => ({ host, status: 'in_use', users: names(500) })),
    nextActions: names(60, 'cmd').map((command) => ({ kind: 'notify', count: 3, command })),
  }),
  'manager-summary': () => ({
    ...sampleData('manager-summary'),
    team: { done: names(5000), pending: names(5000), needsHelp: names(5000) },
  }),
  'provisioning-result': () => ({
    ...sampleData('provisioning-result'),
    files: names(300, 'file').map((name) => ({ name, rows: 5000, kind: 'assign', product: 'AutoCAD' })),
    errors: names(5000, 'err').map((message, row) => ({ row, email: `p${row}@x.example`, message })),
  }),
  message: () => ({ title: long, text: long, facts: names(500).map((title) => ({ title, value: long })) }),
};

const MORE: Record<Locale, RegExp> = {
  en: /and [\d,]+ more/,
  fr: /et [\d\s\u202f]+ autres?/,
  nl: /en nog [\d.]+/,
  de: /und noch [\d.]+/,
};

describe.each(Object.keys(HUGE) as CardName[])('huge data in card %s', (name) => {
  it.each(SUPPORTED_LOCALES)('fits both platforms and says what was left out (%s)', (locale) => {
    const data = HUGE[name]!();
    const teams = renderCard(name, data as never, locale, 'teams');
    expect(schemaErrors(teams.card)).toBe('');
    expect(Buffer.byteLength(JSON.stringify(teams.card))).toBeLessThanOrEqual(MAX_ADAPTIVE_BYTES);
    const slack = renderCard(name, data as never, locale, 'slack');
    expect(blockKitViolations(slack)).toEqual([]);
    if (name !== 'message') {
      expect(JSON.stringify(teams.card)).toMatch(MORE[locale]);
      expect(slackTexts(slack).join('\n')).toMatch(MORE[locale]);
    }
  });
});

describe('list cuts', () => {
  it('show at most 20 names per list in the manager summary, with the exact remainder', () => {
    const card = renderCard('manager-summary', HUGE['manager-summary']!() as never, 'en', 'teams').card;
    const text = JSON.stringify(card);
    expect(text).toContain('Person 19 ');
    expect(text).not.toContain('Person 20 ');
    expect(text.match(/and 4,980 more/g)).toHaveLength(3);
    expect(text).toContain('Needing help (5000)');
  });

  it('cut a long help text to 1,000 characters', () => {
    const card = renderCard('help-request', HUGE['help-request']!() as never, 'en', 'teams').card;
    const runs = JSON.stringify(card).match(/(Very long text\. )+[^"]*/)![0];
    expect(runs.length).toBeLessThanOrEqual(1000);
    expect(runs.endsWith('…')).toBe(true);
  });
});
