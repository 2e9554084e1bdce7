// Steps 1–2: the CSV files prepared for Autodesk Account, where each one goes, and the rows to fix first.
import { z } from 'zod';
import { count, httpUrl, text, cardModel } from './common.ts';
import { formatNumber } from '../format.ts';
import { t, tp } from '../i18n.ts';
import { truncateList } from '../truncate.ts';

export const provisioningResultSchema = z.object({
  counts: z.object({ people: count, toInvite: count, toAssign: count, skipped: count, errors: count }),
  files: z
    .array(
      z.object({
        name: text,
        rows: count,
        kind: z.enum(['invite', 'assign']),
        /** The product an assignment file is for. */
        product: z.string().default(''),
      }),
    )
    .default([]),
  errors: z.array(z.object({ row: count, email: z.string().default(''), message: text })).default([]),
  accountUrl: httpUrl.default('https://manage.autodesk.com/'),
});

export const provisioningResultCard = cardModel(provisioningResultSchema, (d, locale) => {
  const files = truncateList(d.files, locale);
  const errors = truncateList(d.errors, locale);
  const n = (x: number) => formatNumber(x, locale);
  return {
    vars: { files: n(d.files.length), errors: n(d.counts.errors) },
    fields: {
      counts: {
        people: n(d.counts.people),
        toInvite: n(d.counts.toInvite),
        toAssign: n(d.counts.toAssign),
        skipped: n(d.counts.skipped),
        errors: n(d.counts.errors),
      },
      hasFiles: d.files.length > 0,
      files: files.items.map((f) => ({
        text: t(locale, f.kind === 'invite' ? 'prov_file_invite' : 'prov_file_assign', {
          file: f.name,
          rows: tp(locale, 'prov_rows', f.rows),
          product: f.product,
        }),
      })),
      filesMore: files.more,
      hasErrors: d.errors.length > 0 || d.counts.errors > 0,
      errors: errors.items.map((e) => ({
        text: t(locale, 'prov_error_row', { row: n(e.row), email: e.email || '-', message: e.message }),
      })),
      errorsMore: errors.more,
      accountUrl: d.accountUrl,
    },
  };
});
