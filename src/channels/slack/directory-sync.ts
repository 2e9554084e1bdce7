// Links the roster to Slack users by e-mail from users.list, 1,000 members a page: 10,000 users cost 10 or 11 calls,
// where one users.lookupByEmail per person (Tier 3) would take over three hours.
import type { DirectorySyncResult, UnreachableCode } from '../../ports/chat-channel.ts';
import { normaliseEmail } from '../../domain/email.ts';
import type { MigrationStore } from '../../store/store.ts';
import type { SlackEdge } from './edge.ts';
import { humanEmail, linkSlackUsers, type LinkPair, type SlackUser } from './link-person.ts';
import { mapSlackError } from './map-error.ts';
import { updatePerson } from '../../services/update-person.ts';

export const PAGE_SIZE = 1000;
const ACTOR = { id: 'slack-directory', source: 'slack' } as const;
/** A page refused with 429 is asked again after Retry-After, this many times at most (Tier 2 allows 20 a minute). */
const MAX_PAGE_ATTEMPTS = 3;
const MAX_WAIT_MS = 60_000;
/** Every person is in exactly one of these index sets, so together they list the roster. */
const ROSTER_INDEXES = ['overall:pending', 'overall:needs_help', 'overall:done'];

export interface SyncOptions {
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Pages through the Slack directory and links every roster person whose e-mail (trimmed, lower-cased: the roster's
 * person id) matches exactly one active human user (bots, Slackbot and deactivated accounts skipped; guests are
 * people and are linked), storing the Slack locale and time zone where the roster had none. `linked` counts the
 * roster people matched to a Slack user; `unmatched` lists the others, with `reasons` for those whose e-mail only a
 * deactivated account has (`deactivated`) or several active accounts share (`ambiguous`, never linked).
 */
export async function syncSlackDirectory(edge: SlackEdge, opts: SyncOptions = {}): Promise<DirectorySyncResult> {
  const { store, clock } = edge.deps;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const roster = await rosterIds(store);
  // Every roster e-mail's active human users (normally one), and the e-mails only a deactivated account has.
  const active = new Map<string, (SlackUser & { id: string })[]>();
  const deactivated = new Map<string, Set<string>>();
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
    for (const m of page.members ?? []) {
      const email = humanEmail(m);
      if (email && m.id && roster.has(email)) {
        const users = active.get(email) ?? [];
        if (!users.some((u) => u.id === m.id)) users.push({ ...m, id: m.id });
        active.set(email, users);
      } else if (m.deleted && !m.is_bot) {
        const gone = m.profile?.email ? normaliseEmail(m.profile.email) : undefined;
        if (gone && roster.has(gone) && m.id) deactivated.set(gone, (deactivated.get(gone) ?? new Set()).add(m.id));
      }
    }
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);

  // Two active accounts with one e-mail (Enterprise Grid, a re-created account): neither is guessed.
  const ambiguous = [...active].filter(([, users]) => users.length > 1).map(([email]) => email);
  const single = [...active].filter(([, users]) => users.length === 1).map(([email]) => email);
  let changed = 0;
  for (let i = 0; i < single.length; i += PAGE_SIZE) {
    const pairs: LinkPair[] = [];
    for (const person of await store.getPeople(single.slice(i, i + PAGE_SIZE)))
      if (person) pairs.push({ person, user: active.get(person.id)![0]! });
    changed += await linkSlackUsers(store, pairs, 'slack-directory', clock.now());
  }
  const linked = new Set(single);
  // Linked to an account deactivated since: not reachable there any more (a card would fail), unless relinked above.
  const stale = [...deactivated.keys()].filter((id) => !linked.has(id));
  for (const person of await store.getPeople(stale)) {
    const userId = person?.chat.slack?.userId;
    if (!person || !userId || !deactivated.get(person.id)?.has(userId)) continue;
    const r = await updatePerson(store, person.id, [{ type: 'chat.unlinked', platform: 'slack' }], ACTOR, clock.now(), {
      detail: 'slack account deactivated',
    });
    if (r.ok) changed++;
  }
  const unmatched = [...roster].filter((id) => !linked.has(id)).sort();
  const reasons: Record<string, UnreachableCode> = {};
  for (const id of unmatched)
    if (ambiguous.includes(id)) reasons[id] = 'ambiguous';
    else if (deactivated.has(id)) reasons[id] = 'deactivated';
  edge.log.info(
    { roster: roster.size, matched: linked.size, ambiguous: ambiguous.length, changed, apiCalls },
    'slack directory synced',
  );
  return { linked: linked.size, unmatched, ambiguous: ambiguous.sort(), reasons, apiCalls };
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
