// The names Autodesk Account refuses in an invitation; one bad entry fails a whole "Invite Multiple".
// Source: IMAGINiT, "Autodesk Account Invalid Formatting Error"
// (https://resources.imaginit.com/support-blog/autodesk-account-invalid-formatting-error): the words "admin",
// "Autodesk", "employee", "moderator", "support", profane words, and "https%3A", "www.", ":", "/", "%" are not
// allowed in a first or last name (not e-mail addresses); it suggests "Administrator" instead of "Admin", so the
// words are whole words, not substrings. Cadac (Autodesk partner): double-byte (full-width) digits are not supported.
// Where a word only appears inside a longer one ("Supporter", "Kadmina"), we are not sure: a warning, not a refusal.

const WORDS = ['admin', 'autodesk', 'employee', 'moderator', 'support'];
const LITERALS = ['www.', ':', '/', '%'];
const FULL_WIDTH_DIGIT = /[\uFF10-\uFF19]/;

/** `word` as a whole word of `name`: not preceded or followed by a letter or digit (any script). */
const wholeWord = (word: string) => new RegExp(`(^|[^\\p{L}\\p{N}])${word}(?=$|[^\\p{L}\\p{N}])`, 'iu');

/** Why Autodesk would reject this first or last name, or undefined when it is acceptable. */
export function autodeskNameProblem(name: string): string | undefined {
  const word = WORDS.find((w) => wholeWord(w).test(name));
  if (word) return `contains "${word}", which Autodesk Account rejects`;
  const literal = LITERALS.find((c) => name.toLowerCase().includes(c));
  if (literal) return `contains "${literal}", which Autodesk Account rejects`;
  if (FULL_WIDTH_DIGIT.test(name)) return 'contains full-width (double-byte) digits, which Autodesk Account rejects';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we reject
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'contains control characters';
  if (name.length > 100) return 'is longer than 100 characters';
  return undefined;
}

/**
 * A doubt worth telling the admin, for a name Autodesk is not known to refuse: one of its words inside a longer
 * word ("Administrator" is accepted; others are not documented either way). Undefined when there is none.
 */
export function autodeskNameWarning(name: string): string | undefined {
  if (autodeskNameProblem(name)) return undefined;
  const word = WORDS.find((w) => name.toLowerCase().includes(w));
  return word
    ? `contains "${word}" inside a word: Autodesk Account refuses the word on its own, this is probably accepted (check the invitation)`
    : undefined;
}
