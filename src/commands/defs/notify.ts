// `notify <pending|email…>`: step 4, the sign-in instructions, to people with at least one product assigned.
import type { DeliveryJob } from '../../ports/delivery.ts';
import type { Person } from '../../domain/types.ts';
import { zoneOf } from '../../domain/person-preferences.ts';
import { senderOf } from '../../services/sender.ts';
import { targets } from '../args.ts';
import { assignedProducts, campaignAnswer, chooseTargets, startCampaign } from '../campaigns.ts';
import { defineCommand } from '../command.ts';
import { answer, messageCard } from '../../replies/cards.ts';
import { say } from '../../replies/say.ts';

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

export const notify = defineCommand({
  name: 'notify',
  access: 'admin',
  usage: 'notify <pending | email…>',
  summaryKey: 'cmd_notify',
  args: targets,
  async run(env, t) {
    const { locale } = env.caller;
    const { people, skipped } = await chooseTargets(env, t, 'step4:not_informed', why);
    const org = await senderOf(env.ctx);
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
            timeZone: zoneOf(p, env.ctx.config.DEFAULT_TIMEZONE),
          },
        },
        onSent: [{ type: 'inform.sent', round }],
      };
    });
    const r = await startCampaign(env, 'step4', jobs);
    const { text, facts } = campaignAnswer(locale, r, skipped);
    return answer(
      messageCard(locale, say(locale, 'notify_title'), text, {
        style: r.queued > 0 ? 'good' : r.unreachable.length > 0 ? 'warning' : 'default',
        facts,
      }),
    );
  },
});
