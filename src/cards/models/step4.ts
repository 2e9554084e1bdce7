// Step 4: the sign-in instructions sent to each person once their products are assigned.
import { escapeMarkdown } from '../markdown-escape.ts';
import { z } from 'zod';
import { count, epochMs, org, recipient, text, timeZone, cardModel } from './common.ts';
import { formatDate } from '../format.ts';
import { t } from '../i18n.ts';
import { joinNames } from '../truncate.ts';

export const step4Schema = z.object({
  cardId: text,
  round: count.min(1).default(1),
  person: recipient,
  org,
  /** Products now licensed to the person by name (display names). */
  products: z.array(text).min(1),
  /** When the licence server goes off, if decided. */
  serverOffAt: epochMs.optional(),
  timeZone,
});

export const step4Card = cardModel(step4Schema, (d, locale) => ({
  vars: {
    firstName: d.person.firstName,
    email: d.person.email,
    adminName: d.org.adminName,
    orgName: d.org.name,
    date: d.serverOffAt === undefined ? '' : formatDate(d.serverOffAt, locale, d.timeZone),
    helpButton: t(locale, 'btn_need_help'),
    doneButton: t(locale, 'btn_signed_in'),
  },
  fields: {
    personId: d.person.id,
    cardId: d.cardId,
    round: d.round,
    productList: joinNames(d.products.map(escapeMarkdown), locale, ''),
    hasDeadline: d.serverOffAt !== undefined,
  },
}));
