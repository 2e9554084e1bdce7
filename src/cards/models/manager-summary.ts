// The daily note to a manager: their people done / still to do / needing help, and the change since yesterday.
import { escapeMarkdown } from '../markdown-escape.ts';
import { z } from 'zod';
import { count, epochMs, text, timeZone, cardModel } from './common.ts';
import { formatDate, formatDelta } from '../format.ts';
import { t } from '../i18n.ts';
import { joinNames } from '../truncate.ts';

const figures = z.object({ done: count, pending: count, needsHelp: count });

export const managerSummarySchema = z.object({
  manager: z.object({ id: text, firstName: text }),
  date: epochMs,
  timeZone,
  /** Display names per state. */
  team: z.object({
    done: z.array(text).default([]),
    pending: z.array(text).default([]),
    needsHelp: z.array(text).default([]),
  }),
  /** Yesterday's counts, when there was a summary yesterday. */
  yesterday: figures.optional(),
});

export const managerSummaryCard = cardModel(managerSummarySchema, (d, locale) => {
  const { done, pending, needsHelp } = d.team;
  const nobody = t(locale, 'list_nobody');
  const y = d.yesterday;
  const trendText = y
    ? t(locale, 'manager_trend', {
        doneDelta: formatDelta(done.length - y.done, locale),
        pendingDelta: formatDelta(pending.length - y.pending, locale),
        helpDelta: formatDelta(needsHelp.length - y.needsHelp, locale),
      })
    : t(locale, 'manager_no_trend');
  return {
    vars: { firstName: d.manager.firstName, date: formatDate(d.date, locale, d.timeZone) },
    fields: {
      trendText,
      helpHeading: t(locale, 'manager_help_heading', { count: needsHelp.length }),
      helpNames: joinNames(needsHelp.map(escapeMarkdown), locale, nobody),
      pendingHeading: t(locale, 'manager_pending_heading', { count: pending.length }),
      pendingNames: joinNames(pending.map(escapeMarkdown), locale, nobody),
      doneHeading: t(locale, 'manager_done_heading', { count: done.length }),
      doneNames: joinNames(done.map(escapeMarkdown), locale, nobody),
      hasPending: pending.length + needsHelp.length > 0,
    },
  };
});
