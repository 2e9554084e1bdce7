// One structured logger for the process; edges take a child per request or job.
import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/** Fields that must never reach a log line, wherever they appear. */
export const REDACT_PATHS = [
  'token',
  '*.token',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'body',
  '*.body',
  'text',
  '*.text',
  'card',
  '*.card',
];

/**
 * Ids of the work in progress (requestId, jobId): every line logged while it runs carries them, whichever module
 * logs, so one request's lines can be found together.
 */
export const logScope = new AsyncLocalStorage<Record<string, string>>();

export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'numbot' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      mixin: () => ({ ...logScope.getStore() }),
    },
    destination,
  );
}
