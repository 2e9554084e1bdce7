// Who may run what, and which people a caller may see.
import type { Caller } from '../services/resolve-caller.ts';

/**
 * Who may run a command:
 * - `anyone`: even a chat user the bot cannot link to a person (`help`);
 * - `person`: anyone in the roster (`lang`, `stop`, `start`);
 * - `self`: anyone in the roster for themselves, and admins even when not in it (`script`: theirs is the fleet's);
 * - `manager`: admins, and managers limited to their own people (`status`, `who`, `person`);
 * - `admin`: migration admins only.
 */
export type Access = 'anyone' | 'person' | 'self' | 'manager' | 'admin';

/** True when the caller may run a command of this access level. */
export function mayRun(access: Access, caller: Caller): boolean {
  switch (access) {
    case 'anyone':
      return true;
    case 'person':
      return caller.person !== undefined;
    case 'self':
      return caller.person !== undefined || caller.isAdmin;
    case 'manager':
      return caller.isAdmin || (caller.isManager && caller.personId !== undefined);
    case 'admin':
      return caller.isAdmin;
  }
}

/** Which people a caller's answers may show: everybody (admins) or the people whose manager they are. */
export type Scope = { kind: 'all' } | { kind: 'manager'; managerId: string };

export function scopeOf(caller: Caller): Scope {
  if (caller.isAdmin) return { kind: 'all' };
  // No person id matches nobody: a manager scope is never widened by a missing id.
  return { kind: 'manager', managerId: caller.personId ?? '' };
}

/** True when a person falls within the scope. */
export function inScope(scope: Scope, person: { manager?: string }): boolean {
  return scope.kind === 'all' || (scope.managerId !== '' && person.manager === scope.managerId);
}
