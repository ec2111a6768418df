// SiroccoErrors (the core's typed rejections) as Connect errors with the gRPC
// code a client can act on; the message is kept as written for people.
import { Code, ConnectError } from '@connectrpc/connect';
import { isSiroccoError, type SiroccoErrorCode } from '@sirocco/workflow';

const CODES: Record<SiroccoErrorCode, Code> = {
  NOT_FOUND: Code.NotFound,
  INVALID_INPUT: Code.InvalidArgument,
  DSL_INVALID: Code.InvalidArgument,
  CONFLICT: Code.AlreadyExists,
  INVALID_STATE: Code.FailedPrecondition,
  UNAVAILABLE: Code.Unavailable,
};

export function toConnectError(error: unknown): unknown {
  if (error instanceof ConnectError || !isSiroccoError(error)) return error;
  return new ConnectError(error.message, CODES[error.code], undefined, undefined, error);
}

/** Runs `work`, turning a SiroccoError into its Connect error. */
export async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toConnectError(error);
  }
}

export const invalidArgument = (message: string): ConnectError =>
  new ConnectError(message, Code.InvalidArgument);
export const notFoundError = (message: string): ConnectError => new ConnectError(message, Code.NotFound);
