// Errors the card renderer raises, with a stable code so callers (CLI, delivery) can tell bad input from a template bug.

export type CardErrorCode =
  'UNKNOWN_CARD' | 'UNKNOWN_LOCALE' | 'UNKNOWN_KEY' | 'INVALID_DATA' | 'TEMPLATE' | 'TOO_LARGE';
import { NumbotError } from '../errors.ts';

export class CardError extends NumbotError<CardErrorCode> {}
