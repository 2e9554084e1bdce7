// The slash command (SLACK_COMMAND, /migrate by default): acknowledged at once, then handed to the core; the
// answer arrives ephemerally through the command's response_url.
import type { App } from '@slack/bolt';
import type { SlackInbound } from './edge.ts';
import { deliverReply } from './send-reply.ts';
import { actorLocale, resolveActor } from './resolve-actor.ts';
import { plainText } from './plain-text.ts';

export function registerCommand(app: App, edge: SlackInbound): void {
  app.command(edge.deps.config.SLACK_COMMAND, async ({ command, ack }) => {
    await ack();
    const log = edge.log.child({ slackUser: command.user_id, kind: 'command' });
    try {
      const actor = await resolveActor(edge, command.user_id);
      const reply = await edge.handle({ kind: 'command', actor, text: plainText(command.text) });
      const target = { userId: command.user_id, channelId: command.channel_id, responseUrl: command.response_url };
      await deliverReply(edge, reply, target, await actorLocale(edge, actor));
    } catch (err) {
      log.error({ err: (err as Error).message }, 'slash command failed');
    }
  });
}
