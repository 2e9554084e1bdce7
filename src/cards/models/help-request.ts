// A person's "I need help" as it reaches the admins, and how it looks once someone takes or resolves it.
import { escapeMarkdown } from '../markdown-escape.ts';
import { z } from 'zod';
import { epochMs, text, timeZone, cardModel } from './common.ts';
import { formatDateTime } from '../format.ts';
import { t } from '../i18n.ts';
import { truncateList } from '../truncate.ts';

export const helpRequestSchema = z
  .object({
    cardId: text,
    requestId: text,
    person: z.object({ id: text, name: text, email: text, department: z.string().optional() }),
    /** The person's products and whether each is assigned: "not assigned" explains most "Contact your administrator". */
    products: z.array(z.object({ name: text, assigned: z.boolean() })),
    /** What the person wrote; may be empty. */
    text: z.string().default(''),
    sentAt: epochMs,
    status: z.enum(['open', 'taken', 'resolved']).default('open'),
    /** The admin who took or resolved it, and when. */
    handledBy: z.object({ name: text, at: epochMs }).optional(),
    timeZone,
  })
  .refine((d) => d.status === 'open' || d.handledBy !== undefined, {
    message: 'handledBy is required once the request is taken or resolved',
    path: ['handledBy'],
  });

export const helpRequestCard = cardModel(helpRequestSchema, (d, locale) => {
  const products = truncateList(d.products, locale);
  const productTexts = products.items.map((p) =>
    t(locale, p.assigned ? 'help_product_assigned' : 'help_product_not_assigned', { product: p.name }),
  );
  if (products.more) productTexts.push(products.more);
  const message = d.text.trim();
  return {
    vars: {
      name: d.person.name,
      adminName: d.handledBy?.name ?? '',
      date: d.handledBy ? formatDateTime(d.handledBy.at, locale, d.timeZone) : '',
    },
    fields: {
      personId: d.person.id,
      cardId: d.cardId,
      requestId: d.requestId,
      email: d.person.email,
      department: escapeMarkdown(d.person.department ?? ''),
      hasDepartment: Boolean(d.person.department?.trim()),
      productsText: productTexts.length > 0 ? productTexts.join(', ') : '—',
      sentAt: formatDateTime(d.sentAt, locale, d.timeZone),
      text: message,
      hasText: message !== '',
      isOpen: d.status === 'open',
      isTaken: d.status === 'taken',
      isResolved: d.status === 'resolved',
    },
  };
});
