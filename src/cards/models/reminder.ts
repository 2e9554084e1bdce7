// The shorter follow-up for people who have not confirmed the step-4 instructions.
import { escapeMarkdown } from '../markdown-escape.ts';
import { z } from 'zod';
import { count, epochMs, org, recipient, text, timeZone, cardModel } from './common.ts';
import { formatDate } from '../format.ts';
import { t, tp } from '../i18n.ts';
import { joinNames } from '../truncate.ts';

export const reminderSchema = z.object({
  cardId: text,
  round: count.min(1),
  person: recipient,
  org,
  products: z.array(text).min(1),
  /** The licence server's switch-off, when known: the date and the whole days left (computed by the caller's clock). */
  deadline: z.object({ at: epochMs, daysLeft: count }).optional(),
  timeZone,
});

export const reminderCard = cardModel(reminderSchema, (d, locale) => {
  const date = d.deadline ? formatDate(d.deadline.at, locale, d.timeZone) : '';
  let deadlineText = '';
  if (d.deadline) {
    deadlineText =
      d.deadline.daysLeft === 0
        ? t(locale, 'reminder_server_off_today')
        : tp(locale, 'reminder_days_left', d.deadline.daysLeft, { date });
  }
  return {
    vars: {
      firstName: d.person.firstName,
      email: d.person.email,
      adminName: d.org.adminName,
      orgName: d.org.name,
      products: joinNames(d.products.map(escapeMarkdown), locale, ''),
      helpButton: t(locale, 'btn_need_help'),
    },
    fields: {
      personId: d.person.id,
      cardId: d.cardId,
      round: d.round,
      hasDeadline: d.deadline !== undefined,
      deadlineText,
    },
  };
});
