// The admins' card for a long Autodesk run: posted when a replica starts (or resumes) it, then replaced in place as
// people are handled ("55 of 200 handled, about 3 min left"), and replaced by the outcome at the end; the outcome is
// also posted anew, so the admins are notified. The card's references live in memory: a resumed run posts a new one.
import type { Logger } from '../log.ts';
import type { AutodeskRun } from '../ports/autodesk-runs.ts';
import type { OutboundCard, SentRef } from '../ports/chat-channel.ts';
import type { Channels } from '../ports/deps.ts';
import { runWhat } from './autodesk-run-reply.ts';
import { messageCard } from './cards.ts';
import { say } from './say.ts';

export interface RunCards {
  progress(run: AutodeskRun, done: number, total: number): Promise<void>;
  finished(run: AutodeskRun, outcome: OutboundCard): Promise<void>;
}

export function createRunCards(channels: Channels, callsPerMinute: number, logger: Logger): RunCards {
  const sent = new Map<string, SentRef[]>();

  function progressCard(run: AutodeskRun, done: number, total: number): OutboundCard {
    const l = run.locale;
    const what = runWhat(l, run.kind, run.personIds.length, run.product);
    const minutes = Math.max(1, Math.ceil((total - done) / callsPerMinute));
    return messageCard(
      l,
      say(l, 'adsk_run_progress_title'),
      say(l, 'adsk_run_progress', { what, done, total, minutes }),
    );
  }

  async function update(refs: SentRef[], card: OutboundCard): Promise<void> {
    for (const ref of refs) {
      const outcome = await channels[ref.platform]?.updateCard(ref, card).catch(() => undefined);
      if (outcome?.kind !== 'sent') logger.debug({ platform: ref.platform }, 'autodesk run card not updated');
    }
  }

  return {
    async progress(run, done, total) {
      const card = progressCard(run, done, total);
      const refs = sent.get(run.id);
      if (refs) return update(refs, card);
      const posted: SentRef[] = [];
      sent.set(run.id, posted);
      for (const channel of Object.values(channels)) {
        if (!channel) continue;
        const outcome = await channel.postToAdmins(card).catch(() => undefined);
        if (outcome?.kind === 'sent') posted.push(outcome.ref);
      }
    },
    async finished(run, outcome) {
      const refs = sent.get(run.id);
      sent.delete(run.id);
      if (refs) await update(refs, outcome);
    },
  };
}
