// What Autodesk answered when it refused: Problem Details (RFC 9457, `application/problem+json`, most errors) or the
// older APS error body (`application/json`, some 401/403/404). Only the fields a person or an operator can act on are
// kept; the body itself never reaches a log.
import { NumbotError } from '../../errors.ts';

export interface Problem {
  status: number;
  /** The problem type URI (Problem Details), or the APS `errorCode`. */
  type?: string;
  /** A short human title ("Forbidden", "Unsupported product pool"); the status text when the body has none. */
  title: string;
  requestId?: string;
  /** GA: when Autodesk's reassignment quota resets (422 reassignment-quota-exhausted). */
  nextQuotaResetDate?: string;
}

const str = (v: unknown, max = 300): string | undefined =>
  typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined;

/** Reads an error body of either format; anything unreadable gives the status alone. Never throws. */
export function readProblem(status: number, contentType: string | null, text: string): Problem {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    /* not JSON */
  }
  const data = body.data && typeof body.data === 'object' ? (body.data as Record<string, unknown>) : {};
  const type = str(body.type) ?? str(body.errorCode);
  const title = str(body.title, 120) ?? str(body.developerMessage, 120) ?? `HTTP ${status}`;
  const requestId = str(body.requestId, 128);
  const reset = str(data.nextQuotaResetDate, 40);
  void contentType;
  return {
    status,
    title,
    ...(type ? { type } : {}),
    ...(requestId ? { requestId } : {}),
    ...(reset ? { nextQuotaResetDate: reset } : {}),
  };
}

export type AutodeskErrorCode =
  'AUTODESK_NOT_CONNECTED' | 'AUTODESK_RECONNECT' | 'AUTODESK_FORBIDDEN' | 'AUTODESK_REFUSED' | 'AUTODESK_UNREACHABLE';

/** Autodesk refused or could not be reached: `code` says what to do, `problem` what Autodesk said. */
export class AutodeskError extends NumbotError<AutodeskErrorCode> {
  constructor(
    code: AutodeskErrorCode,
    message: string,
    readonly problem?: Problem,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

/** The problem type's last path segment (`reassignment-quota-exhausted`), for decisions. */
export const problemKind = (p: Problem | undefined): string => (p?.type ?? '').split('/').pop() ?? '';
