// `reconcile`: what Autodesk shows, applied to the roster (invited, active, seats). With PROVISIONING=autodesk the
// bot reads the team back through the Team Admin API; otherwise the admin attaches (or pastes) Autodesk Account's
// user or usage export. Only changes are written; repeats change nothing.
import { z } from 'zod';
import { ExportFormatError, parseAutodeskExport, type ExportRow } from '../../autodesk/reconcile/parse-export.ts';
import { reconcileRows, type ReconcileCounts } from '../../autodesk/reconcile/reconcile-team.ts';
import { defineCommand } from '../command.ts';
import { answer, messageCard } from '../../replies/cards.ts';
import { say } from '../../replies/say.ts';
import { autodeskWhy } from '../../replies/autodesk-why.ts';

export const reconcile = defineCommand({
  name: 'reconcile',
  access: 'admin',
  usage: 'reconcile (PROVISIONING=autodesk, or with the user export attached)',
  summaryKey: 'cmd_reconcile',
  args: z.tuple([]).transform(() => ({})),
  async run({ ctx, caller, files, body, now }) {
    const { locale } = caller;
    const title = say(locale, 'reconcile_title');
    let counts: ReconcileCounts;
    let source: string;
    if (ctx.autodesk) {
      try {
        counts = await ctx.autodesk.reconcile(caller.audit, now);
        source = say(locale, 'reconcile_source_api');
      } catch (e) {
        return answer(
          messageCard(locale, title, say(locale, 'connect_failed', { reason: autodeskWhy(locale, e) }), {
            style: 'warning',
          }),
        );
      }
    } else {
      const file = files.find((f) => /\.(csv|txt)$/i.test(f.name)) ?? files[0];
      const input = file ? file.content : body;
      if (!input.length)
        return answer(messageCard(locale, title, say(locale, 'reconcile_need_export'), { style: 'warning' }));
      let rows: ExportRow[];
      try {
        rows = parseAutodeskExport(input).rows;
      } catch (e) {
        if (!(e instanceof ExportFormatError)) throw e;
        return answer(
          messageCard(locale, title, say(locale, 'reconcile_bad_export', { problem: e.message }), { style: 'warning' }),
        );
      }
      source = say(locale, 'reconcile_source_export', { rows: rows.length });
      counts = await reconcileRows(ctx.store, rows, caller.audit, now);
    }
    const text = [
      source,
      say(locale, 'reconcile_counts', {
        matched: counts.matched,
        changed: counts.changed,
        notInAutodesk: counts.notInAutodesk,
        missing: counts.missing,
        notInRoster: counts.notInRoster,
      }),
      ...(counts.matchable ? [] : [say(locale, 'reconcile_unmatchable')]),
    ].join('\n\n');
    return answer(messageCard(locale, title, text, { style: counts.matchable ? 'good' : 'warning' }));
  },
});
