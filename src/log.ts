// One structured logger for the process; edges take a child per request or job.
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

export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  return pino({ level, base: { app: 'numbot' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, destination);
}
