/** Jinja runtime values that are not plain data: undefined, callables, namespaces. */
import { PyError } from '../python/errors.js';

/** StrictUndefined: any use other than `is defined` / `default` raises. */
export class JUndefined {
  constructor(
    readonly hint: string,
    /** Error class raised on use (SecurityError for unsafe attributes). */
    readonly errorType: 'UndefinedError' | 'SecurityError' = 'UndefinedError',
    /** Jinja's plain Undefined (an `if` expression without else): prints '' and is falsy. */
    readonly lenient = false,
  ) {}

  fail(): PyError {
    return new PyError(this.errorType, this.hint);
  }
}

export interface CallArgs {
  readonly args: readonly unknown[];
  readonly kwargs: ReadonlyMap<string, unknown>;
}

/** A callable value: a bound method, a global function, a Mistral function partial. */
export class JCallable {
  constructor(
    readonly name: string,
    readonly fn: (a: CallArgs) => unknown,
    /** Python type name shown in errors (`builtin_function_or_method`, `function`, ...). */
    readonly pyType = 'builtin_function_or_method',
  ) {}
}

/** `namespace(...)`: an attribute bag that `{% set ns.x = ... %}` may assign to. */
export class JNamespace {
  constructor(readonly attrs: Map<string, unknown>) {}
}

/** The `loop` variable inside `{% for %}`. */
export class JLoop {
  constructor(
    readonly index0: number,
    readonly length: number,
    readonly items: readonly unknown[],
  ) {}
}

export function undefinedCheck(v: unknown): unknown {
  if (v instanceof JUndefined) throw v.fail();
  return v;
}
