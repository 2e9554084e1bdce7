// Runs `lmutil lmstat` (or the server's own command) without a shell, with a timeout and a cap on its output.
import { execFile } from 'node:child_process';

/** lmstat -a of a large site is tens of kilobytes; anything past this is not lmstat. */
export const MAX_LMSTAT_OUTPUT_BYTES = 4 * 1024 * 1024;

export type LmstatRun =
  | { ok: true; output: string }
  | { ok: false; reason: 'timeout' | 'not_found' | 'too_large' | 'failed'; detail: string };

export interface RunOptions {
  timeoutMs: number;
  maxBytes?: number;
}

/** The command that polls a server: its own `command` when configured, else `lmutil lmstat -a -c <address>`. */
export function lmstatCommand(server: { address: string; command?: string[] | undefined }): string[] {
  return server.command?.length ? [...server.command] : ['lmutil', 'lmstat', '-a', '-c', server.address];
}

/**
 * Runs the command and returns what it printed. lmstat exits non-zero when a server is down yet prints the reason,
 * so a non-zero exit with output is still an answer to parse; no output at all is a failure.
 */
export function runLmstat(command: readonly string[], options: RunOptions): Promise<LmstatRun> {
  const [file, ...args] = command;
  if (!file) return Promise.resolve({ ok: false, reason: 'failed', detail: 'empty command' });
  const maxBuffer = options.maxBytes ?? MAX_LMSTAT_OUTPUT_BYTES;
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      {
        timeout: options.timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer,
        windowsHide: true,
        encoding: 'utf8',
        shell: false,
      },
      (err, stdout, stderr) => {
        if (!err) return resolve({ ok: true, output: stdout });
        const e = err as NodeJS.ErrnoException & {
          killed?: boolean;
          signal?: string | null;
          code?: string | number | null;
        };
        if (e.code === 'ENOENT') return resolve({ ok: false, reason: 'not_found', detail: `${file} not found` });
        if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
          return resolve({ ok: false, reason: 'too_large', detail: `output over ${maxBuffer} bytes` });
        if (e.killed || e.signal === 'SIGKILL')
          return resolve({ ok: false, reason: 'timeout', detail: `no answer within ${options.timeoutMs} ms` });
        const output = `${stdout}${stderr ? `\n${stderr}` : ''}`;
        if (output.trim()) return resolve({ ok: true, output });
        resolve({ ok: false, reason: 'failed', detail: `exit ${String(e.code ?? e.signal)}` });
      },
    );
  });
}
