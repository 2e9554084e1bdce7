// One error base for the edges and the libraries they use, as bolt-js's CodedError: a stable `code` a caller can act on
// (answer the person, retry, stop the boot), and a message for people or logs. The pure core keeps its own
// DomainError (src/domain/errors.ts), since src/domain/ imports nothing outside itself.

export class NumbotError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Text from outside (a file, a setting, an argument) that cannot be used as it is: the message says what to fix. */
export class InvalidInputError extends NumbotError<'INVALID_INPUT'> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INVALID_INPUT', message, options);
  }
}

/** True when `err` is a NumbotError carrying one of these codes. */
export function hasErrorCode<C extends string>(err: unknown, ...codes: C[]): err is NumbotError<C> {
  return err instanceof NumbotError && (codes as string[]).includes(err.code);
}
