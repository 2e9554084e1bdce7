// Turns what a person typed into words: one grammar for a Slack slash command, a Teams message and the playground.

export interface Tokens {
  /** The command line split into words; quoted words ("AutoCAD LT") stay whole. */
  words: string[];
  /** Everything after the first line break (a pasted CSV for `import`); '' when none. */
  body: string;
}

// Teams puts the bot's @mention in the text ("<at>numbot</at> notify pending"); other clients send "@numbot".
const LEADING_MENTION = /^(?:\s*<at>[^<]*<\/at>|\s*@[\w.-]+)+/i;
// The playground and pasted Slack text may keep the slash command itself ("/migrate notify pending").
const LEADING_SLASH = /^\s*\/[a-z0-9_-]+(?=\s|$)/i;

/** Splits one line into words, honouring "double" and 'single' quotes and the curly quotes chat clients insert. */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|“([^”]*)”|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const word = m[1] ?? m[2] ?? m[3] ?? m[4] ?? '';
    if (word !== '') words.push(word);
  }
  return words;
}

/** Strips a leading mention or slash command, then splits the first line into words and keeps the rest as body. */
export function tokenise(text: string): Tokens {
  const clean = text.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ');
  const stripped = clean
    .replace(LEADING_MENTION, '')
    .replace(LEADING_SLASH, '')
    .replace(/^[ \t]+/, '');
  const nl = stripped.indexOf('\n');
  const first = nl === -1 ? stripped : stripped.slice(0, nl);
  const body = nl === -1 ? '' : stripped.slice(nl + 1);
  return { words: splitWords(first), body: body.trim() === '' ? '' : body };
}
