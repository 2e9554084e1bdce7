// The ChatChannel contract: every platform's channel must pass these cases against its fake server.
// A platform's test file calls runChannelContract with a harness factory.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatChannel, OutboundCard } from '../../src/ports/chat-channel.ts';
import type { Person } from '../../src/domain/types.ts';

/** A fault the fake platform server injects on its next matching request. */
export type InjectedFault =
  | { kind: 'rate_limit'; retryAfterSeconds: number }
  | { kind: 'blocked' }
  | { kind: 'not_found' }
  | { kind: 'server_error'; status: 500 | 502 | 503 | 504 }
  | { kind: 'timeout' }
  | { kind: 'invalid' };

export interface ChannelHarness {
  channel: ChatChannel;
  /** A person the channel can reach (identity linked on the platform). */
  reachable: Person;
  /** A person with no identity on this platform. */
  unreachable: Person;
  /** Makes the fake answer the next send/update with this fault. */
  injectFault(fault: InjectedFault): void;
  /** Messages the fake received as new posts, in order: the conversation and the rendered text fallback or card title. */
  posted(): { conversationId: string; messageId: string; payload: unknown }[];
  /** Updates the fake received. */
  updated(): { conversationId: string; messageId: string; payload: unknown }[];
  close(): Promise<void>;
}

const card: OutboundCard = {
  name: 'message',
  data: { title: 'Contract test', text: 'Hello from the contract suite' },
  locale: 'en',
};

export function runChannelContract(name: string, makeHarness: () => Promise<ChannelHarness>): void {
  describe(`ChatChannel contract: ${name}`, () => {
    let h: ChannelHarness;
    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(async () => {
      await h.close();
    });

    it('sends a card to a reachable person and returns where it lives', async () => {
      expect(h.channel.canReach(h.reachable)).toBe(true);
      const out = await h.channel.sendCard(h.reachable, card);
      expect(out.kind).toBe('sent');
      if (out.kind !== 'sent') return;
      expect(out.ref.platform).toBe(h.channel.platform);
      const posts = h.posted();
      expect(posts).toHaveLength(1);
      expect(posts[0]?.messageId).toBe(out.ref.messageId);
      expect(JSON.stringify(posts[0]?.payload)).toContain('Contract test');
    });

    it('updates a sent card in place', async () => {
      const out = await h.channel.sendCard(h.reachable, card);
      if (out.kind !== 'sent') throw new Error(`send failed: ${out.kind}`);
      const upd = await h.channel.updateCard(out.ref, { ...card, data: { title: 'Updated title', text: 'Thanks' } });
      expect(upd.kind).toBe('sent');
      const updates = h.updated();
      expect(updates).toHaveLength(1);
      expect(updates[0]?.messageId).toBe(out.ref.messageId);
      expect(JSON.stringify(updates[0]?.payload)).toContain('Updated title');
    });

    it('says it cannot reach a person with no identity on the platform, and sends nothing', async () => {
      expect(h.channel.canReach(h.unreachable)).toBe(false);
      const out = await h.channel.sendCard(h.unreachable, card);
      expect(out.kind).toBe('not_found');
      expect(h.posted()).toHaveLength(0);
    });

    it('maps 429 to rate_limited with the Retry-After delay', async () => {
      h.injectFault({ kind: 'rate_limit', retryAfterSeconds: 3 });
      const out = await h.channel.sendCard(h.reachable, card);
      expect(out).toEqual({ kind: 'rate_limited', retryAfterMs: 3000 });
    });

    it('maps a blocked user to blocked', async () => {
      h.injectFault({ kind: 'blocked' });
      expect((await h.channel.sendCard(h.reachable, card)).kind).toBe('blocked');
    });

    it('maps an unknown conversation or user to not_found', async () => {
      h.injectFault({ kind: 'not_found' });
      expect((await h.channel.sendCard(h.reachable, card)).kind).toBe('not_found');
    });

    it('maps 5xx to transient', async () => {
      for (const status of [500, 502, 503] as const) {
        h.injectFault({ kind: 'server_error', status });
        expect((await h.channel.sendCard(h.reachable, card)).kind).toBe('transient');
      }
    });

    it('maps a request that times out to transient', async () => {
      h.injectFault({ kind: 'timeout' });
      expect((await h.channel.sendCard(h.reachable, card)).kind).toBe('transient');
    });

    it('maps a rejected payload to invalid', async () => {
      h.injectFault({ kind: 'invalid' });
      expect((await h.channel.sendCard(h.reachable, card)).kind).toBe('invalid');
    });
  });
}
