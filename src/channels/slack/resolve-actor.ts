// Who clicked or typed: the Slack user id Slack vouched for (the request was signed) and, when known, their person.
// A user the directory sync has not linked yet is looked up once with users.info and linked by e-mail.
import type { InteractionActor } from '../../app/interaction.ts';
import type { Locale } from '../../domain/types.ts';
import { personForChatUser } from '../../services/chat-identity.ts';
import type { SlackEdge } from './edge.ts';
import { humanEmail, linkSlackUser } from './link-person.ts';
import { mapSlackError } from './map-error.ts';

export async function resolveActor(edge: SlackEdge, userId: string): Promise<InteractionActor> {
  const personId = (await personForChatUser(edge.ctx.store, 'slack', userId)) ?? (await linkFromProfile(edge, userId));
  return { platform: 'slack', userId, ...(personId ? { personId } : {}) };
}

/** The locale to talk to this actor in: their person's, else the organisation's default. */
export async function actorLocale(edge: SlackEdge, actor: InteractionActor): Promise<Locale> {
  const person = actor.personId ? await edge.ctx.store.getPerson(actor.personId) : undefined;
  return person?.locale ?? edge.ctx.config.DEFAULT_LOCALE;
}

async function linkFromProfile(edge: SlackEdge, userId: string): Promise<string | undefined> {
  const { store, clock } = edge.ctx;
  try {
    const { user } = await edge.client.users.info({ user: userId, include_locale: true });
    const email = user ? humanEmail(user) : undefined;
    if (!user || !email) return undefined;
    const person = await store.getPerson(email);
    if (!person) return undefined;
    await linkSlackUser(store, person, { ...user, id: userId }, person.id, clock.now());
    return person.id;
  } catch (err) {
    edge.log.warn({ userId, outcome: mapSlackError(err).kind }, 'slack user lookup failed');
    return undefined;
  }
}
