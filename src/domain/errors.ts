/** Stable codes for rule violations; edges map them to messages. */
export type DomainErrorCode =
  | 'ILLEGAL_TRANSITION'
  | 'ALREADY_DONE'
  | 'NOT_ASSIGNED'
  | 'UNKNOWN_PRODUCT'
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'CONFLICT';

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
export const fail = <T = never>(code: DomainErrorCode, message: string): Result<T> => ({
  ok: false,
  error: new DomainError(code, message),
});
