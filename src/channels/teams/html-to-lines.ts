// What a person typed in Teams, as lines of plain text. Teams sends a message with several lines (typed with
// Shift+Enter or pasted) as HTML: `<p>` or `<div>` per line, `<br>` inside one, entities (`&amp;`, `&nbsp;`), and
// `<at>` around mentions; the plain `text` of the activity may carry the same markup. Pure: no SDK, no I/O.

const MARKUP =
  /<\/?(p|div|br|span|at|b|i|u|s|strong|em|code|pre|ol|ul|li|blockquote|a|font|img)\b[^>]*>|&(#\d+|#x[0-9a-f]+|[a-z]+);/i;

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  euro: '€',
  shy: '',
  zwsp: '',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
      return code === 0xa0 ? ' ' : String.fromCodePoint(code);
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

const TAG = /<\/?(p|div|br|span|at|b|i|u|s|strong|em|code|pre|ol|ul|li|blockquote|a|font|img)\b[^>]*>/i;

/** True when the text carries Teams' HTML (tags or entities) rather than plain lines. */
export const looksLikeHtml = (text: string): boolean => MARKUP.test(text);

/**
 * The lines a person sees in a Teams message: block ends and `<br>` become line breaks, mentions (`<at>…</at>`) and
 * other tags are dropped, entities decoded, no-break spaces made plain, each line trimmed, blank lines dropped. Plain
 * text without markup keeps its lines; only line endings, outer blank lines and spaces around lines are tidied.
 */
export function htmlToLines(input: string): string {
  let text = input.replace(/\r\n?/g, '\n');
  const tags = TAG.test(text);
  if (tags)
    text = text
      // In HTML the markup says where lines end; a newline in the source is only a space.
      .replace(/\n/g, ' ')
      .replace(/<at\b[^>]*>[\s\S]*?<\/at>/gi, '')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/?(p|div|li|blockquote|pre|ol|ul)\b[^>]*>/gi, '\n')
      .replace(/<[^>]*>/g, '');
  if (tags || MARKUP.test(text)) text = decodeEntities(text);
  const lines = text
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.trim());
  return (tags ? lines.filter((line) => line !== '') : lines).join('\n').trim();
}
