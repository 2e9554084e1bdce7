// Autodesk's invitation clock: a pending invitation should be resent after 7 days and is void after 90,
// when the person must be added again.
import type { InviteState } from '../domain/types.ts';

const DAY = 86_400_000;
export const RESEND_AFTER_MS = 7 * DAY;
export const EXPIRES_AFTER_MS = 90 * DAY;

export type InvitationAge = 'none' | 'fresh' | 'resend_due' | 'expired';

/** How old the last invitation is at `now`: `none` when the person is not (or no longer) pending. */
export function invitationAge(invite: InviteState, now: number): InvitationAge {
  if (invite.status !== 'invited') return 'none';
  const age = now - invite.at;
  if (age >= EXPIRES_AFTER_MS) return 'expired';
  return age >= RESEND_AFTER_MS ? 'resend_due' : 'fresh';
}
