// Shared pieces of the card data schemas, and the shape every card model has.
import { z } from 'zod';
import type { Locale } from '../../domain/types.ts';
import { isTimeZone } from '../format.ts';
import type { Vars } from '../i18n.ts';

export const text = z.string().min(1);
export const epochMs = z.number().int().nonnegative();
export const count = z.number().int().nonnegative();
export const timeZone = z
  .string()
  .refine(isTimeZone, 'must be an IANA time zone such as "Europe/Brussels"')
  .default('UTC');
export const httpUrl = z.url({ protocol: /^https?$/ });

/** Who sends a user card: the organisation and the admin whose name makes it recognisable (not spam). */
export const org = z.object({ name: text, adminName: text });

/** The recipient of a user card. */
export const recipient = z.object({ id: text, firstName: text, email: text });

/** What a card model gives the renderer: placeholder values for the locale strings, and the template's own fields. */
export interface Built {
  vars: Vars;
  fields: Record<string, unknown>;
}

export interface CardModel<S extends z.ZodType = z.ZodType> {
  schema: S;
  build(data: z.output<S>, locale: Locale): Built;
}

/** Declares a card model with its data type inferred from the schema. */
export function cardModel<S extends z.ZodType>(
  schema: S,
  build: (data: z.output<S>, locale: Locale) => Built,
): CardModel<S> {
  return { schema, build };
}
