// `import [--dry-run]`: the roster from an attached CSV, or from lines pasted under the command.
import { z } from 'zod';
import { importRoster } from '../../roster/import-roster.ts';
import { parseRoster } from '../../roster/parse-roster.ts';
import { keyword } from '../args.ts';
import { defineCommand } from '../command.ts';
import { answer, messageCard } from '../../replies/cards.ts';
import { say } from '../../replies/say.ts';

/** Largest roster accepted from chat: 10,000 people at well under 500 bytes a line. */
const MAX_BYTES = 5 * 1024 * 1024;

export const importCommand = defineCommand({
  name: 'import',
  access: 'admin',
  usage: 'import [--dry-run] (attach a CSV, or paste its lines under the command)',
  summaryKey: 'cmd_import',
  args: z.union([
    z.tuple([]).transform(() => ({ dryRun: false })),
    z.tuple([keyword('--dry-run', '—dry-run')]).transform(() => ({ dryRun: true })),
  ]),
  async run({ ctx, caller, files, body, now }, { dryRun }) {
    const { locale } = caller;
    const title = say(locale, dryRun ? 'import_dry_title' : 'import_title');
    const file = files.find((f) => /\.(csv|txt|tsv)$/i.test(f.name)) ?? files[0];
    const input = file ? file.content : body;
    if (input.length === 0)
      return answer(messageCard(locale, title, say(locale, 'import_no_input'), { style: 'warning' }));
    if (input.length > MAX_BYTES)
      return answer(
        messageCard(locale, title, say(locale, 'import_too_big', { mb: MAX_BYTES / 1024 / 1024 }), {
          style: 'warning',
        }),
      );
    const parsed = parseRoster(input);
    if (!parsed.ok)
      return answer(
        messageCard(locale, title, say(locale, 'import_refused', { line: parsed.line, reason: parsed.reason }), {
          style: 'attention',
        }),
      );
    const r = await importRoster(ctx.store, parsed.roster, caller.audit, now, { dryRun });
    if (!dryRun)
      await ctx.store.appendAudit({
        at: now,
        actor: caller.audit.id,
        source: caller.audit.source,
        action: 'import',
        detail: `created=${r.created} updated=${r.updated} rejected=${r.rejected.length}`,
      });
    const text = say(locale, dryRun ? 'import_dry_counts' : 'import_counts', {
      accepted: r.accepted,
      created: r.created,
      updated: r.updated,
      unchanged: r.unchanged,
      rejected: r.rejected.length,
    });
    const facts = [
      ...r.rejected.map((x) => ({ title: say(locale, 'import_line', { line: x.line }), value: x.reason })),
      ...(r.warnings ?? []).map((x) => ({
        title: say(locale, 'import_line_warning', { line: x.line }),
        value: x.reason,
      })),
    ];
    const style = r.rejected.length || r.warnings?.length ? 'warning' : 'good';
    return answer(messageCard(locale, title, text, { facts, style }));
  },
});
