// Argument schemas shared by several commands. Each command's schema turns its words into typed arguments.
import { z } from 'zod';
import { isValidEmail, normaliseEmail } from '../domain/email.ts';

/** No words after the command name. */
export const noArgs = z.tuple([]);

/** One of fixed words, case-insensitively (`Pending`, `PENDING` → `pending`). */
export function keyword<const T extends readonly [string, ...string[]]>(...values: T) {
  return z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(values, { error: `expected ${values.join(' | ')}` }));
}

/** An e-mail address, normalised to a person id. */
export const email = z.string().refine(isValidEmail, { error: 'not an e-mail address' }).transform(normaliseEmail);

/** `pending` or a list of e-mail addresses. */
export type Targets = { kind: 'pending' } | { kind: 'people'; ids: string[] };

export const targets = z.union([
  z.tuple([keyword('pending')]).transform((): Targets => ({ kind: 'pending' })),
  z
    .array(email)
    .min(1, { error: 'name people by e-mail, or say pending' })
    .transform((ids): Targets => ({ kind: 'people', ids: [...new Set(ids)] })),
]);

/** A positive page number. */
export const pageNumber = z.coerce.number().int().min(1).max(100_000);

/** A licence server id as configured in LICENSE_SERVERS (checked against the configuration by the command). */
export const serverId = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, { error: 'not a licence server id' });
