import type { ChatIdentities, Locale, Person, Role } from './types.ts';

/** Everything that can happen to one person. Times come from the caller's `now`. */
export type PersonEvent =
  | { type: 'invite.sent' }
  | { type: 'invite.accepted' }
  | { type: 'invite.failed'; reason: string }
  | { type: 'product.assigned'; product: string }
  | { type: 'product.unassigned'; product: string }
  /** `borrowedUntil`: the device holds a borrowed network licence that returns by itself then (else a plain use). */
  | { type: 'device.network'; product: string; device: string; borrowedUntil?: number }
  | { type: 'device.switched'; product: string; device: string; by: 'user' | 'script' | 'autodesk' }
  /** `round`: the card's round; the same round applied twice (a crash re-running a sent card's effects) is ALREADY_DONE. */
  | { type: 'inform.sent'; round?: number }
  | { type: 'inform.acknowledged'; product?: string }
  | { type: 'inform.help'; text: string }
  /** `round`: the reminder's number; applied twice, ALREADY_DONE (as for inform.sent). */
  | { type: 'reminder.sent'; round?: number }
  | { type: 'reminder.escalated' }
  | { type: 'reminder.snoozed'; until: number }
  | { type: 'reminder.opted_out' }
  /** The card telling the person how to return a borrowed licence (back by itself at `until`) was sent (a notice: not
   * a reminder, so an opt-out does not hold it back). */
  | { type: 'borrow.told'; until: number }
  | { type: 'reminder.opted_in' }
  | { type: 'locale.set'; locale: Locale }
  | { type: 'chat.linked'; chat: ChatIdentities }
  /** The platform's account is gone (deactivated): the person is no longer reachable there. */
  | { type: 'chat.unlinked'; platform: 'slack' | 'teams' }
  | { type: 'role.granted'; role: Role }
  | { type: 'role.revoked'; role: Role }
  | {
      type: 'profile.updated';
      profile: Partial<
        Pick<
          Person,
          'firstName' | 'lastName' | 'locale' | 'timeZone' | 'manager' | 'department' | 'products' | 'logins'
        >
      >;
    };

export type PersonEventType = PersonEvent['type'];
