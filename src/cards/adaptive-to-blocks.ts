// The one converter from an expanded Adaptive Card to Slack Block Kit. It knows the elements numbot's templates use
// (TextBlock, RichTextBlock, FactSet, ColumnSet/Column, Container, Image, Input.Text, ActionSet, Action.Execute/
// Submit/OpenUrl/ShowCard); anything else is replaced by its `fallback` element or left out. Every text is escaped for
// mrkdwn here, and every Slack limit is enforced here, so a message is never rejected whatever the data.
import type { Locale } from '../domain/types.ts';
import { CardError } from './card-error.ts';
import { isInteractive, SLACK_LIMITS as L, type SlackBlock, type SlackButton } from './block-kit.ts';
import { tp } from './i18n.ts';
import { guardMrkdwn } from './markdown-escape.ts';
import { cap, escapeSlack, fitLines, stripBold, toMrkdwn, toPlain, wrapLines } from './mrkdwn.ts';

type Node = Record<string, unknown>;

const str = (n: Node, k: string): string => (typeof n[k] === 'string' ? (n[k] as string) : '');
const nodes = (n: Node, k: string): Node[] =>
  Array.isArray(n[k]) ? (n[k] as unknown[]).filter((x): x is Node => x !== null && typeof x === 'object') : [];
const isHttp = (url: string) => /^https?:\/\//i.test(url);

interface Paragraph {
  text: string;
  /** Joined to the previous paragraph with a single line break instead of a blank line. */
  tight: boolean;
}

class Converter {
  readonly blocks: SlackBlock[] = [];
  private paragraphs: Paragraph[] = [];
  private buttonCount = 0;

  constructor(private readonly locale: Locale) {}

  more = (hidden: number): string => `_${escapeSlack(tp(this.locale, 'list_more', hidden))}_`;

  flush(): void {
    let text = '';
    for (const p of this.paragraphs) {
      const joined = text === '' ? p.text : `${text}${p.tight ? '\n' : '\n\n'}${p.text}`;
      if (joined.length > L.sectionText && text !== '') {
        this.section(text);
        text = p.text;
      } else text = joined;
    }
    if (text.trim() !== '') this.section(text);
    this.paragraphs = [];
  }

  private section(text: string): void {
    this.blocks.push({ type: 'section', text: { type: 'mrkdwn', text: fitLines(text, L.sectionText, this.more) } });
  }

  /** A container's own spacing applies to its first paragraph. */
  private containerSpacing: string | undefined;

  paragraph(text: string, el: Node): void {
    if (text.trim() === '') return;
    const spacing = (this.containerSpacing ?? str(el, 'spacing')).toLowerCase();
    this.containerSpacing = undefined;
    this.paragraphs.push({ text, tight: spacing === 'none' || spacing === 'small' });
  }

  separator(el: Node): void {
    if (el.separator === true && (this.blocks.length > 0 || this.paragraphs.length > 0)) {
      this.flush();
      this.blocks.push({ type: 'divider' });
    }
  }

  element(el: Node): void {
    if (el.isVisible === false) return;
    switch (str(el, 'type')) {
      case 'TextBlock':
        return this.textBlock(el);
      case 'RichTextBlock':
        this.separator(el);
        return this.paragraph(richText(el), el);
      case 'FactSet':
        this.separator(el);
        return this.paragraph(factLines(el), el);
      case 'ColumnSet':
        this.separator(el);
        return this.paragraph(columnLine(el), el);
      case 'Container':
        this.separator(el);
        this.containerSpacing = str(el, 'spacing');
        for (const item of nodes(el, 'items')) this.element(item);
        this.containerSpacing = undefined;
        return;
      case 'Image':
        return this.image(el);
      case 'Input.Text':
        return this.input(el);
      case 'ActionSet':
        this.separator(el);
        return this.actions(nodes(el, 'actions'));
      default: {
        const fallback = el.fallback;
        if (fallback !== null && typeof fallback === 'object') this.element(fallback as Node);
      }
    }
  }

  private textBlock(el: Node): void {
    this.separator(el);
    const text = str(el, 'text');
    const size = str(el, 'size').toLowerCase();
    if (str(el, 'style') === 'heading' || size === 'large' || size === 'extralarge') {
      this.flush();
      const plain = toPlain(text, L.headerText);
      if (plain.trim() !== '')
        this.blocks.push({ type: 'header', text: { type: 'plain_text', text: plain, emoji: true } });
      return;
    }
    if (el.isSubtle === true && size === 'small') {
      this.flush();
      const mrkdwn = toMrkdwn(text);
      if (mrkdwn.trim() !== '')
        this.blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: cap(mrkdwn, L.contextText) }] });
      return;
    }
    if (str(el, 'fontType').toLowerCase() === 'monospace') {
      // Inside a code block Slack shows Markdown literally, but still parses <...>: escape only.
      if (text.trim() !== '') this.paragraph(`\`\`\`${escapeSlack(text)}\`\`\``, el);
      return;
    }
    this.paragraph(
      str(el, 'weight').toLowerCase() === 'bolder' ? wrapLines(toMrkdwn(stripBold(text)), '*') : toMrkdwn(text),
      el,
    );
  }

  private image(el: Node): void {
    const url = str(el, 'url');
    if (!isHttp(url)) return;
    this.flush();
    this.blocks.push({ type: 'image', image_url: url, alt_text: cap(str(el, 'altText') || 'image', 2000) });
  }

  private input(el: Node): void {
    this.flush();
    const id = cap(str(el, 'id') || 'input', L.actionId);
    const label = toPlain(str(el, 'label') || str(el, 'placeholder') || id, L.inputLabel);
    const placeholder = str(el, 'placeholder');
    const maxLength = typeof el.maxLength === 'number' && el.maxLength > 0 ? Math.min(el.maxLength, 3000) : undefined;
    this.blocks.push({
      type: 'input',
      // Same id as block and action, so the Slack edge reads state.values[id][id].value like Teams' activity.value[id].
      block_id: id,
      optional: el.isRequired !== true,
      label: { type: 'plain_text', text: label },
      element: {
        type: 'plain_text_input',
        action_id: id,
        multiline: el.isMultiline === true,
        ...(placeholder ? { placeholder: { type: 'plain_text', text: toPlain(placeholder, L.placeholder) } } : {}),
        ...(maxLength ? { max_length: maxLength } : {}),
      },
    });
  }

  /** Buttons for the actions; an Action.ShowCard becomes its content laid out inline after them. */
  actions(actions: Node[]): void {
    this.flush();
    const buttons: SlackButton[] = [];
    const shown: Node[] = [];
    for (const action of actions) {
      if (str(action, 'type') === 'Action.ShowCard') shown.push(action);
      else {
        const button = this.button(action);
        if (button) buttons.push(button);
      }
    }
    for (let i = 0; i < buttons.length; i += L.actionsElements)
      this.blocks.push({ type: 'actions', elements: buttons.slice(i, i + L.actionsElements) });
    for (const show of shown) {
      const card = (show.card ?? {}) as Node;
      this.paragraph(wrapLines(toMrkdwn(stripBold(str(show, 'title'))), '*'), {});
      for (const el of nodes(card, 'body')) this.element(el);
      this.actions(nodes(card, 'actions'));
    }
  }

  private button(action: Node): SlackButton | undefined {
    const type = str(action, 'type');
    const title = toPlain(str(action, 'title'), L.buttonText) || '…';
    const n = this.buttonCount++;
    const style: SlackButton['style'] =
      str(action, 'style') === 'positive' ? 'primary' : str(action, 'style') === 'destructive' ? 'danger' : undefined;
    const base = {
      type: 'button' as const,
      text: { type: 'plain_text' as const, text: title, emoji: true },
      ...(style ? { style } : {}),
    };
    if (type === 'Action.OpenUrl') {
      const url = str(action, 'url');
      return isHttp(url) ? { ...base, action_id: `url:${n}`, url: cap(url, 3000) } : undefined;
    }
    if (type !== 'Action.Execute' && type !== 'Action.Submit') return undefined;
    const verb = str(action, 'verb');
    const data = action.data;
    const payload: Node =
      data !== null && typeof data === 'object'
        ? { action: verb || undefined, ...(data as Node) }
        : { action: verb || undefined, value: data };
    const value = JSON.stringify(payload);
    if (value.length > L.buttonValue)
      throw new CardError(
        'TOO_LARGE',
        `button "${title}" carries ${value.length} characters of data (Slack allows ${L.buttonValue})`,
      );
    const name = String(payload.action || type).replace(/[^\w.:-]/g, '_');
    return { ...base, action_id: `${cap(name, L.actionId - 12)}:${n}`, value };
  }
}

function richText(el: Node): string {
  return nodes(el, 'inlines')
    .map((run) => {
      // A TextRun is plain text in Teams: shown as it is in Slack too.
      let text = guardMrkdwn(escapeSlack(str(run, 'text')));
      if (run.italic === true) text = wrapLines(text, '_');
      if (str(run, 'weight').toLowerCase() === 'bolder') text = wrapLines(text, '*');
      return text;
    })
    .join('');
}

function factLines(el: Node): string {
  return nodes(el, 'facts')
    .map((f) => `*${toMrkdwn(stripBold(str(f, 'title')))}*: ${toMrkdwn(str(f, 'value'))}`)
    .join('\n');
}

/** A row of columns as one line, the texts of each column separated by " · ". */
function columnLine(el: Node): string {
  return nodes(el, 'columns')
    .map((col) =>
      nodes(col, 'items')
        .filter((item) => str(item, 'type') === 'TextBlock' && item.isVisible !== false)
        .map((item) => {
          const text = str(item, 'text');
          return str(item, 'weight').toLowerCase() === 'bolder'
            ? wrapLines(toMrkdwn(stripBold(text)), '*')
            : toMrkdwn(text);
        })
        .filter((t) => t.trim() !== '')
        .join(' '),
    )
    .filter((t) => t !== '')
    .join(' · ');
}

/** Keeps a message within Slack's block count: interactive blocks stay, surplus content becomes "and N more". */
function limitBlocks(blocks: SlackBlock[], more: (hidden: number) => string): SlackBlock[] {
  if (blocks.length <= L.blocks) return blocks;
  const interactive = blocks.filter(isInteractive).length;
  const room = Math.max(0, L.blocks - 1 - interactive);
  const out: SlackBlock[] = [];
  let kept = 0;
  let dropped = 0;
  let noteAt = -1;
  for (const b of blocks) {
    if (isInteractive(b)) out.push(b);
    else if (kept < room) {
      out.push(b);
      kept++;
    } else {
      if (noteAt < 0) noteAt = out.length;
      dropped++;
    }
  }
  if (noteAt >= 0) out.splice(noteAt, 0, { type: 'context', elements: [{ type: 'mrkdwn', text: more(dropped) }] });
  return out.slice(0, L.blocks);
}

export interface SlackMessage {
  type: 'blocks';
  blocks: SlackBlock[];
  /** Plain fallback shown in notifications. */
  text: string;
}

/** Converts an expanded Adaptive Card into a Slack message; `locale` is for the "and N more" notes. */
export function adaptiveToBlocks(card: Record<string, unknown>, locale: Locale): SlackMessage {
  const c = new Converter(locale);
  for (const el of nodes(card, 'body')) c.element(el);
  c.actions(nodes(card, 'actions'));
  c.flush();
  const blocks = limitBlocks(c.blocks, c.more);
  const fallback = str(card, 'fallbackText');
  const header = blocks.find((b) => b.type === 'header');
  const text = fallback !== '' ? toPlain(fallback, L.fallbackText) : header?.type === 'header' ? header.text.text : '';
  return { type: 'blocks', blocks, text };
}
