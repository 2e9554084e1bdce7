// The "Invite Multiple" paste box: `First Name, Last Name, Email` entries separated by `;`.
// Autodesk adds none when one entry is bad, and the box has no quoting, so the text is offered only when every
// entry is safe.
import type { Person } from '../../domain/types.ts';
import { INVITE_MULTIPLE_LOCATION } from './upload-locations.ts';

export const MAX_INVITE_MULTIPLE = 50;

export type InviteMultiple = { ok: true; text: string; uploadTo: string } | { ok: false; reason: string };

/** The paste text for these people (already screened), or why there is none. */
export function inviteMultipleText(people: Person[]): InviteMultiple {
  if (people.length === 0) return { ok: false, reason: 'nobody to invite' };
  if (people.length > MAX_INVITE_MULTIPLE)
    return { ok: false, reason: `more than ${MAX_INVITE_MULTIPLE} people: use the import file` };
  const entries: string[] = [];
  for (const p of people) {
    const fields = [p.firstName.trim(), p.lastName.trim(), p.email.trim()];
    if (fields.some((f) => /[,;\r\n]/.test(f)))
      return { ok: false, reason: `${p.id} has a comma or semicolon in a field: use the import file` };
    entries.push(fields.join(', '));
  }
  return { ok: true, text: entries.join('; '), uploadTo: INVITE_MULTIPLE_LOCATION };
}
