// Quoting for generated scripts: every value a script carries is validated first, then single-quoted.
import { InvalidInputError } from '../errors.ts';

// PowerShell also ends a single-quoted string at the typographic quotes ‘ ’ ‚ ‛; each is escaped by doubling.
const PS_SINGLE_QUOTES = /['\u2018\u2019\u201A\u201B]/g;

/** A PowerShell single-quoted literal: no expansion happens inside, and every quote character is doubled. */
export function psQuote(value: string): string {
  return `'${value.replace(PS_SINGLE_QUOTES, (q) => q + q)}'`;
}

/** A POSIX shell single-quoted word: nothing expands inside; an embedded ' becomes '\''. */
export function shQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a script
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Throws unless `value` is printable text of 1..max characters (no line breaks or control characters). */
export function assertPrintable(what: string, value: string, max = 200): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max || CONTROL.test(value))
    throw new InvalidInputError(`${what} must be 1 to ${max} printable characters on one line`);
  return value;
}
