// `resend failed [campaign]`: queues again the messages that could not be delivered.
import { z } from 'zod';
import { keyword } from '../args.ts';
import { defineCommand } from '../command.ts';
import { answer, messageCard } from '../../replies/cards.ts';
import { say } from '../../replies/say.ts';

const campaignId = z.string().regex(/^[a-z0-9-]{1,64}$/, { error: 'not a campaign id' });

export const resend = defineCommand({
  name: 'resend',
  access: 'admin',
  usage: 'resend failed [campaign]',
  summaryKey: 'cmd_resend',
  args: z
    .union([z.tuple([keyword('failed')]), z.tuple([keyword('failed'), campaignId])])
    .transform(([, id]) => ({ campaignId: id })),
  async run({ ctx, caller, now }, { campaignId: id }) {
    const { locale } = caller;
    const count = await ctx.delivery.resendFailed(id);
    await ctx.store.appendAudit({
      at: now,
      actor: caller.audit.id,
      source: caller.audit.source,
      action: 'campaign.resend_failed',
      detail: `${id ?? 'all'} count=${count}`,
    });
    return answer(
      messageCard(locale, say(locale, 'resend_title'), say(locale, 'resend_text', { count }), {
        style: count > 0 ? 'good' : 'default',
      }),
    );
  },
});
