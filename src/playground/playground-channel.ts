// The third ChatChannel: the web playground. "Sending" a card stores it in the person's inbox, which the page shows;
// it renders the card for both platforms first, so a card that Teams or Slack would refuse is refused here too.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../ports/clock.ts';
import { CardError } from '../cards/index.ts';
import type { ChatChannel, OutboundCard, SendOutcome, SentRef } from '../ports/chat-channel.ts';
import type { Person } from '../domain/types.ts';
import { ADMIN_FEED, type Inbox } from './inbox.ts';
import { renderBoth } from './render-both.ts';
import { faultOutcome, FaultQueue } from './simulated-faults.ts';

export interface PlaygroundChannelOptions {
  inbox: Inbox;
  clock: Clock;
  /** People the playground pretends it cannot reach (as if they had not installed the app). */
  unreachable?: ReadonlySet<string>;
  faults?: FaultQueue;
}

export interface PlaygroundChannel extends ChatChannel {
  readonly faults: FaultQueue;
}

function rendersOrWhy(card: OutboundCard): SendOutcome | undefined {
  try {
    renderBoth(card);
    return undefined;
  } catch (err) {
    if (err instanceof CardError)
      return { kind: 'invalid', reason: `${err.code}: card "${card.name}" cannot be rendered` };
    throw err;
  }
}

export function createPlaygroundChannel(options: PlaygroundChannelOptions): PlaygroundChannel {
  const { inbox, clock } = options;
  const unreachable = options.unreachable ?? new Set<string>();
  const faults = options.faults ?? new FaultQueue();

  async function post(conversationId: string, card: OutboundCard): Promise<SendOutcome> {
    const fault = faults.take();
    if (fault) return faultOutcome(fault);
    const refused = rendersOrWhy(card);
    if (refused) return refused;
    const ref: SentRef = { platform: 'playground', conversationId, messageId: randomUUID() };
    await inbox.add({ id: ref.messageId, conversationId, card, sentAt: clock.now() });
    return { kind: 'sent', ref };
  }

  const canReach = (person: Person) => person.id !== '' && !unreachable.has(person.id);

  return {
    platform: 'playground',
    faults,
    canReach,
    async sendCard(person, card) {
      if (!canReach(person)) return { kind: 'not_found', reason: 'not reachable in the playground' };
      return post(person.id, card);
    },
    async updateCard(ref, card) {
      const fault = faults.take();
      if (fault) return faultOutcome(fault);
      const refused = rendersOrWhy(card);
      if (refused) return refused;
      const replaced = await inbox.replace(ref.messageId, card, clock.now());
      return replaced ? { kind: 'sent', ref } : { kind: 'not_found', reason: 'no such playground message' };
    },
    postToAdmins: (card) => post(ADMIN_FEED, card),
    // Everyone in the roster has a playground inbox: there is no directory to sync.
    syncDirectory: async () => ({ linked: 0, unmatched: [], apiCalls: 0 }),
  };
}
