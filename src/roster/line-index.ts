// csv-parse counts a CRLF inside a quoted field as two lines, so line numbers are computed here from byte offsets,
// which csv-parse does report exactly. A line ends at CRLF, LF or a lone CR, as text editors count them.

export interface LineIndex {
  /** 1-based line number of the byte at `offset`. */
  lineAt(offset: number): number;
  /** Byte offset where 1-based `line` starts, or the buffer length past the last line. */
  startOf(line: number): number;
  /** The first offset at or after `offset` that is not a line break, i.e. where the next non-empty line begins. */
  skipBreaks(offset: number): number;
}

export function lineIndex(buf: Uint8Array): LineIndex {
  const starts: number[] = [0];
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (c === 0x0a) starts.push(i + 1);
    else if (c === 0x0d && buf[i + 1] !== 0x0a) starts.push(i + 1);
  }
  return {
    lineAt(offset) {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((starts[mid] as number) <= offset) lo = mid;
        else hi = mid - 1;
      }
      return lo + 1;
    },
    startOf(line) {
      return line >= 1 && line <= starts.length ? (starts[line - 1] as number) : buf.length;
    },
    skipBreaks(offset) {
      let i = offset;
      while (i < buf.length && (buf[i] === 0x0a || buf[i] === 0x0d)) i++;
      return i;
    },
  };
}
