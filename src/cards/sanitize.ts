// Makes data from people (names, free text, product names) inert before it meets a template or a chat client.
//
// adaptivecards-templating never parses data values as expressions, but a value that *contains* `${` would still
// end up in the card as if it were an unexpanded binding, and two values placed side by side ("$" + "{x}") could
// form one. Markdown links would render as clickable links in Teams. So every data string is neutralised here,
// and the rendered card is checked afterwards (assertNoBindings).
import { CardError } from './card-error.ts';

/** Stands for "no value" during expansion; removed afterwards (see expand.ts). Stripped from data so it cannot be forged. */
export const UNDEFINED_MARK = '\uE000';

/** Longest string a card shows from its data; the full text stays in the store. */
export const MAX_DATA_STRING = 1000;

const ZWSP = '\u200B';

/** Removes control characters except tab and line feed, and the undefined-value mark. */
function dropControls(value: string): string {
  let clean = true;
  for (let i = 0; i < value.length && clean; i++) {
    const c = value.charCodeAt(i);
    clean = !((c < 0x20 && c !== 0x09 && c !== 0x0a) || c === 0x7f || c === 0xe000);
  }
  if (clean) return value;
  let out = '';
  for (const ch of value) {
    const c = ch.charCodeAt(0);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a) || c === 0x7f || ch === UNDEFINED_MARK) continue;
    out += ch;
  }
  return out;
}

/** Neutralises one string: control characters, template markers, markdown links, excessive length. */
export function sanitiseString(value: string, maxLength = MAX_DATA_STRING): string {
  let s = dropControls(value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value);
  if (s.length > maxLength) s = `${s.slice(0, maxLength - 1).replace(/[\uD800-\uDBFF]$/, '')}…`;
  if (!s.includes('$') && !s.includes('{') && !s.includes('](')) return s;
  return s
    .replace(/\$(?=\{)/g, `$${ZWSP}`)
    .replace(/^\{/, `${ZWSP}{`)
    .replace(/\$$/, `$${ZWSP}`)
    .replace(/\](?=\()/g, `]${ZWSP}`);
}

/** Applies sanitiseString to every string in a JSON-like value (objects, arrays, strings; other values unchanged). */
export function sanitiseDeep<T>(value: T, maxLength = MAX_DATA_STRING): T {
  if (typeof value === 'string') return sanitiseString(value, maxLength) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => sanitiseDeep(v, maxLength)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = sanitiseDeep(v, maxLength);
    return out as T;
  }
  return value;
}

/** True when a string or key anywhere in the value contains a binding marker (no paths built: the common case). */
function hasBindings(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('${');
  if (Array.isArray(value)) return value.some(hasBindings);
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k.includes('${') || hasBindings(v)) return true;
  }
  return false;
}

/** Throws when any string or key in the rendered output still contains a template binding marker. */
export function assertNoBindings(value: unknown, card: string, path = ''): void {
  if (hasBindings(value)) throwAtFirstBinding(value, card, path);
}

function throwAtFirstBinding(value: unknown, card: string, path: string): void {
  if (typeof value === 'string') {
    if (value.includes('${'))
      throw new CardError('TEMPLATE', `card "${card}" has an unresolved binding at ${path || '/'}`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => throwAtFirstBinding(v, card, `${path}/${i}`));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('${')) throw new CardError('TEMPLATE', `card "${card}" has a binding in a key at ${path}`);
      throwAtFirstBinding(v, card, `${path}/${k}`);
    }
  }
}
