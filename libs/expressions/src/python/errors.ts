/**
 * A Python-level failure raised inside an interpreter (KeyError, TypeError, ...).
 * The public API wraps it into an ExpressionError of the Mistral class.
 */
export class PyError extends Error {
  constructor(
    readonly pyType: string,
    message: string,
  ) {
    super(message);
    this.name = pyType;
  }
}

export function typeError(message: string): PyError {
  return new PyError('TypeError', message);
}

export function valueError(message: string): PyError {
  return new PyError('ValueError', message);
}

export function keyError(key: string): PyError {
  return new PyError('KeyError', key);
}

export function indexError(message = 'index out of range'): PyError {
  return new PyError('IndexError', message);
}

export function zeroDivision(message = 'division by zero'): PyError {
  return new PyError('ZeroDivisionError', message);
}

/** Raised when a resource bound (steps, size, depth) is exceeded. */
export class LimitError extends PyError {
  constructor(message: string) {
    super('LimitExceeded', message);
  }
}
