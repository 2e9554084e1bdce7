// Links the roster to Slack users by e-mail from users.list, 1,000 members a page: 10,000 users cost 10 or 11 calls,
// where one users.lookupByEmail per person (Tier 3) would take over three hours.
import type { DirectorySyncResult } from '../../ports/chat-channel.ts';
import type { MigrationStore } from '../../store/store.ts';
import type { SlackEdge } from './edge.ts';
import { humanEmail, linkSlackUsers, type LinkPair, type SlackUser } from './link-person.ts';
import { mapSlackError } from './map-error.ts';

export const PAGE_SIZE = 1000;
/** A page refused with 429 is asked again after Retry-After, this many times at most (Tier 2 allows 20 a minute). */
const MAX_PAGE_ATTEMPTS = 3;
const MAX_WAIT_MS = 60_000;
/** Every person is in exactly one of these index sets, so together they list the roster. */
const ROSTER_INDEXES = ['overall:pending', 'overall:needs_help', 'overall:done'];

export interface SyncOptions {
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Pages through the Slack directory and links every roster person whose e-mail matches an active human user
 * (bots, Slackbot and deactivated accounts skipped), storing the Slack locale and time zone where the roster had none.
 * `linked` counts the roster people matched to a Slack user; `unmatched` lists the others.
 */
export async function syncSlackDirectory(edge: SlackEdge, opts: SyncOptions = {}): Promise<DirectorySyncResult> {
  const { store, clock } = edge.deps;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const roster = await rosterIds(store);
  const matched = new Set<string>();
  let changed = 0;
  let apiCalls = 0;
  let cursor: string | undefined;
  do {
    let page: { members?: SlackUser[]; response_metadata?: { next_cursor?: string } } | undefined;
    for (let attempt = 1; !page; attempt++) {
      apiCalls++;
      try {
        page = await edge.client.users.list({ limit: PAGE_SIZE, include_locale: true, ...(cursor ? { cursor } : {}) });
      } catch (err) {
        const outcome = mapSlackError(err);
        if (outcome.kind !== 'rate_limited' || attempt >= MAX_PAGE_ATTEMPTS) throw err;
        await sleep(Math.min(MAX_WAIT_MS, outcome.retryAfterMs));
      }
    }
    const found = new Map<string, SlackUser & { id: string }>();
    for (const m of page.members ?? []) {
      const email = humanEmail(m);
      if (email && m.id && roster.has(email) && !matched.has(email) && !found.has(email))
        found.set(email, { ...m, id: m.id });
    }
    const pairs: LinkPair[] = [];
    for (const person of await store.getPeople([...found.keys()])) {
      if (!person) continue;
      matched.add(person.id);
      pairs.push({ person, user: found.get(person.id)! });
    }
    changed += await linkSlackUsers(store, pairs, 'slack-directory', clock.now());
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  edge.log.info({ roster: roster.size, matched: matched.size, changed, apiCalls }, 'slack directory synced');
  return { linked: matched.size, unmatched: [...roster].filter((id) => !matched.has(id)).sort(), apiCalls };
}

async function rosterIds(store: MigrationStore): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const index of ROSTER_INDEXES) {
    let cursor: string | undefined;
    do {
      const page = await store.listIndex(index, cursor, PAGE_SIZE);
      for (const id of page.ids) ids.add(id);
      cursor = page.next;
    } while (cursor);
  }
  return ids;
}
