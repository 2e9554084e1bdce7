// Who a fleet report is about: the signed-in user's directory e-mail when the script read one (macOS: dscl) and it is in
// the roster, else the signed-in user it names. A UPN or e-mail is a person id; a login name
// ("DOMAIN\jdoe", "jdoe") is matched as the licence-server watch matches logins (the roster's login column, then the
// e-mail's local part).
import { normaliseEmail } from '../domain/email.ts';
import { matchLicenseUsers } from '../domain/license-user-match.ts';
import type { MigrationStore } from '../store/store.ts';

/** The person id the report's user names, or undefined when nobody (or more than one person) matches. */
export async function personForReport(
  store: MigrationStore,
  user: string | undefined,
  hostname: string,
  email?: string,
): Promise<string | undefined> {
  const mail = (email ?? '').trim();
  if (mail.includes('@') && (await store.getPerson(normaliseEmail(mail)))) return normaliseEmail(mail);
  const raw = (user ?? '').trim();
  if (!raw) return undefined;
  if (raw.includes('@')) {
    const id = normaliseEmail(raw);
    return (await store.getPerson(id)) ? id : undefined;
  }
  const login = raw.includes('\\') ? raw.slice(raw.lastIndexOf('\\') + 1) : raw;
  const roster: { id: string; email: string; products: string[]; logins?: string[] }[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.scanPeople(cursor, 500);
    for (const p of page.people)
      roster.push({ id: p.id, email: p.email, products: p.products, ...(p.logins ? { logins: p.logins } : {}) });
    cursor = page.next;
  } while (cursor);
  const m = matchLicenseUsers([{ user: login, host: hostname }], roster);
  return m.personIds.length === 1 ? m.personIds[0] : undefined;
}
