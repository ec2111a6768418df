// Every error becomes Mistral's fault body `{"faultcode", "faultstring",
// "debuginfo"}`. Known errors keep their status; anything unexpected is a
// 500 with the stack logged, never leaked.
import type { ErrorRequestHandler, Response } from 'express';
import { isSiroccoError, type SiroccoErrorCode } from '@sirocco/workflow';
import { HttpError } from './http-error.js';
import { pyJsonDumps } from './python-json.js';

const STATUS_BY_CODE: Readonly<Record<SiroccoErrorCode, number>> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_INPUT: 400,
  DSL_INVALID: 400,
  INVALID_STATE: 400,
  UNAVAILABLE: 503,
};

export interface ErrorLogger {
  error(message: string, error: unknown): void;
}

export function sendFault(res: Response, status: number, message: string): void {
  res
    .status(status)
    .type('application/json')
    .send(
      pyJsonDumps({ faultcode: status >= 500 ? 'Server' : 'Client', faultstring: message, debuginfo: null }),
    );
}

/** body-parser's errors carry `type` and `status`. */
interface BodyParserError {
  readonly type?: string;
  readonly status?: number;
  readonly limit?: number;
}

export function errorMiddleware(logger: ErrorLogger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof HttpError) {
      for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
      sendFault(res, error.status, error.message);
      return;
    }
    if (isSiroccoError(error)) {
      sendFault(res, STATUS_BY_CODE[error.code] ?? 400, error.message);
      return;
    }
    const bp = error as BodyParserError;
    if (bp && typeof bp.type === 'string' && typeof bp.status === 'number' && bp.status < 500) {
      const message =
        bp.type === 'entity.too.large'
          ? `Request body is too large (limit ${bp.limit ?? '?'} bytes)`
          : bp.type === 'encoding.unsupported' || bp.type === 'charset.unsupported'
            ? 'Unsupported request body encoding'
            : 'Request body could not be read';
      sendFault(res, bp.status, message);
      return;
    }
    logger.error(`Unexpected error on ${req.method} ${req.originalUrl}`, error);
    sendFault(res, 500, 'Internal Server Error');
  };
}
