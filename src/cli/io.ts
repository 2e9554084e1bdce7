// What a CLI command may touch: output streams, stdin, the environment and the clock, passed in so tests can capture them.
import { readFile } from 'node:fs/promises';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Reads a file, or standard input for "-". */
  readInput(path: string): Promise<Buffer>;
  env: Record<string, string | undefined>;
  now(): number;
}

export function defaultIo(): CliIo {
  return {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
    readInput: async (path) => {
      if (path !== '-') return readFile(path);
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    },
    env: process.env,
    now: () => Date.now(),
  };
}
