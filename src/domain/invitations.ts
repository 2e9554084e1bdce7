// Autodesk invitations age: one still pending after 7 days should be sent again, and after 90 days it is void and the
// person must be added to the team again.
import type { Person } from './types.ts';

const DAY_MS = 86_400_000;
export const RESEND_AFTER_MS = 7 * DAY_MS;
export const READD_AFTER_MS = 90 * DAY_MS;

export type InvitationFollowUp = 'none' | 'fresh' | 'resend' | 'readd';

/** What a pending invitation needs at `now`, counted from its last sending. */
export function invitationFollowUp(p: Pick<Person, 'invite'>, now: number): InvitationFollowUp {
  if (p.invite.status !== 'invited') return 'none';
  const age = now - p.invite.at;
  if (age >= READD_AFTER_MS) return 'readd';
  return age >= RESEND_AFTER_MS ? 'resend' : 'fresh';
}

export interface InvitationFollowUps {
  resend: string[];
  readd: string[];
}

/** Splits pending invitations into those to resend and those to re-add (person ids, in the order given). */
export function invitationFollowUps(
  people: readonly Pick<Person, 'id' | 'invite'>[],
  now: number,
): InvitationFollowUps {
  const out: InvitationFollowUps = { resend: [], readd: [] };
  for (const p of people) {
    const f = invitationFollowUp(p, now);
    if (f === 'resend') out.resend.push(p.id);
    else if (f === 'readd') out.readd.push(p.id);
  }
  return out;
}
