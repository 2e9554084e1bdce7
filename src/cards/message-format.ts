// Every string people read is an ICU MessageFormat message (intl-messageformat): `{name}` placeholders, and
// `{count, plural, one {# day} other {# days}}` / `{status, select, invited {…} other {…}}` with each locale's own
// plural rules. Messages are compiled once per locale and text; values are inserted as they are, never parsed again.
import { IntlMessageFormat } from 'intl-messageformat';
import { TYPE, parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { Locale } from '../domain/types.ts';
import { CardError } from './card-error.ts';
import { escapeMarkdown } from './markdown-escape.ts';

export type Vars = Readonly<Record<string, string | number>>;

// The same regional forms as dates and numbers (format.ts): day-first English, French spacing.
const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR', nl: 'nl-NL', de: 'de-DE' };

interface Compiled {
  format: IntlMessageFormat;
  /** Names of every argument, so one left out stays visible as `{name}` instead of failing the whole message. */
  args: readonly string[];
  /** Arguments placed inside a `code span`: inserted as they are (Markdown is not parsed there). */
  inCode: ReadonlySet<string>;
  /** Arguments inserted as text (not plural or select selectors, which must keep their value). */
  shown: ReadonlySet<string>;
}

const compiled = new Map<string, Compiled>();
const MAX_CACHED = 5000;

function argumentNames(elements: readonly MessageFormatElement[], into: Set<string>): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    if ('value' in el && typeof el.value === 'string' && el.type !== TYPE.tag) into.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select)
      for (const option of Object.values(el.options)) argumentNames(option.value, into);
    if (el.type === TYPE.tag) argumentNames(el.children, into);
  }
  return into;
}

function shownArguments(elements: readonly MessageFormatElement[], into: Set<string>): void {
  for (const el of elements) {
    if (el.type === TYPE.argument) into.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select)
      for (const option of Object.values(el.options)) shownArguments(option.value, into);
  }
}

/** Arguments that sit inside a backtick code span, following the literal text in reading order. */
function codeArguments(elements: readonly MessageFormatElement[], open: boolean, into: Set<string>): boolean {
  let inside = open;
  for (const el of elements) {
    if (el.type === TYPE.literal) inside = (el.value.split('`').length - 1) % 2 === 1 ? !inside : inside;
    else if (el.type === TYPE.plural || el.type === TYPE.select) {
      for (const option of Object.values(el.options)) codeArguments(option.value, inside, into);
    } else if (inside && el.type === TYPE.argument) into.add(el.value);
  }
  return inside;
}

/** Parses a message; throws CardError('TEMPLATE') with the reason when it is not valid ICU MessageFormat. */
export function parseMessage(text: string): MessageFormatElement[] {
  try {
    return parse(text, { ignoreTag: true, requiresOtherClause: true });
  } catch (e) {
    throw new CardError('TEMPLATE', `invalid message "${text.slice(0, 80)}": ${(e as Error).message}`);
  }
}

function compile(locale: Locale, text: string): Compiled {
  const key = `${locale}\n${text}`;
  let c = compiled.get(key);
  if (!c) {
    const ast = parseMessage(text);
    const inCode = new Set<string>();
    codeArguments(ast, false, inCode);
    const shown = new Set<string>();
    shownArguments(ast, shown);
    c = {
      format: new IntlMessageFormat(ast, INTL_LOCALE[locale] ?? locale),
      args: [...argumentNames(ast, new Set())],
      inCode,
      shown,
    };
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(key, c);
  }
  return c;
}

/** True when formatting can change the text: it has an argument or an ICU quote. */
export const needsFormatting = (text: string): boolean => text.includes('{') || text.includes("'");

export interface FormatOptions {
  /**
   * The message is Markdown (a card text): string values outside code spans are escaped, so a name such as
   * `*Ann*` shows its stars instead of turning bold (see markdown-escape.ts).
   */
  markdown?: boolean;
}

/**
 * Formats one message in a locale. Values are inserted as text (a value containing `{x}` or `${x}` stays literal);
 * an argument without a value is shown as `{name}`, which the "what you see" tests catch.
 */
export function formatMessage(locale: Locale, text: string, vars: Vars = {}, options: FormatOptions = {}): string {
  if (!needsFormatting(text)) return text;
  const c = compile(locale, text);
  let values: Record<string, string | number> = vars as Record<string, string | number>;
  const own = () => (values === vars ? (values = { ...vars }) : values);
  for (const name of c.args) {
    const value = values[name];
    if (value === undefined) own()[name] = `{${name}}`;
    else if (options.markdown && typeof value === 'string' && c.shown.has(name) && !c.inCode.has(name)) {
      const escaped = escapeMarkdown(value);
      if (escaped !== value) own()[name] = escaped;
    }
  }
  const out = c.format.format(values);
  return typeof out === 'string' ? out : String(out);
}
