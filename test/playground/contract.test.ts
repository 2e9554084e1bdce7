// The ChatChannel contract suite, run on the playground channel: its "platform" is the inbox the page reads.
import { runChannelContract, type InjectedFault } from '../channels/contract.ts';
import { createPlaygroundChannel } from '../../src/playground/playground-channel.ts';
import { createInbox, type Inbox } from '../../src/playground/inbox.ts';
import { renderBoth } from '../../src/playground/render-both.ts';
import { FaultQueue, type SimulatedFault } from '../../src/playground/simulated-faults.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { newPerson } from '../../src/domain/person.ts';
import type { OutboundCard } from '../../src/ports/chat-channel.ts';

const toFault = (f: InjectedFault): SimulatedFault =>
  f.kind === 'rate_limit' ? { kind: 'rate_limit', retryAfterSeconds: f.retryAfterSeconds } : { kind: f.kind };

interface Seen {
  conversationId: string;
  messageId: string;
  payload: unknown;
}

/** The inbox as the playground's platform side: records what the channel stored, as the page would render it. */
function recording(inner: Inbox, posted: Seen[], updated: Seen[]): Inbox {
  const view = (conversationId: string, messageId: string, card: OutboundCard): Seen => ({
    conversationId,
    messageId,
    payload: renderBoth(card),
  });
  return {
    ...inner,
    async add(m) {
      await inner.add(m);
      posted.push(view(m.conversationId, m.id, m.card));
    },
    async replace(id, card, at) {
      const done = await inner.replace(id, card, at);
      const m = await inner.get(id);
      if (done && m) updated.push(view(m.conversationId, id, card));
      return done;
    },
  };
}

runChannelContract('playground', async () => {
  const store = createMemoryStore('contract-playground');
  const posted: Seen[] = [];
  const updated: Seen[] = [];
  const faults = new FaultQueue();
  const reachable = newPerson({ email: 'reach@example.org', firstName: 'Rea', lastName: 'Chable' }, 0);
  const unreachable = newPerson({ email: 'nobody@example.org', firstName: 'No', lastName: 'Body' }, 0);
  const channel = createPlaygroundChannel({
    inbox: recording(createInbox(store), posted, updated),
    clock: { now: () => 1_700_000_000_000 },
    unreachable: new Set([unreachable.id]),
    faults,
  });
  return {
    channel,
    reachable,
    unreachable,
    injectFault: (f) => faults.push(toFault(f)),
    posted: () => posted,
    updated: () => updated,
    close: () => store.close(),
  };
});
