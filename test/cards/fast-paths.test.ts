// The render's shortcuts (fast field lookups in the templating library, locale strings prepared once per locale and
// template) must not change a single byte: every card, locale and platform, with its sample data and many variants
// of it, is rendered by renderCard and by the plain pipeline straight from the libraries, and the outputs compared.
import { GlobalSettings, Template } from 'adaptivecards-templating/lib/template-engine.js';
import { describe, expect, it } from 'vitest';
import { adaptiveToBlocks } from '../../src/cards/adaptive-to-blocks.ts';
import { CardError } from '../../src/cards/card-error.ts';
// Importing expand.ts sets the library's undefined-value substitution as numbot runs it.
import '../../src/cards/expand.ts';
import { expandingWithFastLookups, withFastLookups } from '../../src/cards/fast-paths.ts';
import { allStrings, SUPPORTED_LOCALES } from '../../src/cards/i18n.ts';
import type { CardModel } from '../../src/cards/models/common.ts';
import { CARD_NAMES, CARDS, type CardName } from '../../src/cards/registry.ts';
import { PLATFORMS, renderCard, type Platform } from '../../src/cards/render.ts';
import { sampleData } from '../../src/cards/samples.ts';
import { assertNoBindings, sanitiseDeep, UNDEFINED_MARK } from '../../src/cards/sanitize.ts';
import { readTemplateJson, templateStringKeys } from '../../src/cards/templates.ts';
import { withSubmitFallbacks } from '../../src/cards/with-submit-fallback.ts';
import { plainPlaces } from '../../src/cards/plain-places.ts';
import type { Locale } from '../../src/domain/types.ts';

/** expand.ts's mark removal, as it was. */
function stripMarks(value: unknown): unknown {
  if (typeof value === 'string') return value.split(UNDEFINED_MARK).join('');
  if (Array.isArray(value)) return value.map(stripMarks);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripMarks(v)]));
  return value;
}

/** The render without any shortcut: a fresh library Template, every locale string filled and sanitised per render. */
function plainRender(name: CardName, data: unknown, locale: Locale, platform: Platform): unknown {
  const model = CARDS[name] as unknown as CardModel;
  const parsed = model.schema.safeParse(sanitiseDeep(data));
  if (!parsed.success) throw new CardError('INVALID_DATA', 'invalid');
  const built = model.build(parsed.data, locale);
  const root = sanitiseDeep(
    { ...built.fields, lang: locale, t: allStrings(locale, built.vars, templateStringKeys(name)) },
    Infinity,
  );
  const card = plainPlaces(
    withSubmitFallbacks(
      stripMarks(new Template(readTemplateJson(name)).expand({ $root: root })) as Record<string, unknown>,
    ),
  );
  assertNoBindings(card, name);
  if (platform === 'teams') return { type: 'adaptive', card };
  const message = adaptiveToBlocks(card, locale);
  assertNoBindings(message, name);
  return message;
}

/** JSON of the output, or the error code; INVALID_DATA messages differ in wording only between the two ways. */
function outcome(render: () => unknown): string {
  try {
    return JSON.stringify(render());
  } catch (err) {
    if (!(err instanceof CardError)) throw err;
    return err.code === 'INVALID_DATA' ? 'error INVALID_DATA' : `error ${err.code}: ${err.message}`;
  }
}

const TRICKY_STRINGS = [
  '',
  'UPPER lower',
  '${t.btn_signed_in}',
  '$',
  '{firstName}',
  'a](b) ${x} \u0001\r\n\uE000 end',
  'Zoë Ødegård 日本 🎉',
];
const TRICKY_NUMBERS = [0, 1, 7, -1, 1.5];

/** The sample, then copies of it with one value changed, an array shortened or lengthened, or a key removed. */
function variants(value: unknown): unknown[] {
  const out: unknown[] = [];
  const at = (root: unknown, path: (string | number)[], replace: (old: unknown) => unknown | typeof REMOVE) => {
    const copy = structuredClone(root) as Record<string | number, unknown>;
    let node = copy;
    for (const p of path.slice(0, -1)) node = node[p] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    const next = replace(node[last]);
    if (next === REMOVE) {
      if (Array.isArray(node)) node.splice(last as number, 1);
      else delete node[last];
    } else node[last] = next;
    return copy;
  };
  const walk = (node: unknown, path: (string | number)[]) => {
    if (path.length) out.push(at(value, path, () => REMOVE));
    if (typeof node === 'string') for (const s of TRICKY_STRINGS) out.push(at(value, path, () => s));
    else if (typeof node === 'number') for (const n of TRICKY_NUMBERS) out.push(at(value, path, () => n));
    else if (typeof node === 'boolean') out.push(at(value, path, (b) => !b));
    else if (Array.isArray(node)) {
      out.push(
        at(value, path, () => []),
        at(value, path, (a) => (a as unknown[]).slice(0, 1)),
        at(value, path, (a) => [...(a as unknown[]), ...(a as unknown[])]),
      );
      // The first two elements stand for the rest (they differ in shape where the samples vary).
      node.slice(0, 2).forEach((v, i) => walk(v, [...path, i]));
    } else if (node !== null && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
  };
  walk(value, []);
  return [value, ...out];
}
const REMOVE = Symbol('remove');

describe('render shortcuts change nothing', () => {
  describe.each(CARD_NAMES)('card %s', (name) => {
    it('renders the sample byte for byte as the plain pipeline, every locale and platform', () => {
      for (const locale of SUPPORTED_LOCALES)
        for (const platform of PLATFORMS) {
          const fast = outcome(() => renderCard(name, sampleData(name), locale, platform));
          expect(fast.startsWith('error')).toBe(false);
          expect(fast).toBe(outcome(() => plainRender(name, sampleData(name), locale, platform)));
        }
    });

    it('renders every variant of the sample as the plain pipeline does', () => {
      const all = variants(sampleData(name));
      let rendered = 0;
      all.forEach((data, i) => {
        const locale = SUPPORTED_LOCALES[i % SUPPORTED_LOCALES.length]!;
        for (const platform of PLATFORMS) {
          const fast = outcome(() => renderCard(name, data as never, locale, platform));
          expect(fast, `variant ${i} in ${locale} for ${platform}: ${JSON.stringify(data)}`).toBe(
            outcome(() => plainRender(name, data, locale, platform)),
          );
          if (!fast.startsWith('error')) rendered++;
        }
      });
      // The variants reach past validation (not only refused data).
      expect(rendered).toBeGreaterThan(all.length / 2);
    }, 120_000);
  });
});

describe('fast field lookups', () => {
  // Each template against each data set, expanded by the library alone and with the fast lookups.
  const templates: unknown[] = [
    { a: '${name}', b: '${NAME}', c: '${Name}', d: 'Hi ${name}, ${missing}!' },
    { a: '${person.first}', b: '${person.missing.deeper}', c: '${person}', d: '${list}', e: '[${count}] ${flag}' },
    { a: '${$root.name}', b: '${$data.name}', c: '${$index}', d: '${$host.x}', e: '${$_acTemplateVersion.major}' },
    { rows: [{ $data: '${list}', i: '${$index}', v: '${$data}', up: '${$root.name}', k: '${k}' }] },
    { rows: [{ $data: '${people}', t: '${first} ${LAST}', $when: '${show}' }] },
    { a: { $when: '${flag}', x: 1 }, b: { $when: '${missing}', x: 2 }, c: { $when: '${name}', x: 3 } },
    {
      a: "${person['first']}",
      b: '${list[0]}',
      c: '${count + 1}',
      d: '${!flag}',
      e: "${name != ''}",
      f: '${count(list)}',
    },
    { a: '${constructor}', b: '${toString}', c: '${__proto__}', d: '${length}', e: '${name.length}' },
    { a: '${zero.x}', b: '${empty.x}', c: '${nothing.x}', d: '${str.x}', e: '${map.k}', f: '${map.K}' },
  ];
  const data: Record<string, unknown>[] = [
    {
      name: 'Ann',
      Name: 'shadowed',
      person: { first: 'Ann', last: 'Lee' },
      list: ['a', 'b', 'c'],
      count: 3,
      flag: true,
      show: true,
      people: [
        { first: 'A', last: 'B', show: true },
        { First: 'C', last: 'D', show: false },
      ],
      zero: 0,
      empty: '',
      nothing: null,
      str: 'text',
      map: new Map([['K', 'big']]),
    },
    { NAME: 'upper first', name: 'lower second', list: [], people: [], count: 0, flag: false, show: 'yes' },
    { list: ['only'], people: [{ first: 'solo', LAST: 'x' }], person: null, count: -1, flag: 'true' },
    {},
  ];

  const expandBoth = (template: unknown, root: Record<string, unknown>) => {
    const context = { $root: root, $host: { x: 'host' } };
    const plain = outcomeOf(() => new Template(structuredClone(template)).expand(context));
    const fast = outcomeOf(() =>
      expandingWithFastLookups(() => withFastLookups(new Template(structuredClone(template))).expand(context)),
    );
    return { plain, fast };
  };
  const outcomeOf = (run: () => unknown) => {
    try {
      return JSON.stringify(stripMarks(run()));
    } catch (err) {
      return `throws ${(err as Error).message}`;
    }
  };

  it('gives what the library gives, for every template and data set', () => {
    for (const [ti, template] of templates.entries())
      for (const [di, root] of data.entries()) {
        const { plain, fast } = expandBoth(template, root);
        expect(fast, `template ${ti} with data ${di}`).toBe(plain);
      }
  });

  it('gives what the library gives with its default substitution too (an undefined field shows its binding)', () => {
    const numbots = GlobalSettings.getUndefinedFieldValueSubstitutionString;
    GlobalSettings.getUndefinedFieldValueSubstitutionString = undefined;
    try {
      for (const [ti, template] of templates.entries())
        for (const [di, root] of data.entries()) {
          const { plain, fast } = expandBoth(template, root);
          expect(fast, `template ${ti} with data ${di}`).toBe(plain);
        }
    } finally {
      GlobalSettings.getUndefinedFieldValueSubstitutionString = numbots;
    }
  });

  it('is really used for plain paths (a lookup through a template skips the library)', () => {
    const template = withFastLookups(new Template({ a: '${person.first}' }));
    const expr = (template as unknown as { _preparedPayload: { a: { tryEvaluate: unknown } } })._preparedPayload.a;
    expect(Object.hasOwn(expr, 'tryEvaluate')).toBe(true);
    // Functions and indexes keep the library's own evaluation.
    const other = withFastLookups(new Template({ a: '${count(list)}', b: '${list[0]}' }));
    const prepared = (other as unknown as { _preparedPayload: Record<string, object> })._preparedPayload;
    expect(Object.hasOwn(prepared.a!, 'tryEvaluate')).toBe(false);
    expect(Object.hasOwn(prepared.b!, 'tryEvaluate')).toBe(false);
  });
});
