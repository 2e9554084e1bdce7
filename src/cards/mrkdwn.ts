// Text for Slack: escaping, the small Markdown subset Adaptive Cards use turned into mrkdwn, and length limits.
import { guardMrkdwn, unescapeMarkdown } from './markdown-escape.ts';

/** Escapes the three characters Slack parses (so `<!channel>`, `<@U123>` and `<url|label>` from data stay text). */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts to `max` characters, ending with "…", without splitting a surrogate pair. */
export function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '')}…`;
}

const KEPT = /\uE001(\d+)\uE002/g;

/**
 * Adaptive Card Markdown (`**bold**`, `- item`) as Slack mrkdwn, escaped; characters escaped in the card (text from
 * outside, see markdown-escape.ts) stay as they are, guarded so mrkdwn does not format them.
 */
export function toMrkdwn(markdown: string): string {
  const kept: string[] = [];
  const marked = markdown
    .replace(/[\uE001\uE002]/g, '')
    .replace(/\\([\\`*_~[\]<>#+.-])/g, (_w, ch: string) => `\uE001${kept.push(ch) - 1}\uE002`);
  const mrkdwn = escapeSlack(marked)
    .replace(/\*\*(.+?)\*\*/gs, '*$1*')
    .replace(/^- /gm, '• ');
  return kept.length === 0 ? mrkdwn : mrkdwn.replace(KEPT, (_w, i: string) => guardMrkdwn(escapeSlack(kept[+i] ?? '')));
}

/** Markdown bold markers removed, for text that is bold as a whole (Slack cannot nest emphasis). */
export const stripBold = (markdown: string): string => markdown.replace(/\*\*(.+?)\*\*/gs, '$1');

/** Plain text for headers, buttons and labels: Markdown emphasis dropped, escaped, capped. */
export function toPlain(markdown: string, max: number): string {
  return cap(escapeSlack(unescapeMarkdown(stripBold(markdown))), max);
}

/** Wraps every non-empty line, since Slack emphasis does not span line breaks. */
export function wrapLines(text: string, mark: '*' | '_'): string {
  return text
    .split('\n')
    .map((line) => (line.trim() === '' ? line : `${mark}${line}${mark}`))
    .join('\n');
}

/**
 * Fits text into `max` characters by whole lines, ending with a localised "and N more" that counts the lines left out;
 * a single overlong line is cut instead.
 */
export function fitLines(text: string, max: number, more: (hidden: number) => string): string {
  if (text.length <= max) return text;
  const lines = text.split('\n');
  const kept: string[] = [];
  let length = 0;
  for (const line of lines) {
    const note = more(lines.length - kept.length - 1);
    if (length + line.length + 1 + note.length > max) break;
    kept.push(line);
    length += line.length + 1;
  }
  if (kept.length === 0) return cap(text, max);
  return `${kept.join('\n')}\n${more(lines.length - kept.length)}`;
}
