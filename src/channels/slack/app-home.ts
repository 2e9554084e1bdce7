// The App Home tab: the person's own status, and the admin dashboard for admins, published with views.publish
// whenever they open it (and after a click on it).
import type { App } from '@slack/bolt';
import { progressFromCounters } from '../../domain/progress.ts';
import type { SlackBlock } from '../../cards/index.ts';
import type { SlackEdge } from './edge.ts';
import { isAdminPerson } from '../../services/resolve-caller.ts';
import { adminHomeCard, personalStatusCard } from './home-cards.ts';
import { renderForSlack } from './render.ts';
import { resolveActor } from './resolve-actor.ts';

const MAX_HOME_BLOCKS = 100;

export async function homeBlocks(edge: SlackEdge, userId: string): Promise<SlackBlock[]> {
  const { store, config, clock } = edge.deps;
  const actor = await resolveActor(edge, userId);
  const person = actor.personId ? await store.getPerson(actor.personId) : undefined;
  const locale = person?.locale ?? config.DEFAULT_LOCALE;
  const blocks = [...renderForSlack(personalStatusCard(person, locale, config.ORGANISATION_NAME)).blocks];
  // The shared rule: admins listed in ADMIN_EMAILS get the dashboard even when they are not in the roster themselves.
  if (isAdminPerson(edge.deps, actor.personId, person)) {
    const progress = progressFromCounters(await store.counters());
    const timeZone = person?.timeZone ?? config.DEFAULT_TIMEZONE;
    const card = adminHomeCard(progress, config.ORGANISATION_NAME, clock.now(), timeZone, locale);
    blocks.push({ type: 'divider' }, ...renderForSlack(card).blocks);
  }
  return blocks.slice(0, MAX_HOME_BLOCKS);
}

export async function publishHome(edge: SlackEdge, userId: string): Promise<void> {
  const blocks = await homeBlocks(edge, userId);
  await edge.client.views.publish({ user_id: userId, view: { type: 'home', blocks } });
}

export function registerAppHome(app: App, edge: SlackEdge): void {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    try {
      await publishHome(edge, event.user);
    } catch (err) {
      edge.log.error({ slackUser: event.user, err: (err as Error).message }, 'app home failed');
    }
  });
}
