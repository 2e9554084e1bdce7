// `export`: the per-person report as a CSV file (cells a spreadsheet would run as formulas are defused).
import { noArgs } from '../args.ts';
import { personReportCsv } from '../../reports/person-report.ts';
import { defineCommand } from '../command.ts';
import { answer, messageCard } from '../../replies/cards.ts';
import { say } from '../../replies/say.ts';

export const exportReport = defineCommand({
  name: 'export',
  access: 'admin',
  usage: 'export',
  summaryKey: 'cmd_export',
  args: noArgs,
  async run({ ctx, caller, now }) {
    const { locale } = caller;
    const { csv, rows } = await personReportCsv(ctx.store);
    const name = `numbot-report-${new Date(now).toISOString().slice(0, 10)}.csv`;
    await ctx.store.appendAudit({
      at: now,
      actor: caller.audit.id,
      source: caller.audit.source,
      action: 'export',
      detail: `rows=${rows}`,
    });
    return answer(
      messageCard(locale, say(locale, 'export_title'), say(locale, 'export_text', { count: rows, file: name }), {
        style: 'good',
      }),
      {
        files: [{ name, content: csv, mimeType: 'text/csv' }],
      },
    );
  },
});
