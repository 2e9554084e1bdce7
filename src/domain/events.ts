import type { ChatIdentities, Locale, Person, Role } from './types.ts';

/** Everything that can happen to one person. Times come from the caller's `now`. */
export type PersonEvent =
  | { type: 'invite.sent' }
  | { type: 'invite.accepted' }
  | { type: 'invite.failed'; reason: string }
  | { type: 'product.assigned'; product: string }
  | { type: 'product.unassigned'; product: string }
  | { type: 'device.network'; product: string; device: string }
  | { type: 'device.switched'; product: string; device: string; by: 'user' | 'script' | 'autodesk' }
  | { type: 'inform.sent' }
  | { type: 'inform.acknowledged'; product?: string }
  | { type: 'inform.help'; text: string }
  | { type: 'reminder.sent' }
  | { type: 'reminder.escalated' }
  | { type: 'reminder.snoozed'; until: number }
  | { type: 'reminder.opted_out' }
  | { type: 'reminder.opted_in' }
  | { type: 'locale.set'; locale: Locale }
  | { type: 'chat.linked'; chat: ChatIdentities }
  | { type: 'role.granted'; role: Role }
  | { type: 'role.revoked'; role: Role }
  | {
      type: 'profile.updated';
      profile: Partial<
        Pick<Person, 'firstName' | 'lastName' | 'locale' | 'timeZone' | 'manager' | 'department' | 'products' | 'logins'>
      >;
    };

export type PersonEventType = PersonEvent['type'];
