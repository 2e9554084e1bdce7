// The delimiter is read from the header line: Excel writes ';' where the decimal separator is ',' (French, Dutch,
// German locales), HR tools write ',', Excel's "Unicode text" writes tabs.

export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export interface DelimiterGuess {
  delimiter: Delimiter;
  /** Length in characters of a first line that is not the header (Excel's `sep=;`, PowerShell's `#TYPE ...`). */
  preambleLength: number;
}

const SEP_LINE = /^sep=(.)[ \t]*(\r\n|\n|\r|$)/i;
const TYPE_LINE = /^#TYPE [^\r\n]*(\r\n|\n|\r|$)/;

/**
 * Picks the delimiter that occurs most often, outside quotes, on the first non-blank line (ties: tab, then ';',
 * then ','). An Excel `sep=X` line wins when X is one of the supported delimiters; a PowerShell `#TYPE` line
 * (Export-Csv without -NoTypeInformation) is skipped. Defaults to ','.
 */
export function detectDelimiter(text: string): DelimiterGuess {
  const sep = SEP_LINE.exec(text);
  if (sep && (DELIMITERS as readonly string[]).includes(sep[1] ?? ''))
    return { delimiter: sep[1] as Delimiter, preambleLength: sep[0].length };
  const preambleLength = TYPE_LINE.exec(text)?.[0].length ?? 0;
  return { delimiter: headerDelimiter(text.slice(preambleLength)), preambleLength };
}

function headerDelimiter(text: string): Delimiter {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) {
      if (started) break;
    } else if (!inQuotes && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
    if (c !== '\n' && c !== '\r') started = true;
  }
  let best: Delimiter = ',';
  let bestCount = 0;
  for (const d of ['\t', ';', ','] as const) {
    const n = counts.get(d) ?? 0;
    if (n > bestCount) [best, bestCount] = [d, n];
  }
  return best;
}
