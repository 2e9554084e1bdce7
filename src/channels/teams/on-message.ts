// A typed message: the text goes to the core as a command; its answer comes back as cards.
import { TurnContext } from 'botbuilder';
import type { TeamsTurnDeps } from './deps.ts';
import { htmlToLines } from './html-to-lines.ts';
import { teamsActor } from './identity.ts';
import { sendReply } from './send-reply.ts';

/**
 * The command as typed, one line a line: Teams sends several lines (roster lines pasted under `import`) as HTML in
 * `text` and as a `text/html` attachment; whichever keeps more lines is used, converted to plain lines.
 */
export function messageText(turn: TurnContext): string {
  const plain = htmlToLines(TurnContext.removeRecipientMention(turn.activity) ?? turn.activity.text ?? '');
  const html = turn.activity.attachments?.find((a) => a.contentType === 'text/html' && typeof a.content === 'string');
  if (!html) return plain;
  const fromHtml = htmlToLines(html.content as string);
  return fromHtml.split('\n').length > plain.split('\n').length ? fromHtml : plain;
}

/** Whoever wrote, roster or not: the core decides what a user outside the migration is told. */
export async function onMessage(ctx: TeamsTurnDeps, turn: TurnContext): Promise<void> {
  const actor = await teamsActor(ctx, turn);
  const reply = await ctx.handle({ kind: 'command', actor, text: messageText(turn) });
  await sendReply(ctx, turn, reply);
}
