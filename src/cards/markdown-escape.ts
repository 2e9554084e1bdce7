// Text from outside (names, notes, products, e-mails) shown as itself: Teams TextBlocks render Markdown and Slack
// renders mrkdwn, so a name like "*Ann* _B_" would otherwise come out bold or italic, and Teams drops "<b>" as a tag.
// Checked in Microsoft 365 Agents Playground (Teams' renderer): "\*", "\_", "\`", "\<" show the character itself. Cards carry CommonMark
// backslash escapes (what Teams' Markdown understands); the Slack converter turns each escape into the character
// guarded by zero-width spaces, which mrkdwn does not treat as a formatting boundary; plain-text places (headers,
// buttons, fallback text) drop the escapes.

const SPECIAL = /[\\`*_~[\]<>]/g;
const ESCAPED = /\\([\\`*_~[\]<>#+.-])/g;
const ZWSP = '\u200B';

/**
 * Escapes the Markdown characters of outside text (emphasis, code, links), and on its second and later lines a start
 * that would make a list or a heading (a value's first line sits inside a sentence).
 */
export function escapeMarkdown(text: string): string {
  const escaped = text.replace(SPECIAL, '\\$&');
  if (!escaped.includes('\n')) return escaped;
  return escaped.replace(/\n(\s*)([-+#])(?=\s|$)/g, '\n$1\\$2').replace(/\n(\s*\d+)\.(?=\s|$)/g, '\n$1\\.');
}

/** The text as a person reads it: escapes removed. */
export const unescapeMarkdown = (text: string): string => text.replace(ESCAPED, '$1');

/** Slack: mrkdwn formatting characters shown as themselves (guarded by zero-width spaces). */
export const guardMrkdwn = (text: string): string => text.replace(/[*_~`]/g, `${ZWSP}$&${ZWSP}`);
