// The app was installed for a user (or a team): capture the reference so the bot can write first later.
import type { TurnContext } from 'botbuilder';
import type { AppContext } from '../../app/context.ts';
import { resolveTeamsPerson } from './identity.ts';
import { notInMigrationText } from './replies.ts';

export async function onInstalled(ctx: AppContext, turn: TurnContext): Promise<void> {
  const personId = await resolveTeamsPerson(ctx, turn);
  const personal = turn.activity.conversation?.conversationType === 'personal';
  if (!personId && personal) await turn.sendActivity(notInMigrationText(ctx.config));
}

/** True for a conversationUpdate that adds the bot itself, or an installationUpdate `add`. */
export function isInstall(turn: TurnContext): boolean {
  const a = turn.activity;
  if (a.type === 'installationUpdate') return typeof a.action === 'string' && a.action.startsWith('add');
  if (a.type !== 'conversationUpdate') return false;
  return (a.membersAdded ?? []).some((m) => m.id === a.recipient?.id);
}
