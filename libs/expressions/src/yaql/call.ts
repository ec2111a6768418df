/** Argument access for built-in YAQL functions (eager values, lambdas, named args). */
import { PyError } from '../python/errors.js';
import type { Node } from './ast.js';
import type { Interpreter } from './interpreter.js';
import type { Scope } from './scope.js';

export class NoMatch extends PyError {
  constructor(name: string) {
    super('NoMatchingFunctionException', `No function "${name}" matches supplied arguments`);
  }
}

export class Call {
  private readonly cache = new Map<number, unknown>();
  readonly positional: Node[] = [];
  readonly named = new Map<string, Node>();
  /** `key => value` arguments whose key is not a bare name (e.g. in switch/dict). */
  readonly mappings: { key: Node; value: Node }[] = [];

  constructor(
    readonly interp: Interpreter,
    readonly scope: Scope,
    readonly name: string,
    args: readonly Node[],
    /** Method receiver, already evaluated; it is positional argument 0. */
    readonly receiver?: { value: unknown },
  ) {
    for (const a of args) {
      if (a.t === 'mapping') {
        this.mappings.push({ key: a.key, value: a.value });
        if (a.key.t === 'kw') this.named.set(a.key.name, a.value);
      } else this.positional.push(a);
    }
  }

  get isMethod(): boolean {
    return this.receiver !== undefined;
  }

  /** Number of positional arguments, receiver included. */
  get count(): number {
    return this.positional.length + (this.receiver ? 1 : 0);
  }

  noMatch(): NoMatch {
    return new NoMatch(this.name);
  }

  /** Requires the positional count to be within [min, max] and no unexpected named args. */
  arity(min: number, max = min, allowNamed: readonly string[] = []): void {
    if (this.count < min || this.count > max) throw this.noMatch();
    for (const k of this.named.keys()) if (!allowNamed.includes(k)) throw this.noMatch();
    if (this.mappings.length !== this.named.size) throw this.noMatch();
  }

  node(i: number): Node {
    const n = this.positional[this.receiver ? i - 1 : i];
    if (!n || (this.receiver && i === 0)) throw this.noMatch();
    return n;
  }

  has(i: number): boolean {
    return i < this.count;
  }

  val(i: number): unknown {
    if (this.receiver && i === 0) return this.receiver.value;
    if (this.cache.has(i)) return this.cache.get(i);
    const v = this.interp.eval(this.node(i), this.scope);
    this.cache.set(i, v);
    return v;
  }

  /** Positional value or `dflt` when absent. */
  opt(i: number, dflt: unknown): unknown {
    return this.has(i) ? this.val(i) : dflt;
  }

  namedVal(name: string, dflt: unknown): unknown {
    const n = this.named.get(name);
    return n ? this.interp.eval(n, this.scope) : dflt;
  }

  /** Positional arg i as a lambda: `$`/`$1`, `$2`, ... bound to the call arguments. */
  lambda(i: number): (...xs: unknown[]) => unknown {
    if (this.receiver && i === 0) throw this.noMatch();
    return this.interp.makeLambda(this.node(i), this.scope);
  }

  namedLambda(name: string): ((...xs: unknown[]) => unknown) | undefined {
    const n = this.named.get(name);
    return n ? this.interp.makeLambda(n, this.scope) : undefined;
  }
}

export type BuiltinKind = 'function' | 'method' | 'both';

export interface Builtin {
  readonly kind: BuiltinKind;
  readonly impl: (c: Call) => unknown;
}

export type Registry = Map<string, Builtin>;

function accepts(kind: BuiltinKind, c: Call): boolean {
  return kind === 'both' || (kind === 'method') === c.isMethod;
}

/**
 * Registers an overload. Like yaql, one name may have several overloads (e.g. the
 * string and the query `join`): the newest overload that accepts the call form is
 * tried first and the older ones are tried when it reports NoMatch.
 */
export function define(
  reg: Registry,
  kind: BuiltinKind,
  names: string | string[],
  impl: (c: Call) => unknown,
): void {
  for (const n of Array.isArray(names) ? names : [names]) {
    const prev = reg.get(n);
    if (!prev) {
      reg.set(n, { kind, impl });
      continue;
    }
    const merged: BuiltinKind = prev.kind === kind ? kind : 'both';
    reg.set(n, {
      kind: merged,
      impl: (c) => {
        if (!accepts(kind, c)) return prev.impl(c);
        if (!accepts(prev.kind, c)) return impl(c);
        try {
          return impl(c);
        } catch (e) {
          if (e instanceof NoMatch) return prev.impl(c);
          throw e;
        }
      },
    });
  }
}
