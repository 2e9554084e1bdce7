// What a person reads on a rendered card: every text an Adaptive Card or a Block Kit message shows, in reading order,
// one entry per element. Used by the "what you see" tests and the card gallery; it reads what the clients render
// (TextBlock, RichTextBlock, FactSet, inputs, buttons, Block Kit texts), not the data that went in.
import type { SlackBlock } from './block-kit.ts';
import { unescapeMarkdown } from './markdown-escape.ts';

type Node = Record<string, unknown>;

/** One visible piece of text and the kind of element that shows it. */
export interface VisibleText {
  kind: 'text' | 'fact-title' | 'fact-value' | 'button' | 'label' | 'placeholder' | 'header' | 'context';
  text: string;
  /** The Markdown the client was given (escapes included), when it differs from what it shows. */
  markdown?: string;
}

const str = (n: Node, k: string): string => (typeof n[k] === 'string' ? (n[k] as string) : '');
const list = (n: Node, k: string): Node[] =>
  Array.isArray(n[k]) ? (n[k] as unknown[]).filter((x): x is Node => x !== null && typeof x === 'object') : [];

/** Markdown as the client shows it: escapes undone (the given Markdown kept alongside). */
function shown(kind: VisibleText['kind'], markdown: string): VisibleText {
  const text = unescapeMarkdown(markdown);
  return text === markdown ? { kind, text } : { kind, text, markdown };
}

function adaptiveAction(action: Node, out: VisibleText[]): void {
  const title = str(action, 'title');
  if (title !== '') out.push({ kind: 'button', text: title });
  const shown = action.card;
  if (shown !== null && typeof shown === 'object')
    adaptiveElements(list(shown as Node, 'body'), out, list(shown as Node, 'actions'));
}

function adaptiveElement(el: Node, out: VisibleText[]): void {
  if (el.isVisible === false) return;
  switch (str(el, 'type')) {
    case 'TextBlock':
      out.push(shown('text', str(el, 'text')));
      return;
    case 'RichTextBlock':
      out.push({
        kind: 'text',
        text: list(el, 'inlines')
          .map((i) => str(i, 'text'))
          .join(''),
      });
      return;
    case 'FactSet':
      for (const fact of list(el, 'facts')) {
        out.push(shown('fact-title', str(fact, 'title')));
        out.push(shown('fact-value', str(fact, 'value')));
      }
      return;
    case 'Input.Text':
    case 'Input.ChoiceSet':
    case 'Input.Date':
      if (str(el, 'label') !== '') out.push({ kind: 'label', text: str(el, 'label') });
      if (str(el, 'placeholder') !== '') out.push({ kind: 'placeholder', text: str(el, 'placeholder') });
      return;
    case 'ActionSet':
      for (const a of list(el, 'actions')) adaptiveAction(a, out);
      return;
    case 'ColumnSet':
      for (const column of list(el, 'columns')) adaptiveElements(list(column, 'items'), out);
      return;
    case 'Container':
    case 'Column':
      adaptiveElements(list(el, 'items'), out);
      return;
    default:
      return;
  }
}

function adaptiveElements(body: Node[], out: VisibleText[], actions: Node[] = []): void {
  for (const el of body) adaptiveElement(el, out);
  for (const a of actions) adaptiveAction(a, out);
}

/** The texts an expanded Adaptive Card shows (body, then the card's own buttons and what they open). */
export function adaptiveVisibleText(card: Record<string, unknown>): VisibleText[] {
  const out: VisibleText[] = [];
  adaptiveElements(list(card, 'body'), out, list(card, 'actions'));
  // Zero-width spaces (inserted to break template markers and links) are not seen.
  return out.map((t) => ({ ...t, text: t.text.replace(/\u200B/g, '') }));
}

/** Slack shows `&lt;` as "<": the three escapes Slack text uses, undone. */
const unescapeSlack = (text: string): string =>
  text
    .replace(/\u200B/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The texts a Block Kit message shows. */
export function blocksVisibleText(blocks: readonly SlackBlock[]): VisibleText[] {
  const out: VisibleText[] = [];
  const push = out.push.bind(out);
  out.push = (...items: VisibleText[]) => push(...items.map((i) => ({ ...i, text: unescapeSlack(i.text) })));
  for (const b of blocks) {
    switch (b.type) {
      case 'header':
        out.push({ kind: 'header', text: b.text.text });
        break;
      case 'section':
        out.push({ kind: 'text', text: b.text.text });
        break;
      case 'context':
        for (const e of b.elements) out.push({ kind: 'context', text: e.text });
        break;
      case 'actions':
        for (const e of b.elements) out.push({ kind: 'button', text: e.text.text });
        break;
      case 'input':
        out.push({ kind: 'label', text: b.label.text });
        if (b.element.placeholder) out.push({ kind: 'placeholder', text: b.element.placeholder.text });
        break;
      default:
        break;
    }
  }
  return out;
}

/** The visible texts as one string, one element a line (facts as "title: value"). */
export function visibleString(texts: readonly VisibleText[]): string {
  const lines: string[] = [];
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i]!;
    if (t.kind === 'fact-title' && texts[i + 1]?.kind === 'fact-value') {
      lines.push(`${t.text}: ${texts[i + 1]!.text}`);
      i++;
    } else lines.push(t.text);
  }
  return lines.join('\n');
}
