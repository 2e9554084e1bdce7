// E-mail addresses are people's keys: compared case-insensitively, checked before anything is stored.

const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** Trims and lower-cases an address so that `Jane.Doe@X.org` and `jane.doe@x.org` are one person. */
export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** A practical syntax check (RFC 5321 lengths, one @, a dotted domain, no spaces or dots at the edges). */
export function isValidEmail(raw: string): boolean {
  const email = raw.trim();
  if (email.length > 254 || !EMAIL.test(email)) return false;
  const local = email.slice(0, email.lastIndexOf('@'));
  return local.length <= 64 && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..');
}
