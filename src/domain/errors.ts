/** Stable codes for rule violations; edges map them to messages. */
export type DomainErrorCode =
  | 'ILLEGAL_TRANSITION'
  | 'ALREADY_DONE'
  | 'NOT_ASSIGNED'
  | 'UNKNOWN_PRODUCT'
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'CONFLICT'
  /** The change would break a floor the caller asked to keep (e.g. the last admin). */
  | 'REFUSED';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
/**
 * A rule's refusal as a value. No stack trace is captured: refusals are ordinary outcomes (a re-import produces one
 * `ALREADY_DONE` per unchanged person) and a stack costs more than the rule itself.
 */
export function fail<T = never>(code: DomainErrorCode, message: string): Result<T> {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return { ok: false, error: new DomainError(code, message) };
  } finally {
    Error.stackTraceLimit = limit;
  }
}
