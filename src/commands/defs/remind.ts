// `remind <pending|email…>`: a reminder now to people told about step 4 who have not signed in yet.
import type { Person } from '../../domain/types.ts';
import { configuredServerRecords } from '../../server-watch/migration-state.ts';
import { deadlineFor, plannedSwitchOffs } from '../../schedule/deadline.ts';
import { reminderJob } from '../../schedule/reminder-jobs.ts';
import { targets } from '../args.ts';
import { assignedProducts, campaignAnswer, chooseTargets, startCampaign } from '../campaigns.ts';
import { senderOf } from '../../services/sender.ts';
import { defineCommand } from '../command.ts';
import { answer, messageCard } from '../../replies/cards.ts';
import { say } from '../../replies/say.ts';

type Skip = 'not_found' | 'not_informed' | 'acknowledged' | 'opted_out' | 'not_assigned';

function why(p: Person): Skip | undefined {
  if (p.inform.status === 'not_informed') return 'not_informed';
  if (p.inform.status === 'acknowledged') return 'acknowledged';
  if (p.reminders.optedOut) return 'opted_out';
  if (assignedProducts(p).length === 0) return 'not_assigned';
  return undefined;
}

export const remind = defineCommand({
  name: 'remind',
  access: 'admin',
  usage: 'remind <pending | email…>',
  summaryKey: 'cmd_remind',
  args: targets,
  async run(env, t) {
    const { locale } = env.caller;
    const { people, skipped } = await chooseTargets(env, t, 'step4:informed', why);
    const org = await senderOf(env.ctx);
    // The same deadline as the scheduler's reminders: the planned switch-off of a server serving their products.
    const plans = plannedSwitchOffs(env.ctx.config.LICENSE_SERVERS, await configuredServerRecords(env.ctx));
    // The same job as the scheduler's reminder round: same key (so a tick and a command never send a round twice).
    const jobs = people.map((p) =>
      reminderJob(p, p.reminders.sent + 1, org, env.ctx.config, env.now, deadlineFor(p, plans, env.now)),
    );
    const r = await startCampaign(env, 'reminder', jobs);
    const { text, facts } = campaignAnswer(locale, r, skipped);
    return answer(
      messageCard(locale, say(locale, 'remind_title'), text, {
        style: r.queued > 0 ? 'good' : r.unreachable.length > 0 ? 'warning' : 'default',
        facts,
      }),
    );
  },
});
