// Autodesk Account rejects names with these words or characters; one bad entry fails a whole "Invite Multiple".

const FORBIDDEN_WORDS = ['admin', 'autodesk', 'employee', 'moderator', 'support', 'www.'];
const FORBIDDEN_CHARS = [':', '/', '%'];

/** Why Autodesk would reject this first or last name, or undefined when it is acceptable. */
export function autodeskNameProblem(name: string): string | undefined {
  const lower = name.toLowerCase();
  const word = FORBIDDEN_WORDS.find((w) => lower.includes(w));
  if (word) return `contains "${word}", which Autodesk Account rejects`;
  const ch = FORBIDDEN_CHARS.find((c) => name.includes(c));
  if (ch) return `contains "${ch}", which Autodesk Account rejects`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we reject
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'contains control characters';
  if (name.length > 100) return 'is longer than 100 characters';
  return undefined;
}
