// Messages in the bot's DM are commands too, and a CSV shared there comes with them as files (`import`).
import type { App } from '@slack/bolt';
import type { SlackInbound } from './edge.ts';
import { downloadFiles, type SharedFile } from './download-files.ts';
import { deliverReply } from './send-reply.ts';
import { actorLocale, resolveActor } from './resolve-actor.ts';
import { plainText } from './plain-text.ts';

interface DmMessage {
  channel_type?: string;
  subtype?: string;
  bot_id?: string;
  user?: string;
  channel: string;
  text?: string;
  files?: SharedFile[];
}

export function registerDmMessages(app: App, edge: SlackInbound): void {
  app.event('message', async ({ event }) => {
    const e = event as unknown as DmMessage;
    if (e.channel_type !== 'im' || e.bot_id || !e.user) return;
    if (e.subtype !== undefined && e.subtype !== 'file_share') return;
    const userId = e.user;
    try {
      const files = e.files?.length ? await downloadFiles(edge, e.files) : [];
      const text = plainText(e.text ?? '') || (files.length > 0 ? 'import' : '');
      if (!text) return;
      const actor = await resolveActor(edge, userId);
      const reply = await edge.handle({ kind: 'command', actor, text, ...(files.length > 0 ? { files } : {}) });
      await deliverReply(edge, reply, { userId, channelId: e.channel, inDm: true }, await actorLocale(edge, actor));
    } catch (err) {
      edge.log.error({ slackUser: userId, err: (err as Error).message }, 'direct message failed');
    }
  });
}
