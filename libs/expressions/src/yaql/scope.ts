/** YAQL variable scopes (yaql "contexts"): `$name` lookups walk up to the root. */
import type { Node } from './ast.js';

export interface UserFunction {
  readonly body: Node;
  readonly scope: Scope;
}

export class Scope {
  private readonly vars = new Map<string, unknown>();
  private readonly funcs = new Map<string, UserFunction>();
  constructor(readonly parent?: Scope) {}

  /** `$` is an alias of `$1`, as in yaql. */
  static normalize(name: string): string {
    const n = name.startsWith('$') ? name.slice(1) : name;
    return n === '' ? '1' : n;
  }

  set(name: string, value: unknown): void {
    this.vars.set(Scope.normalize(name), value);
  }

  /** Unknown variables are null, not an error. */
  get(name: string): unknown {
    return this.lookup(Scope.normalize(name));
  }

  private lookup(key: string): unknown {
    if (this.vars.has(key)) return this.vars.get(key);
    return this.parent ? this.parent.lookup(key) : null;
  }

  defineFunction(name: string, fn: UserFunction): void {
    this.funcs.set(name, fn);
  }

  findFunction(name: string): UserFunction | undefined {
    return this.funcs.get(name) ?? this.parent?.findFunction(name);
  }

  child(): Scope {
    return new Scope(this);
  }
}

/** The value of `let(...)`, `with(...)`, `unpack(...)`, `def(...)`: only usable left of `->`. */
export class ScopeValue {
  constructor(readonly scope: Scope) {}
}
