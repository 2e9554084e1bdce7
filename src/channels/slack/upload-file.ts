// Files for the actor (CSV exports, scripts) go to their DM with files.uploadV2. A workspace whose Slack lacks the
// upload methods gets the file as a code block instead, cut to fit one message and saying how much was left out.
import { WebAPIPlatformError } from '@slack/web-api';
import type { InteractionReply } from '../../ports/interaction.ts';
import type { Locale } from '../../domain/types.ts';
import { tp } from '../../cards/index.ts';
import type { SlackEdge } from './edge.ts';

export type ReplyFile = NonNullable<InteractionReply['files']>[number];

/** Room for the file in one section block (3,000 characters), with the name and the code fence around it. */
export const SNIPPET_MAX_CHARS = 2800;
const NO_UPLOAD = new Set(['unknown_method', 'method_deprecated', 'not_allowed_token_type']);

/** The DM channel id with a user (conversations.open; files need a channel id, not a user id). */
export async function dmChannel(edge: SlackEdge, userId: string): Promise<string> {
  const res = await edge.client.conversations.open({ users: userId });
  const id = res.channel?.id;
  if (!id) throw new Error('conversations.open answered without a channel id');
  return id;
}

/** Uploads one file to a channel; returns how it was delivered. */
export async function sendFile(
  edge: SlackEdge,
  channelId: string,
  file: ReplyFile,
  locale: Locale,
): Promise<'uploaded' | 'snippet'> {
  try {
    await edge.client.files.uploadV2({
      channel_id: channelId,
      file: Buffer.from(file.content, 'utf8'),
      filename: file.name,
      title: file.name,
    });
    return 'uploaded';
  } catch (err) {
    if (!(err instanceof WebAPIPlatformError) || !NO_UPLOAD.has(err.data.error)) throw err;
  }
  const { blocks, text } = snippetMessage(file, locale);
  await edge.client.chat.postMessage({ channel: channelId, blocks, text });
  return 'snippet';
}

/** The file as a code block: whole lines only, and a note of how many lines did not fit. */
export function snippetMessage(file: ReplyFile, locale: Locale) {
  const lines = file.content.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  const kept: string[] = [];
  let size = 0;
  for (const line of lines) {
    const safe = escapeCode(line).replace(/```/g, '`\u200B`\u200B`');
    if (size + safe.length + 1 > SNIPPET_MAX_CHARS) break;
    kept.push(safe);
    size += safe.length + 1;
  }
  const name = escapeCode(file.name);
  const blocks: (
    | { type: 'section'; text: { type: 'mrkdwn'; text: string } }
    | { type: 'context'; elements: { type: 'mrkdwn'; text: string }[] }
  )[] = [{ type: 'section', text: { type: 'mrkdwn', text: `*${name}*\n\`\`\`${kept.join('\n') || ' '}\`\`\`` } }];
  const hidden = lines.length - kept.length;
  if (hidden > 0)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `_${escapeCode(tp(locale, 'list_more', hidden))}_` }],
    });
  return { blocks, text: file.name };
}

/** Inside a code block Slack still parses `<...>` and entities, so only those are escaped. */
const escapeCode = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
