/** Tree-walking YAQL interpreter. Values follow ../python/types.ts. */
import type { ExpressionFunctions } from '../api-types.js';
import type { Budget } from '../limits.js';
import { PyError, keyError, indexError } from '../python/errors.js';
import { pyRepr } from '../python/format.js';
import { dictGet, dictHas, truthy } from '../python/ops.js';
import { LazySeq, PyGenerator, PySet } from '../python/types.js';
import type { Node } from './ast.js';
import { Call, NoMatch, type Registry } from './call.js';
import { yaqlBinary, yaqlUnary } from './operators.js';
import { ScopeValue, type Scope } from './scope.js';

/** What Mistral's functions need from the caller: the data context and engine callbacks. */
export interface Host {
  readonly data: unknown;
  readonly functions?: ExpressionFunctions;
}

export class Interpreter {
  constructor(
    readonly registry: Registry,
    readonly budget: Budget,
    readonly host: Host,
  ) {}

  eval(node: Node, scope: Scope): unknown {
    this.budget.step();
    this.budget.enter();
    try {
      return this.evalNode(node, scope);
    } finally {
      this.budget.leave();
    }
  }

  makeLambda(node: Node, scope: Scope): (...xs: unknown[]) => unknown {
    return (...xs: unknown[]) => {
      const s = scope.child();
      xs.forEach((x, i) => s.set(String(i + 1), x));
      return this.eval(node, s);
    };
  }

  private evalNode(node: Node, scope: Scope): unknown {
    switch (node.t) {
      case 'const':
        return node.v;
      case 'kw':
        return node.name;
      case 'var':
        return scope.get(node.name);
      case 'paren':
        return this.eval(node.x, scope);
      case 'unary':
        if (node.op === 'not') return !truthy(this.eval(node.x, scope));
        return yaqlUnary(node.op, this.eval(node.x, scope));
      case 'binary':
        return this.binary(node.op, node.l, node.r, scope);
      case 'dot': {
        const recv = this.eval(node.recv, scope);
        if (node.safe && recv === null) return null;
        return this.member(recv, node.member, scope);
      }
      case 'call':
        return this.callFunction(node.name, node.args, scope);
      case 'index':
        return this.index(this.eval(node.recv, scope), node.args, scope);
      case 'list':
        return this.callFunction('#list', node.items, scope);
      case 'map':
        return this.callFunction('#map', node.items, scope);
      case 'mapping':
        throw new PyError('YaqlGrammarException', 'unexpected "=>" outside of an argument list');
    }
  }

  private binary(op: string, l: Node, r: Node, scope: Scope): unknown {
    if (op === 'and') {
      const a = this.eval(l, scope);
      return truthy(a) ? this.eval(r, scope) : a;
    }
    if (op === 'or') {
      const a = this.eval(l, scope);
      return truthy(a) ? a : this.eval(r, scope);
    }
    if (op === '->') {
      const ctx = this.eval(l, scope);
      if (!(ctx instanceof ScopeValue)) throw new NoMatch('#operator_->');
      return this.eval(r, ctx.scope);
    }
    return this.budget.size(yaqlBinary(op, this.eval(l, scope), this.eval(r, scope), this.budget));
  }

  /** `recv.member`: keyword -> attribute, call -> method, anything else -> evaluated with `$` = recv. */
  private member(recv: unknown, member: Node, scope: Scope): unknown {
    if (member.t === 'kw') return this.attribute(recv, member.name);
    if (member.t === 'call') return this.callMethod(member.name, recv, member.args, scope);
    const s = scope.child();
    s.set('1', recv);
    return this.eval(member, s);
  }

  attribute(recv: unknown, name: string): unknown {
    if (recv instanceof Map) {
      if (!dictHas(recv, name)) throw keyError(pyRepr(name));
      return dictGet(recv, name);
    }
    if (Array.isArray(recv) || recv instanceof PySet || recv instanceof PyGenerator) {
      const items = Array.isArray(recv) ? recv : recv.items;
      return new PyGenerator(
        items.map((x) => {
          this.budget.step();
          return this.attribute(x, name);
        }),
      );
    }
    if (recv instanceof LazySeq) {
      const out: unknown[] = [];
      for (const x of recv) {
        this.budget.step();
        out.push(this.attribute(x, name));
      }
      return new PyGenerator(out);
    }
    throw new PyError('NoFunctionRegisteredException', `Unknown function "#property#${name}"`);
  }

  private index(recv: unknown, args: readonly Node[], scope: Scope): unknown {
    const vals = args.map((a) => {
      if (a.t === 'mapping') throw new NoMatch('#indexer');
      return this.eval(a, scope);
    });
    if (recv instanceof Map) {
      if (vals.length === 1 || vals.length === 2) {
        const key = vals[0];
        if (dictHas(recv, key)) return dictGet(recv, key);
        if (vals.length === 2) return vals[1];
        throw keyError(pyRepr(key));
      }
      throw new NoMatch('#indexer');
    }
    // Only real sequences are indexable; yaql query results (iterators) are not.
    const items = Array.isArray(recv) ? recv : undefined;
    const idx = typeof vals[0] === 'boolean' ? (vals[0] ? 1n : 0n) : vals[0];
    if (items && vals.length === 1 && typeof idx === 'bigint') {
      const n = BigInt(items.length);
      let i = idx;
      if (i < 0n) i += n;
      if (i < 0n || i >= n) throw indexError('tuple index out of range');
      return items[Number(i)];
    }
    throw new NoMatch('#indexer');
  }

  callFunction(name: string, args: readonly Node[], scope: Scope): unknown {
    const user = scope.findFunction(name);
    if (user) {
      const vals = args.map((a) => this.eval(a, scope));
      const s = user.scope.child();
      vals.forEach((v, i) => s.set(String(i + 1), v));
      return this.eval(user.body, s);
    }
    const b = this.registry.get(name);
    if (!b) throw new PyError('NoFunctionRegisteredException', `Unknown function "${name}"`);
    if (b.kind === 'method')
      throw new PyError('NoMatchingFunctionException', `Function "${name}" can only be called as a method`);
    return this.budget.size(b.impl(new Call(this, scope, name, args)));
  }

  callMethod(name: string, recv: unknown, args: readonly Node[], scope: Scope): unknown {
    const b = this.registry.get(name);
    if (!b) throw new PyError('NoFunctionRegisteredException', `Unknown function "${name}"`);
    if (b.kind === 'function') throw new PyError('NoMethodRegisteredException', `Unknown method "${name}"`);
    try {
      return this.budget.size(b.impl(new Call(this, scope, name, args, { value: recv })));
    } catch (e) {
      if (e instanceof NoMatch) {
        throw new PyError(
          'NoMatchingMethodException',
          `No method "${name}" for receiver ${pyRepr(recv)} matches supplied arguments`,
        );
      }
      throw e;
    }
  }
}
