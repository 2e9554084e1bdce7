// Tolerant CSV reading for roster files: one bad row (a stray or unclosed quote) must cost that row, not the file.
// Quotes are parsed strictly (no relax_quotes) so a broken field is reported rather than kept with its quotes in it;
// after an error, reading starts again on the line after the one where the broken row began.
import { parse, type CsvError } from 'csv-parse/sync';
import { decodeText, type TextEncoding } from './decode-text.ts';
import { detectDelimiter, type Delimiter } from './detect-delimiter.ts';
import { lineIndex } from './line-index.ts';

export interface CsvRecord {
  /** 1-based line where the record starts in the file. */
  line: number;
  /** 1-based line where it ends (greater than `line` when a quoted field holds line breaks). */
  endLine: number;
  fields: string[];
}

export interface CsvProblem {
  line: number;
  reason: string;
}

export interface CsvParseResult {
  delimiter: Delimiter;
  encoding: TextEncoding;
  /** Every non-blank record in file order; the first is the header. */
  records: CsvRecord[];
  /** Rows that could not be read as CSV; each was skipped and reading resumed on the next line. */
  problems: CsvProblem[];
}

export interface CsvParseOptions {
  /** Overrides delimiter detection. */
  delimiter?: Delimiter;
  /**
   * Says whether a record spanning several lines is genuine. When it returns false the record is taken for a quote
   * left open: its first line is reported and reading resumes on the next line. Default: every such record is kept.
   */
  acceptMultiline?: (record: CsvRecord, header: string[] | undefined) => boolean;
  /** Longest record in characters; a quote left open fails after this many instead of swallowing the file. */
  maxRecordSize?: number;
}

const DEFAULT_MAX_RECORD = 64 * 1024;

class RecordRefused extends Error {}

/**
 * Parses CSV bytes or text: detects the delimiter from the header line, strips a BOM, accepts CRLF/LF/CR, quoted
 * fields with delimiters, doubled quotes and line breaks, and rows of any width (the caller checks widths).
 * Rows with broken quoting become problems with their line number; the rest of the file is still read.
 * Blank rows (no characters, or only empty fields) are dropped.
 */
export function parseCsv(input: Uint8Array | string, options: CsvParseOptions = {}): CsvParseResult {
  const decoded =
    typeof input === 'string' ? { text: input.replace(/^\uFEFF/, ''), encoding: 'utf-8' as const } : decodeText(input);
  const guess = detectDelimiter(decoded.text);
  const delimiter = options.delimiter ?? guess.delimiter;
  const buf = Buffer.from(decoded.text, 'utf8');
  const lines = lineIndex(buf);
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let base = Buffer.byteLength(decoded.text.slice(0, guess.preambleLength));
  while (lines.skipBreaks(base) < buf.length) {
    let lastEnd = base;
    let refused: CsvRecord | undefined;
    try {
      parse(buf.subarray(base), {
        delimiter,
        relax_column_count: true,
        skip_empty_lines: true,
        max_record_size: options.maxRecordSize ?? DEFAULT_MAX_RECORD,
        on_record: (fields: string[], ctx) => {
          const start = lines.skipBreaks(lastEnd);
          lastEnd = base + ctx.bytes;
          if (fields.every((f) => f.trim() === '')) return null;
          const record = { line: lines.lineAt(start), endLine: lines.lineAt(Math.max(start, lastEnd - 1)), fields };
          if (record.endLine > record.line && options.acceptMultiline?.(record, records[0]?.fields) === false) {
            refused = record;
            throw new RecordRefused();
          }
          records.push(record);
          return null;
        },
      });
      break;
    } catch (err) {
      if (!refused && !(err instanceof Error && 'code' in err)) throw err;
      const line = refused ? refused.line : lines.lineAt(lines.skipBreaks(lastEnd));
      problems.push({ line, reason: refused ? openQuoteReason(refused.endLine) : describe(err as CsvError) });
      base = lines.startOf(line + 1);
    }
  }
  return { delimiter, encoding: decoded.encoding, records, problems };
}

const FIX = 'quote the whole field and write a quote inside it as ""';

function openQuoteReason(endLine: number): string {
  return `broken quotes: a quoted field opened on this line runs on to line ${endLine} (${FIX})`;
}

function describe(err: CsvError): string {
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
    case 'CSV_MAX_RECORD_SIZE':
      return 'broken quotes: a quoted field opened on this line is never closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return `broken quotes: a quoted field on this line is not closed properly (${FIX})`;
    case 'INVALID_OPENING_QUOTE':
      return `broken quotes: a quote inside a field that does not start with one (${FIX})`;
    default:
      return `cannot be read as CSV (${err.code})`;
  }
}
