// Errors a caller can act on. Each has a stable `code`; the REST layer maps
// codes to HTTP statuses, the core never knows about HTTP.

export type SiroccoErrorCode =
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_INPUT'
  | 'DSL_INVALID'
  | 'INVALID_STATE'
  | 'UNAVAILABLE';

export class SiroccoError extends Error {
  override name = 'SiroccoError';
  constructor(
    readonly code: SiroccoErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (message: string): SiroccoError => new SiroccoError('NOT_FOUND', message);
export const conflict = (message: string): SiroccoError => new SiroccoError('CONFLICT', message);
export const invalidInput = (message: string, details?: unknown): SiroccoError =>
  new SiroccoError('INVALID_INPUT', message, details);

export const isSiroccoError = (e: unknown): e is SiroccoError =>
  e instanceof Error && typeof (e as { code?: unknown }).code === 'string' && e.name === 'SiroccoError';
