// License servers as the migration tracks them: one poll of `lmstat` at a time, and the day each was switched off.

/** Who held a licence in one poll: the login and host as the licence server reports them. */
export interface LicenseCheckout {
  user: string;
  host: string;
  /** A borrowed licence (lmstat's `linger`): when it returns by itself at the latest. */
  borrowedUntil?: number;
}

export interface PolledFeature {
  name: string;
  inUse: number;
  users: LicenseCheckout[];
}

/** One reading of a licence server. A down poll says nothing about use: it never counts as quiet. */
export interface LicenseServerPoll {
  at: number;
  status: 'up' | 'down';
  /** Licenses in use over all features, as the server reports them. */
  inUse: number;
  features: PolledFeature[];
}

/** A licence server in scope of the migration (step 5). */
export interface LicenseServerRecord {
  id: string;
  /** `27000@host`, or the three addresses of a redundant triad. */
  address: string;
  /** Set once an admin confirms the server is switched off. */
  decommissionedAt?: number;
}

/** Every distinct user@host seen in the polls taken at or after `since`, for matching to people. */
export function checkoutsSince(polls: readonly LicenseServerPoll[], since: number): LicenseCheckout[] {
  const seen = new Map<string, LicenseCheckout>();
  for (const p of polls) {
    if (p.at < since) continue;
    for (const f of p.features)
      for (const u of f.users) {
        const key = `${u.user.toLowerCase()}@${u.host.toLowerCase()}`;
        if (!seen.has(key)) seen.set(key, { user: u.user, host: u.host });
      }
  }
  return [...seen.values()];
}

/** The borrowed checkouts of one poll (one per user@host, the latest return kept), the last to return first. */
export function borrowedCheckouts(poll: LicenseServerPoll): (LicenseCheckout & { borrowedUntil: number })[] {
  const out = new Map<string, LicenseCheckout & { borrowedUntil: number }>();
  for (const f of poll.features)
    for (const u of f.users) {
      if (u.borrowedUntil === undefined) continue;
      const key = `${u.user.toLowerCase()}@${u.host.toLowerCase()}`;
      const cur = out.get(key);
      if (!cur || u.borrowedUntil > cur.borrowedUntil)
        out.set(key, { user: u.user, host: u.host, borrowedUntil: u.borrowedUntil });
    }
  return [...out.values()].sort((a, b) => b.borrowedUntil - a.borrowedUntil);
}
