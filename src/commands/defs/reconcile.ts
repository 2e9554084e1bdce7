// `reconcile`: what Autodesk shows, applied to the roster (invited, active, seats). With PROVISIONING=autodesk the
// bot reads the team back through the Team Admin API; otherwise the admin attaches (or pastes) Autodesk Account's
// user or usage export. Only changes are written; repeats change nothing.
import { z } from 'zod';
import { applyReconciliation } from '../../autodesk/reconcile/apply-reconciliation.ts';
import { ExportFormatError, parseAutodeskExport, type ExportRow } from '../../autodesk/reconcile/parse-export.ts';
import { reconcileExport } from '../../autodesk/reconcile/reconcile-export.ts';
import { snapshotRows } from '../../autodesk/reconcile/snapshot-rows.ts';
import { refusalReason } from '../../autodesk/team-admin/autodesk-provider.ts';
import type { Person } from '../../domain/types.ts';
import type { MigrationStore } from '../../store/store.ts';
import { defineCommand } from '../command.ts';
import { answer, messageCard } from '../../replies/cards.ts';
import { say } from '../../replies/say.ts';

async function everyone(store: MigrationStore): Promise<Person[]> {
  const out: Person[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.scanPeople(cursor, 500);
    out.push(...page.people);
    cursor = page.next;
  } while (cursor);
  return out;
}

export const reconcile = defineCommand({
  name: 'reconcile',
  access: 'admin',
  usage: 'reconcile (PROVISIONING=autodesk, or with the user export attached)',
  summaryKey: 'cmd_reconcile',
  args: z.tuple([]).transform(() => ({})),
  async run({ ctx, caller, files, body, now }) {
    const { locale } = caller;
    const title = say(locale, 'reconcile_title');
    let rows: ExportRow[];
    let source: string;
    if (ctx.autodesk) {
      try {
        rows = snapshotRows(await ctx.autodesk.snapshot());
        source = say(locale, 'reconcile_source_api');
      } catch (e) {
        return answer(
          messageCard(locale, title, say(locale, 'connect_failed', { reason: refusalReason(e) }), { style: 'warning' }),
        );
      }
    } else {
      const file = files.find((f) => /\.(csv|txt)$/i.test(f.name)) ?? files[0];
      const input = file ? file.content : body;
      if (!input.length)
        return answer(messageCard(locale, title, say(locale, 'reconcile_need_export'), { style: 'warning' }));
      try {
        rows = parseAutodeskExport(input).rows;
      } catch (e) {
        if (!(e instanceof ExportFormatError)) throw e;
        return answer(
          messageCard(locale, title, say(locale, 'reconcile_bad_export', { problem: e.message }), { style: 'warning' }),
        );
      }
      source = say(locale, 'reconcile_source_export', { rows: rows.length });
    }
    const report = reconcileExport(await everyone(ctx.store), rows);
    const outcome = await applyReconciliation(ctx.store, report, caller.audit, now);
    const text = [
      source,
      say(locale, 'reconcile_counts', {
        matched: report.matchedPeople,
        changed: outcome.people,
        notInAutodesk: report.notInAutodesk.length,
        missing: report.missingInAutodesk.length,
        notInRoster: report.notInRoster.length,
      }),
      ...(report.matchable ? [] : [say(locale, 'reconcile_unmatchable')]),
    ].join('\n\n');
    return answer(messageCard(locale, title, text, { style: report.matchable ? 'good' : 'warning' }));
  },
});
