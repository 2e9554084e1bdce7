// Once a day: Autodesk invitations still pending after 7 days (to send again) and after 90 days (expired: the person
// must be added again). The lists are kept for the `invite pending` command; the admins get the counts.
import { escapeMarkdown } from '../cards/index.ts';
import type { SchedulerDeps } from './deps.ts';
import type { MessageData } from '../cards/types.ts';
import { invitationFollowUps, type InvitationFollowUps } from '../domain/invitations.ts';
import { fullName } from '../domain/person.ts';
import { onceADay, type DailyOutcome } from './daily-once.ts';
import { say } from './texts.ts';

export const INVITATIONS_TOLD_DOC = 'invitations-told';
/** The latest lists, for commands to read: doc `invitation-followups` / `latest`. */
export const FOLLOWUPS_DOC = 'invitation-followups';
const NAMES_SHOWN = 10;

export interface InvitationTickResult extends InvitationFollowUps {
  outcome: DailyOutcome;
}

async function pendingInvitations(ctx: SchedulerDeps, now: number): Promise<InvitationFollowUps> {
  const out: InvitationFollowUps = { resend: [], readd: [] };
  let cursor: string | undefined;
  do {
    const page = await ctx.store.listIndex('step1:invited', cursor, 500);
    const people = (await ctx.store.getPeople(page.ids)).filter((p) => p !== undefined);
    const f = invitationFollowUps(people, now);
    out.resend.push(...f.resend);
    out.readd.push(...f.readd);
    cursor = page.next;
  } while (cursor);
  out.resend.sort();
  out.readd.sort();
  return out;
}

async function names(ctx: SchedulerDeps, ids: readonly string[]): Promise<string> {
  const shown = ids.slice(0, NAMES_SHOWN);
  const people = await ctx.store.getPeople(shown);
  const list = people.map((p, i) => escapeMarkdown(p ? fullName(p) : shown[i]!)).join(', ');
  return ids.length > shown.length ? `${list}, … (+${ids.length - shown.length})` : list;
}

export async function invitationsTick(ctx: SchedulerDeps, now: number): Promise<InvitationTickResult> {
  let found: InvitationFollowUps = { resend: [], readd: [] };
  const outcome = await onceADay(ctx, INVITATIONS_TOLD_DOC, now, async () => {
    found = await pendingInvitations(ctx, now);
    await ctx.store.putDoc(FOLLOWUPS_DOC, 'latest', { at: now, ...found });
    if (!found.resend.length && !found.readd.length) return true;
    const locale = ctx.config.DEFAULT_LOCALE;
    const lines: string[] = [];
    const facts: NonNullable<MessageData['facts']> = [];
    if (found.resend.length) {
      lines.push(say(locale, 'invites_resend', { count: found.resend.length, command: 'invite pending' }));
      facts.push({ title: say(locale, 'fact_resend'), value: await names(ctx, found.resend) });
    }
    if (found.readd.length) {
      lines.push(say(locale, 'invites_readd', { count: found.readd.length }));
      facts.push({ title: say(locale, 'fact_readd'), value: await names(ctx, found.readd) });
    }
    const data: MessageData = {
      title: say(locale, 'invites_title'),
      text: lines.join('\n\n'),
      facts,
      style: 'warning',
    };
    return (await ctx.postToAdmins({ name: 'message', data, locale, timeZone: ctx.config.DEFAULT_TIMEZONE })) > 0;
  });
  return { outcome, ...found };
}
