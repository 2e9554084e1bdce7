// The app was installed for a user (or a team): capture the reference so the bot can write first later.
import type { TurnContext } from 'botbuilder';
import type { TeamsDeps } from './deps.ts';
import { notInMigrationReply } from '../../replies/not-in-migration.ts';
import { callerLocale } from '../../services/resolve-caller.ts';
import { resolveTeamsPerson } from './identity.ts';
import { sendReply } from './send-reply.ts';

export async function onInstalled(ctx: TeamsDeps, turn: TurnContext): Promise<void> {
  const conversation = turn.activity.conversation;
  if (conversation?.conversationType && conversation.conversationType !== 'personal') {
    // Team and group ids are what an operator needs for TEAMS_ROSTER_TEAM_ID and TEAMS_ADMIN_CONVERSATION_ID.
    const teamId = (turn.activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
    ctx.logger.info(
      { platform: 'teams', conversationType: conversation.conversationType, conversationId: conversation.id, teamId },
      'bot added to a team or group chat (use these ids for TEAMS_ROSTER_TEAM_ID / TEAMS_ADMIN_CONVERSATION_ID)',
    );
  }
  const personId = await resolveTeamsPerson(ctx, turn);
  const personal = conversation?.conversationType === 'personal';
  // The core's words for someone outside the migration, as they would get them on any message.
  if (!personId && personal)
    await sendReply(ctx, turn, notInMigrationReply(ctx.config, callerLocale(ctx, undefined, turn.activity.locale)));
}

/** True for a conversationUpdate that adds the bot itself, or an installationUpdate `add`. */
export function isInstall(turn: TurnContext): boolean {
  const a = turn.activity;
  if (a.type === 'installationUpdate') return typeof a.action === 'string' && a.action.startsWith('add');
  if (a.type !== 'conversationUpdate') return false;
  return (a.membersAdded ?? []).some((m) => m.id === a.recipient?.id);
}
