// Platform failures the playground can act out, so a demo shows what a campaign does when Teams or Slack says no.
import type { SendOutcome } from '../ports/chat-channel.ts';

export const FAULT_KINDS = ['rate_limit', 'blocked', 'not_found', 'server_error', 'timeout', 'invalid'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface SimulatedFault {
  kind: FaultKind;
  /** For rate_limit: what the platform's Retry-After would say. */
  retryAfterSeconds?: number;
}

export function isFaultKind(value: unknown): value is FaultKind {
  return typeof value === 'string' && (FAULT_KINDS as readonly string[]).includes(value);
}

/** The outcome a real channel maps this failure to (see the Teams and Slack map-error files). */
export function faultOutcome(fault: SimulatedFault): SendOutcome {
  switch (fault.kind) {
    case 'rate_limit':
      return { kind: 'rate_limited', retryAfterMs: Math.max(0, fault.retryAfterSeconds ?? 1) * 1000 };
    case 'blocked':
      return { kind: 'blocked', reason: 'simulated: the person blocked the bot' };
    case 'not_found':
      return { kind: 'not_found', reason: 'simulated: conversation not found' };
    case 'server_error':
      return { kind: 'transient', reason: 'simulated: platform error 503' };
    case 'timeout':
      return { kind: 'transient', reason: 'simulated: request timed out' };
    case 'invalid':
      return { kind: 'invalid', reason: 'simulated: payload rejected' };
  }
}

/** Faults waiting for the next sends, first in first out. */
export class FaultQueue {
  private readonly queue: SimulatedFault[] = [];
  push(fault: SimulatedFault): void {
    this.queue.push(fault);
  }
  take(): SimulatedFault | undefined {
    return this.queue.shift();
  }
  get size(): number {
    return this.queue.length;
  }
}
