// Errors the card renderer raises, with a stable code so callers (CLI, delivery) can tell bad input from a template bug.

export type CardErrorCode =
  'UNKNOWN_CARD' | 'UNKNOWN_LOCALE' | 'UNKNOWN_KEY' | 'INVALID_DATA' | 'TEMPLATE' | 'TOO_LARGE';

export class CardError extends Error {
  constructor(
    readonly code: CardErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CardError';
  }
}
