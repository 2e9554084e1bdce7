// A generic answer card: a title, a text, optional sections of lines and optional facts. Callers pass strings already
// localised (see t()). Sections carry the bot's own long texts (help): one TextBlock a line, so no single string
// meets the cap on data strings and nothing is cut.
import { z } from 'zod';
import { httpUrl, text, cardModel } from './common.ts';
import { truncateList } from '../truncate.ts';

export const messageSchema = z.object({
  title: text,
  text: z.string().default(''),
  sections: z.array(z.object({ heading: z.string().default(''), lines: z.array(z.string()).default([]) })).default([]),
  facts: z.array(z.object({ title: text, value: z.string() })).default([]),
  style: z.enum(['default', 'good', 'warning', 'attention']).default('default'),
  /** One button that opens a web page (e.g. Autodesk's sign-in). */
  link: z.object({ title: text, url: httpUrl }).optional(),
});

export const messageCard = cardModel(messageSchema, (d, locale) => {
  const facts = truncateList(d.facts, locale);
  return {
    vars: {},
    fields: {
      title: d.title,
      text: d.text,
      sections: d.sections.map((s) => ({ heading: s.heading, lines: s.lines.map((line) => ({ line })) })),
      facts: facts.items,
      more: facts.more,
      style: d.style,
      linkTitle: d.link?.title ?? '',
      linkUrl: d.link?.url ?? '',
    },
  };
});
