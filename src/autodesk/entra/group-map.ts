// ENTRA_GROUPS maps roster products to the Entra groups Autodesk assigns them to ("By group"). Invitations use the
// group under `_invite` (alias `*`): a group synced to Autodesk with no product, so membership only creates the user.
import { normaliseProductName } from '../product-names.ts';

export const INVITE_GROUP_KEYS = ['_invite', '*'] as const;

const isInviteKey = (k: string) => (INVITE_GROUP_KEYS as readonly string[]).includes(k);

/** The group whose members Autodesk creates as users, or undefined when none is configured. */
export function inviteGroupId(groups: Record<string, string>): string | undefined {
  for (const k of INVITE_GROUP_KEYS) if (groups[k]) return groups[k];
  return undefined;
}

/** The group for this product: the exact key first, then the same product written another way. */
export function productGroupId(groups: Record<string, string>, product: string): string | undefined {
  if (groups[product] && !isInviteKey(product)) return groups[product];
  const wanted = normaliseProductName(product);
  const hit = Object.entries(groups).find(([k]) => !isInviteKey(k) && normaliseProductName(k) === wanted);
  return hit?.[1];
}
