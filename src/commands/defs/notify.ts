// `notify <pending|email…>`: step 4, the sign-in instructions, to people with at least one product assigned.
import type { DeliveryJob } from '../../delivery/delivery.ts';
import { fullName } from '../../domain/person.ts';
import type { Person } from '../../domain/types.ts';
import { indexIds, loadPeople } from '../../services/people-query.ts';
import { zoneOf } from '../../services/resolve-caller.ts';
import { targets, type Targets } from '../args.ts';
import { assignedProducts, senderOf, startCampaign } from '../campaigns.ts';
import { defineCommand, type CommandEnv } from '../command.ts';
import { answer, messageCard } from '../reply.ts';
import { say } from '../text.ts';

type Skip = 'not_found' | 'not_assigned' | 'acknowledged' | 'needs_help';

/** The round of instructions this person would get now: 1, or one more than they already had. */
function nextRound(p: Person): number {
  return p.inform.status === 'informed' ? p.inform.rounds + 1 : 1;
}

function why(p: Person): Skip | undefined {
  if (assignedProducts(p).length === 0) return 'not_assigned';
  if (p.inform.status === 'acknowledged') return 'acknowledged';
  if (p.inform.status === 'needs_help') return 'needs_help';
  return undefined;
}

async function chosen(env: CommandEnv, t: Targets): Promise<{ people: Person[]; skipped: { name: string; why: Skip }[] }> {
  const { store } = env.ctx;
  if (t.kind === 'pending') {
    const people = (await loadPeople(store, await indexIds(store, 'step4:not_informed'))).filter((p) => !why(p));
    return { people, skipped: [] };
  }
  const found = await store.getPeople(t.ids);
  const people: Person[] = [];
  const skipped: { name: string; why: Skip }[] = [];
  found.forEach((p, i) => {
    if (!p) return skipped.push({ name: t.ids[i]!, why: 'not_found' });
    const w = why(p);
    if (w) skipped.push({ name: fullName(p), why: w });
    else people.push(p);
  });
  return { people, skipped };
}

export const notify = defineCommand({
  name: 'notify',
  access: 'admin',
  usage: 'notify <pending | email…>',
  summaryKey: 'cmd_notify',
  args: targets,
  async run(env, t) {
    const { locale } = env.caller;
    if (!env.ctx.delivery) return answer(messageCard(locale, say(locale, 'notify_title'), say(locale, 'no_delivery'), { style: 'warning' }));
    const { people, skipped } = await chosen(env, t);
    const org = senderOf(env);
    const jobs: DeliveryJob[] = people.map((p) => {
      const round = nextRound(p);
      const key = `step4:${p.id}:${round}`;
      return {
        key,
        personId: p.id,
        card: {
          name: 'step4',
          data: {
            cardId: key,
            round,
            person: { id: p.id, firstName: p.firstName || p.email, email: p.email },
            org,
            products: assignedProducts(p),
            timeZone: zoneOf(env.ctx.config, p),
          },
        },
        onSent: [{ type: 'inform.sent' }],
      };
    });
    const r = await startCampaign(env, 'step4', jobs);
    const text = say(locale, 'campaign_queued', { queued: r.queued, duplicates: r.duplicates, skipped: skipped.length });
    const more = r.queued > 0 ? `\n\n${say(locale, 'campaign_cancel_hint', { command: `cancel ${r.campaignId}` })}` : '';
    const facts = skipped.map((s) => ({ title: s.name, value: say(locale, `skip_${s.why}`) }));
    return answer(messageCard(locale, say(locale, 'notify_title'), text + more, { style: r.queued > 0 ? 'good' : 'default', facts }));
  },
});
