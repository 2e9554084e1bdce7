// The Slack SDKs' logger interface on top of pino. SDK debug output can include request bodies, so it is dropped;
// other lines keep only their text (errors by message), never the objects the SDK passes along.
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../../log.ts';

const MAX_LINE = 500;

function line(parts: unknown[]): string {
  return parts
    .map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : typeof p))
    .join(' ')
    .slice(0, MAX_LINE);
}

export function sdkLogger(log: Logger): SlackLogger {
  let level = LogLevel.INFO;
  return {
    debug: () => undefined,
    info: (...msg: unknown[]) => log.info({ sdk: 'slack' }, line(msg)),
    warn: (...msg: unknown[]) => log.warn({ sdk: 'slack' }, line(msg)),
    error: (...msg: unknown[]) => log.error({ sdk: 'slack' }, line(msg)),
    setLevel: (l) => void (level = l),
    getLevel: () => level,
    setName: () => undefined,
  };
}
