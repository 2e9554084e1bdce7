// Who is behind an lmstat checkout: login names from the roster, the e-mail local part, or a host→person map.
import type { Person } from './types.ts';
import type { LicenseCheckout } from './license-server.ts';

export type MatchVia = 'login' | 'email' | 'host-map' | 'host';

export interface LicenseUserMatch extends LicenseCheckout {
  personId: string;
  via: MatchVia;
}

export interface UnmatchedCheckout extends LicenseCheckout {
  /** Set when several people fit and none was chosen. */
  candidates?: string[];
}

export interface LicenseUserMatches {
  matched: LicenseUserMatch[];
  unmatched: UnmatchedCheckout[];
  /** Distinct person ids matched, in first-seen order. */
  personIds: string[];
}

type RosterEntry = Pick<Person, 'id' | 'email' | 'logins'>;

/** `CORP\JDoe` and `jdoe` are one login: lower case, without the Windows domain. */
export function normaliseLogin(raw: string): string {
  const t = raw.trim().toLowerCase();
  return t.slice(t.lastIndexOf('\\') + 1);
}

function index(pairs: Iterable<[string, string]>): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const [k, id] of pairs) if (k) (m.get(k) ?? m.set(k, new Set()).get(k)!).add(id);
  return m;
}

/**
 * Maps each checkout to a roster person: first by login name (person.logins, case-insensitive), then by the
 * local part of the e-mail address, then by the configured host→person map, then by a host listed in
 * person.logins. A step that fits several people is skipped rather than guessed; what is left is unmatched.
 * Checkouts are de-duplicated by user@host.
 */
export function matchLicenseUsers(
  checkouts: readonly LicenseCheckout[],
  roster: readonly RosterEntry[],
  hostMap: Readonly<Record<string, string>> = {},
): LicenseUserMatches {
  const ids = new Set(roster.map((p) => p.id));
  const byLogin = index(
    roster.flatMap((p) => (p.logins ?? []).map((l): [string, string] => [normaliseLogin(l), p.id])),
  );
  const byLocal = index(roster.map((p): [string, string] => [p.email.trim().toLowerCase().split('@')[0] ?? '', p.id]));
  const byHostMap = index(
    Object.entries(hostMap)
      .filter(([, id]) => ids.has(id.trim().toLowerCase()))
      .map(([h, id]): [string, string] => [h.trim().toLowerCase(), id.trim().toLowerCase()]),
  );
  const out: LicenseUserMatches = { matched: [], unmatched: [], personIds: [] };
  const done = new Set<string>();
  const people = new Set<string>();
  for (const c of checkouts) {
    const key = `${c.user.toLowerCase()}@${c.host.toLowerCase()}`;
    if (done.has(key)) continue;
    done.add(key);
    const login = normaliseLogin(c.user);
    const host = c.host.trim().toLowerCase();
    const steps: [MatchVia, Set<string> | undefined][] = [
      ['login', byLogin.get(login)],
      ['email', byLocal.get(login)],
      ['host-map', byHostMap.get(host)],
      ['host', byLogin.get(host)],
    ];
    const hit = steps.find(([, s]) => s?.size === 1);
    if (hit) {
      const personId = [...hit[1]!][0]!;
      out.matched.push({ user: c.user, host: c.host, personId, via: hit[0] });
      if (!people.has(personId)) out.personIds.push(personId);
      people.add(personId);
      continue;
    }
    const candidates = [...new Set(steps.flatMap(([, s]) => [...(s ?? [])]))];
    out.unmatched.push(candidates.length ? { user: c.user, host: c.host, candidates } : { user: c.user, host: c.host });
  }
  return out;
}
