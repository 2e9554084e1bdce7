import type { CliIo } from '../../src/cli/io.ts';

/** A CLI io that captures output and reads inputs from memory (or files when not given). */
export function captureIo(
  env: Record<string, string | undefined> = {},
  inputs: Record<string, string> = {},
): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (l) => stdout.push(l),
    err: (l) => stderr.push(l),
    readInput: async (path) => {
      if (path in inputs) return Buffer.from(inputs[path]!);
      const { readFile } = await import('node:fs/promises');
      return readFile(path);
    },
    env,
    now: () => Date.UTC(2026, 10, 2, 9),
  };
}
