// Who person cards name as their sender, so people recognise a card (and do not take it for spam): the organisation
// and its migration lead, the first of ADMIN_EMAILS, by their roster name. One rule for the step-4 card, reminders and
// the cards that replace them, whoever typed `notify` or whichever replica's scheduler sent the reminder.
import { fullName } from '../domain/person.ts';
import type { CoreDeps } from '../ports/deps.ts';

export interface Sender {
  name: string;
  adminName: string;
}

export async function senderOf(ctx: Pick<CoreDeps, 'config' | 'store'>): Promise<Sender> {
  const { config } = ctx;
  const lead = config.ADMIN_EMAILS[0];
  const admin = lead ? await ctx.store.getPerson(lead) : undefined;
  return { name: config.ORGANISATION_NAME, adminName: admin ? fullName(admin) : config.ORGANISATION_NAME };
}
