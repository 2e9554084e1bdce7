// An in-memory ChatChannel for engine tests: records every send, answers with scripted outcomes per person.
import type { ChatChannel, OutboundCard, Platform, SendOutcome } from '../../../src/ports/chat-channel.ts';
import type { Person } from '../../../src/domain/types.ts';

export interface SendRecord {
  personId: string;
  card: OutboundCard;
  startedAt: number;
  outcome: SendOutcome['kind'];
}

export class FakeChannel implements ChatChannel {
  readonly sends: SendRecord[] = [];
  private readonly scripts = new Map<string, SendOutcome[]>();
  private seq = 0;
  /** Awaited before every send answers (lets a test hold sends in flight). */
  gate: (() => Promise<void>) | undefined;
  /** Called when a send answers 429, with the time it answered. */
  onRateLimited: ((at: number) => void) | undefined;

  constructor(readonly platform: Platform = 'teams') {}

  canReach(person: Person): boolean {
    return this.platform === 'teams'
      ? Boolean(person.chat.teams)
      : this.platform === 'slack'
        ? Boolean(person.chat.slack)
        : true;
  }

  /** The next sends to this person answer these outcomes in order, then `sent`. */
  script(personId: string, ...outcomes: SendOutcome[]): void {
    this.scripts.set(personId, outcomes);
  }

  async sendCard(person: Person, card: OutboundCard): Promise<SendOutcome> {
    const record: SendRecord = { personId: person.id, card, startedAt: Date.now(), outcome: 'sent' };
    this.sends.push(record);
    if (this.gate) await this.gate();
    const next = this.scripts.get(person.id)?.shift();
    const outcome: SendOutcome = next ?? {
      kind: 'sent',
      ref: { platform: this.platform, conversationId: `conv-${person.id}`, messageId: `m${++this.seq}` },
    };
    record.outcome = outcome.kind;
    if (outcome.kind === 'rate_limited') this.onRateLimited?.(Date.now());
    return outcome;
  }

  async updateCard(): Promise<SendOutcome> {
    return { kind: 'invalid', reason: 'not used in these tests' };
  }

  async postToAdmins(): Promise<SendOutcome> {
    return { kind: 'invalid', reason: 'not used in these tests' };
  }

  async syncDirectory() {
    return { linked: 0, unmatched: [], apiCalls: 0 };
  }

  sentTo(personId: string): number {
    return this.sends.filter((s) => s.personId === personId && s.outcome === 'sent').length;
  }

  triesTo(personId: string): number {
    return this.sends.filter((s) => s.personId === personId).length;
  }
}
