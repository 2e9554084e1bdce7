// A Teams-like ChatChannel that sends over HTTP to the recorder, so a killed process leaves real requests in flight.
import type { ChatChannel, SendOutcome } from '../../../src/ports/chat-channel.ts';
import type { Person } from '../../../src/domain/types.ts';

export function recorderChannel(recorderUrl: string, worker: string): ChatChannel {
  return {
    platform: 'teams',
    canReach: (person: Person) => Boolean(person.chat.teams),
    async sendCard(person) {
      try {
        const res = await fetch(`${recorderUrl}/send`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ personId: person.id, worker }),
        });
        if (!res.ok) return { kind: 'transient', reason: `HTTP ${res.status}` };
        const { id } = (await res.json()) as { id: string };
        return { kind: 'sent', ref: { platform: 'teams', conversationId: `a:${person.id}`, messageId: id } };
      } catch {
        return { kind: 'transient', reason: 'network' };
      }
    },
    async updateCard(): Promise<SendOutcome> {
      return { kind: 'invalid', reason: 'not used' };
    },
    async postToAdmins(): Promise<SendOutcome> {
      return { kind: 'invalid', reason: 'not used' };
    },
    async syncDirectory() {
      return { linked: 0, unmatched: [], apiCalls: 0 };
    },
  };
}
