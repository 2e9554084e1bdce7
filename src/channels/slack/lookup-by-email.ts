// One person looked up by e-mail (users.lookupByEmail, Tier 3: about 50 a minute) and linked, for the few a campaign
// would otherwise wait for: someone who joined the workspace since the last users.list. A budget below the tier keeps
// the lookups from ever being refused; past it the person waits for the next directory sync.
import type { LookupOutcome } from '../../ports/chat-channel.ts';
import type { Person } from '../../domain/types.ts';
import type { SlackEdge } from './edge.ts';
import { humanEmail, linkSlackUser, type SlackUser } from './link-person.ts';
import { mapSlackError } from './map-error.ts';

/** Lookups a minute, under the Tier-3 limit (50+) so other Tier-3 calls of the app keep room. */
export const LOOKUPS_PER_MINUTE = 40;

export function createEmailLookup(
  edge: SlackEdge,
  perMinute = LOOKUPS_PER_MINUTE,
): (p: Person) => Promise<LookupOutcome> {
  const recent: number[] = [];
  return async (person) => {
    const now = Date.now();
    while (recent.length && now - recent[0]! >= 60_000) recent.shift();
    if (recent.length >= perMinute) return 'over_budget';
    recent.push(now);
    let user: SlackUser | undefined;
    try {
      user = (await edge.client.users.lookupByEmail({ email: person.email })).user as SlackUser | undefined;
    } catch (err) {
      const data = (err as { data?: { error?: string } }).data;
      if (data?.error === 'users_not_found') return 'not_found';
      const outcome = mapSlackError(err);
      edge.log.warn({ person: person.id, outcome: outcome.kind }, 'users.lookupByEmail failed');
      return outcome.kind === 'rate_limited' ? 'over_budget' : 'failed';
    }
    if (!user?.id) return 'not_found';
    if (user.deleted) return 'deactivated';
    if (humanEmail(user) !== person.id) return 'not_found';
    await linkSlackUser(edge.deps.store, person, { ...user, id: user.id }, 'slack-lookup', edge.deps.clock.now());
    return 'linked';
  };
}
