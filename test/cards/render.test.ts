// Every card renders in every locale on both platforms, and what comes out is valid for the platform.
import { describe, expect, it } from 'vitest';
import { CARD_NAMES, MAX_ADAPTIVE_BYTES, SUPPORTED_LOCALES, renderCard, sampleData } from '../../src/cards/index.ts';
import { allStrings, blockKitViolations, schemaErrors } from './helpers.ts';

type Node = Record<string, unknown>;

function executeActions(value: unknown, out: Node[] = []): Node[] {
  if (Array.isArray(value)) for (const v of value) executeActions(v, out);
  else if (value !== null && typeof value === 'object') {
    const node = value as Node;
    if (node.type === 'Action.Execute') out.push(node);
    for (const v of Object.values(node)) executeActions(v, out);
  }
  return out;
}

describe.each(CARD_NAMES)('card %s', (name) => {
  describe.each(SUPPORTED_LOCALES)('in %s', (locale) => {
    it('renders for Teams as a valid Adaptive Card 1.5 under 80 KB', () => {
      const out = renderCard(name, sampleData(name), locale, 'teams');
      expect(out.type).toBe('adaptive');
      expect(out.card.version).toBe('1.5');
      expect(out.card.lang).toBe(locale);
      expect(schemaErrors(out.card)).toBe('');
      expect(Buffer.byteLength(JSON.stringify(out.card))).toBeLessThan(MAX_ADAPTIVE_BYTES);
    });

    it('renders for Slack within the Block Kit limits, with a fallback text', () => {
      const out = renderCard(name, sampleData(name), locale, 'slack');
      expect(out.type).toBe('blocks');
      expect(blockKitViolations(out)).toEqual([]);
      expect(out.text.length).toBeGreaterThan(0);
    });

    it('leaves no binding, no unfilled placeholder and no empty text behind', () => {
      for (const platform of ['teams', 'slack'] as const) {
        const strings = allStrings(renderCard(name, sampleData(name), locale, platform));
        expect(strings.filter((s) => s.includes('${'))).toEqual([]);
        expect(strings.filter((s) => /\{[a-zA-Z]+\}/.test(s))).toEqual([]);
        expect(strings.filter((s) => s.includes('\uE000'))).toEqual([]);
      }
      const body = renderCard(name, sampleData(name), locale, 'teams').card.body as Node[];
      const texts = JSON.stringify(body).match(/"text":"(.*?)"/g) ?? [];
      expect(texts.filter((t) => t === '"text":""')).toEqual([]);
    });

    it('gives every Action.Execute an Action.Submit fallback with the same data', () => {
      const card = renderCard(name, sampleData(name), locale, 'teams').card;
      for (const action of executeActions(card)) {
        const data = action.data as Node;
        expect(data.action).toBe(action.verb);
        expect(action.fallback).toEqual(expect.objectContaining({ type: 'Action.Submit', title: action.title, data }));
      }
    });
  });
});

describe('renderCard', () => {
  it('rejects an unknown card, locale or invalid data with a coded error', () => {
    expect(() => renderCard('nope', {}, 'en', 'teams')).toThrow(expect.objectContaining({ code: 'UNKNOWN_CARD' }));
    expect(() => renderCard('step4', sampleData('step4'), 'es' as never, 'teams')).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_LOCALE' }),
    );
    const bad = { ...sampleData('step4'), products: [] };
    expect(() => renderCard('step4', bad, 'en', 'slack')).toThrow(/products/);
    expect(() => renderCard('step4', { ...sampleData('step4'), timeZone: 'Mars/Olympus' }, 'en', 'teams')).toThrow(
      expect.objectContaining({ code: 'INVALID_DATA', message: expect.stringMatching(/timeZone/) }),
    );
  });

  it('renders the same data the same way every time', () => {
    const a = renderCard('admin-status', sampleData('admin-status'), 'nl', 'slack');
    const b = renderCard('admin-status', sampleData('admin-status'), 'nl', 'slack');
    expect(a).toEqual(b);
  });
});
