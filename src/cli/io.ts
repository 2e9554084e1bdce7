// What a CLI command may touch: output streams, stdin, the environment and the clock, passed in so tests can capture them.
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Reads a file, or standard input for "-". */
  readInput(path: string): Promise<Buffer>;
  env: Record<string, string | undefined>;
  now(): number;
}
