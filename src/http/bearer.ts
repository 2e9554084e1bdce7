// `Authorization: Bearer <token>` and a comparison of secrets that takes the same time whatever the input.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(headers.authorization ?? '');
  return m?.[1];
}

/** Equal-length digests, so neither the content nor the length of the expected secret leaks through timing. */
export function secretEquals(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
