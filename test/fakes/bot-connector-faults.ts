// What the fake Bot Connector answers for an injected fault: the status codes and Teams error bodies of the real service.
import type { BotConnectorFault } from './bot-connector-types.ts';

export type FaultAnswer =
  | { kind: 'answer'; status: number; body: unknown; headers?: Record<string, string> }
  /** Never answer: the caller must time out. */
  | { kind: 'hang' }
  /** Drop the connection (ECONNRESET on the caller's side). */
  | { kind: 'reset' }
  /** Answer normally, late. */
  | { kind: 'delay'; ms: number };

type Answer = Extract<FaultAnswer, { kind: 'answer' }>;

const error = (status: number, code: string, message: string, extra: Record<string, string> = {}): Answer => ({
  kind: 'answer',
  status,
  body: { error: { code, message, ...extra } },
});

export function faultAnswer(fault: BotConnectorFault): FaultAnswer {
  switch (fault.kind) {
    case 'rate_limit':
      return {
        ...error(429, 'Throttled', 'Too many requests'),
        headers: { 'retry-after': String(fault.retryAfterSeconds) },
      };
    case 'blocked': {
      const code = fault.code ?? 'ConversationBlockedByUser';
      // MessageWritesBlocked comes as a sub-code of a generic Forbidden.
      return code === 'MessageWritesBlocked'
        ? error(403, 'Forbidden', 'Thread is blocked for the bot', { subCode: code })
        : error(403, code, code);
    }
    case 'not_found':
      return error(404, 'ConversationNotFound', 'Conversation not found.');
    case 'server_error':
      return error(fault.status, 'ServiceError', 'Unknown error');
    case 'precondition_failed':
      return error(412, 'PreconditionFailed', 'Conflict, please retry');
    case 'invalid':
      return (fault.status ?? 400) === 413
        ? error(413, 'MessageSizeTooBig', 'Message size too large')
        : error(400, 'BadArgument', 'Invalid activity');
    case 'reset':
      return { kind: 'reset' };
    case 'timeout':
      return (fault.mode ?? 'hang') === 'hang' ? { kind: 'hang' } : { kind: 'delay', ms: fault.delayMs ?? 5_000 };
  }
}
