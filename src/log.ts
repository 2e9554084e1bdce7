// One structured logger for the process; edges take a child per request or job.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
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

const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/**
 * A person as log lines name them: an opaque reference derived from the (normalised) e-mail, the person's id. The
 * same person always gets the same reference, so one person's lines can be found together without their address.
 */
export function personRef(emailOrId: string): string {
  return `person:${createHash('sha256').update(emailOrId.trim().toLowerCase()).digest('hex').slice(0, 12)}`;
}

/**
 * The line as written, with every e-mail address (in any field, a child's bindings, the message) replaced by its
 * person reference: personal data only as ids in logs (docs/OPERATIONS.md, "Privacy in logs").
 */
function withoutEmails(destination: DestinationStream): DestinationStream {
  return {
    write(line: string) {
      destination.write(line.includes('@') ? line.replace(EMAIL, (m) => personRef(m)) : line);
    },
  };
}

export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'numbot' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      mixin: () => ({ ...logScope.getStore() }),
    },
    withoutEmails(destination ?? pino.destination(1)),
  );
}
