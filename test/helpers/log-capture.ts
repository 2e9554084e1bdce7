// A pino sink for tests: every JSON line the logger writes, kept as text (to search for secrets) and parsed.
import { Writable } from 'node:stream';

export interface LogLine {
  level: number;
  msg: string;
  [k: string]: unknown;
}

export interface LogCapture {
  /** The stream to give createLogger. */
  sink: Writable;
  /** Each line as written. */
  lines: string[];
  /** Each line parsed. */
  parsed(): LogLine[];
}

export function captureLogs(): LogCapture {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { sink, lines, parsed: () => lines.map((l) => JSON.parse(l) as LogLine) };
}
