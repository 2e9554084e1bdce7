// Who clicked or typed: the Slack user id Slack vouched for (the request was signed) and, when known, their person.
// A user the directory sync has not linked yet is looked up once with users.info and linked by e-mail. Anyone else is
// handed to the core without a person id (with their Slack locale): the core answers users outside the migration.
import type { InteractionActor } from '../../ports/interaction.ts';
import type { Locale } from '../../domain/types.ts';
import { personForChatUser, rememberChatUser } from '../../services/chat-identity.ts';
import { callerLocale, inMigration } from '../../services/resolve-caller.ts';
import type { SlackEdge } from './edge.ts';
import { humanEmail, linkSlackUser } from './link-person.ts';
import { mapSlackError } from './map-error.ts';

type Found = { personId: string } | { locale?: string };

/** The store must answer within this long before the edge looks anyone up in it (Redis lost: say so fast). */
const STORE_CHECK_MS = 400;

export async function resolveActor(edge: SlackEdge, userId: string): Promise<InteractionActor> {
  // With the store unreachable, no lookup that would wait for it: the actor goes to the core with their Slack locale,
  // and the core answers that the state store is unavailable, in that language.
  if (!(await answersWithin(edge.deps.store.ping(), STORE_CHECK_MS))) {
    const locale = await profileLocale(edge, userId);
    return { platform: 'slack', userId, ...(locale ? { locale } : {}) };
  }
  const linked = await personForChatUser(edge.deps.store, 'slack', userId);
  const found: Found = linked ? { personId: linked } : await linkFromProfile(edge, userId);
  return { platform: 'slack', userId, ...found };
}

/** The locale to talk to this actor in: their person's, else the one Slack reported, else the organisation's default. */
export async function actorLocale(edge: SlackEdge, actor: InteractionActor): Promise<Locale> {
  const person = actor.personId ? await edge.deps.store.getPerson(actor.personId) : undefined;
  return callerLocale(edge.deps, person, actor.locale);
}

async function linkFromProfile(edge: SlackEdge, userId: string): Promise<Found> {
  const { store, clock } = edge.deps;
  try {
    const { user } = await edge.client.users.info({ user: userId, include_locale: true });
    const email = user ? humanEmail(user) : undefined;
    const unknown: Found = user?.locale ? { locale: user.locale } : {};
    if (!user || !email) return unknown;
    const person = await store.getPerson(email);
    if (person) {
      await linkSlackUser(store, person, { ...user, id: userId }, person.id, clock.now());
      return { personId: person.id };
    }
    // A configured admin outside the roster is served too (the core's rule); only the chat link is remembered.
    if (!(await inMigration(edge.deps, email))) return unknown;
    await rememberChatUser(store, 'slack', userId, email);
    return { personId: email };
  } catch (err) {
    edge.log.warn({ userId, outcome: mapSlackError(err).kind }, 'slack user lookup failed');
    return {};
  }
}

function answersWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  return Promise.race([
    p.then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref()),
  ]);
}

async function profileLocale(edge: SlackEdge, userId: string): Promise<string | undefined> {
  try {
    const { user } = await edge.client.users.info({ user: userId, include_locale: true });
    return user?.locale;
  } catch {
    return undefined;
  }
}
