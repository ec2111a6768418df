// Typed failures, after Temporal's failure.ts: one base class carrying
// `nonRetryable` and optional data, and a subclass per cause, so callers
// branch on the class instead of parsing messages.

export interface FailureOptions {
  readonly nonRetryable?: boolean;
  readonly data?: unknown;
  readonly cause?: unknown;
}

export abstract class ActionFailure extends Error {
  /** Stable kind, survives serialization where `instanceof` does not. */
  abstract readonly type: string;
  /** Retrying the same input cannot succeed (bad input, unknown action...). */
  readonly nonRetryable: boolean;
  readonly data: unknown;

  constructor(message: string, options: FailureOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.nonRetryable = options.nonRetryable ?? false;
    this.data = options.data;
  }
}

/** The action itself failed (Mistral's ActionException). */
export class ApplicationFailure extends ActionFailure {
  readonly type = 'ApplicationFailure';
}

/** Input does not match the action's parameters. */
export class InvalidInputFailure extends ActionFailure {
  readonly type = 'InvalidInputFailure';
  constructor(message: string, options: Omit<FailureOptions, 'nonRetryable'> = {}) {
    super(message, { ...options, nonRetryable: true });
  }
}

export class ActionNotFoundFailure extends ActionFailure {
  readonly type = 'ActionNotFoundFailure';
  constructor(readonly actionName: string) {
    super(`Failed to find action [action_name=${actionName}]`, { nonRetryable: true });
  }
}

/** The action exists in Mistral but Sirocco cannot run it. */
export class NotSupportedFailure extends ActionFailure {
  readonly type = 'NotSupportedFailure';
  constructor(message: string) {
    super(message, { nonRetryable: true });
  }
}

export class TimeoutFailure extends ActionFailure {
  readonly type = 'TimeoutFailure';
  constructor(readonly timeoutSeconds: number) {
    // Mistral's executor stops actions with an eventlet Timeout whose text is "<n> second(s)".
    super(`${timeoutSeconds} second${timeoutSeconds === 1 ? '' : 's'}`);
  }
}

/** The run was aborted from outside (executor shutdown, cancellation). */
export class CancelledFailure extends ActionFailure {
  readonly type = 'CancelledFailure';
}

/** Wraps anything thrown into an ActionFailure, keeping the original as cause. */
export function ensureActionFailure(thrown: unknown): ActionFailure {
  if (thrown instanceof ActionFailure) return thrown;
  if (thrown instanceof Error) return new ApplicationFailure(thrown.message, { cause: thrown });
  return new ApplicationFailure(String(thrown), { cause: thrown });
}
