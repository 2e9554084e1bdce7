// Graph's answers to "add this member", translated into outcomes an admin can act on.
import { RETRY_STATUSES } from './retry-policy.ts';

export type MemberOutcome = { kind: 'done' } | { kind: 'already' } | { kind: 'failed'; reason: string };

interface GraphErrorBody {
  error?: { code?: unknown; message?: unknown };
}

const errorOf = (body: unknown) => (body as GraphErrorBody | undefined)?.error;
export const graphErrorCode = (body: unknown): string => {
  const code = errorOf(body)?.code;
  return typeof code === 'string' ? code : 'unknown';
};

/** Graph answers 400 with this message when the user is already a member: that is what we wanted. */
export function isAlreadyMember(status: number, body: unknown): boolean {
  const message = errorOf(body)?.message;
  return status === 400 && typeof message === 'string' && /added object references already exist/i.test(message);
}

/** The outcome of `POST groups/{id}/members/$ref`. */
export function memberAddOutcome(status: number, body: unknown, attempts: number, groupId: string): MemberOutcome {
  if (status >= 200 && status < 300) return { kind: 'done' };
  if (isAlreadyMember(status, body)) return { kind: 'already' };
  const code = graphErrorCode(body);
  if (status === 403)
    return {
      kind: 'failed',
      reason: `Microsoft Graph refused (403 ${code}): the app needs GroupMember.ReadWrite.All with admin consent`,
    };
  if (status === 404)
    return {
      kind: 'failed',
      reason: `Microsoft Graph 404 ${code}: group ${groupId} or the user does not exist (check ENTRA_GROUPS)`,
    };
  return { kind: 'failed', reason: graphFailure(status, body, attempts) };
}

/** A reason for any other unwanted answer: throttling that outlasted the retries, or Graph's error code. */
export function graphFailure(status: number, body: unknown, attempts: number, doing = ''): string {
  if (RETRY_STATUSES.has(status))
    return `Microsoft Graph still throttling or unavailable (${status}) after ${attempts} attempts${doing}: try again later`;
  return `Microsoft Graph ${status} ${graphErrorCode(body)}${doing}`;
}
