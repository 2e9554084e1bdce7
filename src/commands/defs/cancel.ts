// `cancel [campaign]`: stops a campaign (the latest one by default); messages not sent yet are dropped.
// `cancel autodesk`: stops the Autodesk run under way (PROVISIONING=autodesk) before its next person.
import { z } from 'zod';
import { CAMPAIGN_DOC, CAMPAIGN_LATEST, type CampaignRecord } from '../campaigns.ts';
import { defineCommand } from '../command.ts';
import { keyword } from '../args.ts';
import { runWhat } from '../../replies/autodesk-run-reply.ts';
import { answer, messageCard } from '../../replies/cards.ts';
import { say } from '../../replies/say.ts';

const campaignId = z.string().regex(/^[a-z0-9-]{1,64}$/, { error: 'not a campaign id' });

export const cancel = defineCommand({
  name: 'cancel',
  access: 'admin',
  usage: 'cancel [campaign] · cancel autodesk',
  summaryKey: 'cmd_cancel',
  args: z.union([
    z.tuple([keyword('autodesk')]).transform(() => ({ autodesk: true as const })),
    z.union([z.tuple([]), z.tuple([campaignId])]).transform(([id]) => ({ campaignId: id })),
  ]),
  async run({ ctx, caller, now }, args) {
    const { locale } = caller;
    if ('autodesk' in args) {
      const title = say(locale, 'adsk_run_cancelled_title');
      const run = await ctx.autodeskRuns?.cancel(caller.audit);
      if (!run) return answer(messageCard(locale, title, say(locale, 'adsk_cancel_none'), { style: 'warning' }));
      await ctx.store.appendAudit({
        at: now,
        actor: caller.audit.id,
        source: caller.audit.source,
        action: 'autodesk.run.cancel',
        detail: run.id,
      });
      const what = runWhat(locale, run.kind, run.personIds.length, run.product);
      return answer(
        messageCard(locale, title, say(locale, 'adsk_cancel_done', { what, done: run.done }), { style: 'good' }),
      );
    }
    const title = say(locale, 'cancel_title');
    const id = args.campaignId ?? (await ctx.store.getDoc<string>(CAMPAIGN_LATEST, 'latest'));
    const record = id ? await ctx.store.getDoc<CampaignRecord>(CAMPAIGN_DOC, id) : undefined;
    if (!id || !record) return answer(messageCard(locale, title, say(locale, 'cancel_none'), { style: 'warning' }));
    await ctx.delivery.cancel(id);
    await ctx.store.appendAudit({
      at: now,
      actor: caller.audit.id,
      source: caller.audit.source,
      action: 'campaign.cancel',
      detail: id,
    });
    const progress = await ctx.delivery.progress(id);
    const text = say(locale, 'cancel_text', {
      campaign: id,
      sent: progress?.sent ?? 0,
      total: progress?.total ?? record.jobs,
    });
    return answer(messageCard(locale, title, text, { style: 'good' }));
  },
});
