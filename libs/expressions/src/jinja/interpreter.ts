/** Tree-walking Jinja2 interpreter over internal values (no code generation). */
import type { Budget } from '../limits.js';
import { PyError, typeError } from '../python/errors.js';
import { LazySeq, PyGenerator, PySet, tuple, typeName } from '../python/types.js';
import { truthy } from '../python/ops.js';
import type { JExpr, JStmt, Target } from './ast.js';
import { getAttribute, getItem, sliceValue } from './attrs.js';
import { jinjaBinary, jinjaCompare, jinjaStr } from './ops.js';
import { JCallable, JLoop, JNamespace, JUndefined, type CallArgs } from './values.js';

export type FilterFn = (
  ip: JinjaInterpreter,
  value: unknown,
  args: readonly unknown[],
  kwargs: ReadonlyMap<string, unknown>,
) => unknown;
export type TestFn = (ip: JinjaInterpreter, value: unknown, args: readonly unknown[]) => boolean;

export class JScope {
  readonly vars = new Map<string, unknown>();
  constructor(readonly parent?: JScope) {}

  lookup(name: string): unknown {
    if (this.vars.has(name)) return this.vars.get(name);
    return this.parent ? this.parent.lookup(name) : new JUndefined(`'${name}' is undefined`);
  }
}

/** Filters that receive undefined values instead of raising. */
const UNDEFINED_OK_FILTERS = new Set(['default', 'd']);
/** Tests that only inspect the type, so an undefined value gives false instead of raising. */
const UNDEFINED_OK_TESTS = new Set([
  'defined',
  'undefined',
  'none',
  'string',
  'number',
  'integer',
  'float',
  'boolean',
  'mapping',
  'callable',
  'true',
  'false',
  'sameas',
  'escaped',
  'filter',
  'test',
]);

export class JinjaInterpreter {
  constructor(
    readonly budget: Budget,
    readonly filters: ReadonlyMap<string, FilterFn>,
    readonly tests: ReadonlyMap<string, TestFn>,
    /** Injected randomness for the `random` filter (the core has none). */
    readonly random?: () => number,
  ) {}

  truthy(v: unknown): boolean {
    if (v instanceof JUndefined) {
      if (v.lenient) return false;
      throw v.fail();
    }
    return truthy(v);
  }

  /** Items of an iterable for `for` loops and filters; dicts iterate keys, strings chars. */
  iterate(v: unknown): unknown[] {
    if (v instanceof JUndefined) {
      if (v.lenient) return [];
      throw v.fail();
    }
    if (Array.isArray(v)) return v;
    if (v instanceof Map) return [...v.keys()];
    if (typeof v === 'string') return Array.from(v);
    if (v instanceof PyGenerator || v instanceof PySet) return v.items;
    if (v instanceof LazySeq) {
      const out: unknown[] = [];
      for (const x of v) {
        this.budget.step();
        out.push(x);
      }
      return out;
    }
    throw typeError(`'${typeName(v)}' object is not iterable`);
  }

  // ------------------------------------------------------------ statements

  render(body: readonly JStmt[], scope: JScope, out: string[]): void {
    for (const st of body) {
      this.budget.step();
      switch (st.t) {
        case 'text':
          this.emit(out, st.text);
          break;
        case 'print':
          this.emit(out, jinjaStr(this.eval(st.x, scope)));
          break;
        case 'if': {
          let done = false;
          for (const [cond, b] of st.branches) {
            if (this.truthy(this.eval(cond, scope))) {
              this.render(b, scope, out);
              done = true;
              break;
            }
          }
          if (!done && st.else) this.render(st.else, scope, out);
          break;
        }
        case 'for': {
          let items = this.iterate(this.eval(st.iter, scope));
          if (st.cond) {
            const cond = st.cond;
            items = items.filter((x) => {
              const s = new JScope(scope);
              this.assign(st.target, x, s);
              return this.truthy(this.eval(cond, s));
            });
          }
          if (items.length === 0) {
            if (st.else) this.render(st.else, scope, out);
            break;
          }
          items.forEach((x, i) => {
            this.budget.step();
            this.budget.enter();
            try {
              const s = new JScope(scope);
              this.assign(st.target, x, s);
              s.vars.set('loop', new JLoop(i, items.length, items));
              this.render(st.body, s, out);
            } finally {
              this.budget.leave();
            }
          });
          break;
        }
        case 'set':
          this.assign(st.target, this.eval(st.x, scope), scope);
          break;
        case 'setblock': {
          const buf: string[] = [];
          this.render(st.body, new JScope(scope), buf);
          scope.vars.set(st.name, buf.join(''));
          break;
        }
        case 'with': {
          const s = new JScope(scope);
          for (const [t, x] of st.assigns) this.assign(t, this.eval(x, scope), s);
          this.render(st.body, s, out);
          break;
        }
        case 'filterblock': {
          const buf: string[] = [];
          this.render(st.body, new JScope(scope), buf);
          const f = st.filter;
          if (f.t !== 'filter') throw typeError('bad filter block');
          this.emit(out, jinjaStr(this.applyFilter(f.name, buf.join(''), f.args, f.kwargs, scope)));
          break;
        }
      }
    }
  }

  private outSize = 0;

  /** Appends rendered text, bounding the total output size. */
  private emit(out: string[], text: string): void {
    this.outSize += text.length;
    this.budget.step(Math.floor(text.length / 64));
    this.budget.check(this.outSize, 'string');
    out.push(text);
  }

  private assign(t: Target, v: unknown, scope: JScope): void {
    if (t.t === 'name') {
      scope.vars.set(t.name, v);
      return;
    }
    if (t.t === 'nsattr') {
      const ns = scope.lookup(t.ns);
      if (!(ns instanceof JNamespace))
        throw new PyError('TemplateRuntimeError', 'cannot assign attribute on non-namespace object');
      ns.attrs.set(t.attr, v);
      return;
    }
    const items = this.iterate(v);
    if (items.length !== t.items.length) {
      throw new PyError(
        'ValueError',
        `not enough values to unpack (expected ${t.items.length}, got ${items.length})`,
      );
    }
    t.items.forEach((sub, i) => this.assign(sub, items[i], scope));
  }

  // ------------------------------------------------------------ expressions

  eval(e: JExpr, scope: JScope): unknown {
    this.budget.step();
    this.budget.enter();
    try {
      return this.budget.size(this.evalNode(e, scope));
    } finally {
      this.budget.leave();
    }
  }

  private evalNode(e: JExpr, scope: JScope): unknown {
    switch (e.t) {
      case 'const':
        return e.v;
      case 'name':
        return scope.lookup(e.name);
      case 'list':
        return e.items.map((x) => this.defined(this.eval(x, scope)));
      case 'tuple':
        return tuple(e.items.map((x) => this.defined(this.eval(x, scope))));
      case 'dict': {
        const m = new Map<unknown, unknown>();
        for (const [k, v] of e.items) {
          const key = this.defined(this.eval(k, scope));
          if (Array.isArray(key) && !isHashable(key)) throw typeError("unhashable type: 'list'");
          if (key instanceof Map) throw typeError("unhashable type: 'dict'");
          m.set(
            typeof key === 'number' && Number.isInteger(key) ? BigInt(key) : key,
            this.defined(this.eval(v, scope)),
          );
        }
        return m;
      }
      case 'getattr':
        return getAttribute(this.eval(e.obj, scope), e.name);
      case 'getitem': {
        const obj = this.eval(e.obj, scope);
        if (e.key.t === 'slice') {
          if (obj instanceof JUndefined) throw obj.fail();
          const k = e.key;
          const ev = (x?: JExpr): unknown => (x ? this.defined(this.eval(x, scope)) : null);
          return sliceValue(obj, ev(k.start), ev(k.stop), ev(k.step));
        }
        return getItem(obj, this.eval(e.key, scope));
      }
      case 'call': {
        const fn = this.eval(e.fn, scope);
        const args = e.args.map((x) => this.eval(x, scope));
        const kwargs = new Map(e.kwargs.map(([k, x]) => [k, this.eval(x, scope)] as const));
        return this.call(fn, { args, kwargs });
      }
      case 'filter':
        return this.applyFilter(e.name, e.x ? this.eval(e.x, scope) : null, e.args, e.kwargs, scope);
      case 'test': {
        const test = this.tests.get(e.name);
        if (!test) throw new PyError('TemplateAssertionError', `No test named '${e.name}'.`);
        const v = this.eval(e.x, scope);
        if (v instanceof JUndefined && !UNDEFINED_OK_TESTS.has(e.name)) throw v.fail();
        const args = e.args.map((x) => this.defined(this.eval(x, scope)));
        const r = test(this, v, args);
        return e.negate ? !r : r;
      }
      case 'unary': {
        const v = this.eval(e.x, scope);
        if (e.op === 'not') return !this.truthy(v);
        if (v instanceof JUndefined) throw v.fail();
        if (typeof v === 'boolean') return e.op === '-' ? (v ? -1n : 0n) : v ? 1n : 0n;
        if (typeof v === 'bigint') return e.op === '-' ? -v : v;
        if (typeof v === 'number') return e.op === '-' ? -v : v;
        throw typeError(`bad operand type for unary ${e.op}: '${typeName(v)}'`);
      }
      case 'binary': {
        if (e.op === 'and') {
          const a = this.eval(e.l, scope);
          return this.truthy(a) ? this.eval(e.r, scope) : a;
        }
        if (e.op === 'or') {
          const a = this.eval(e.l, scope);
          return this.truthy(a) ? a : this.eval(e.r, scope);
        }
        return jinjaBinary(e.op, this.eval(e.l, scope), this.eval(e.r, scope), this.budget);
      }
      case 'compare': {
        let left = this.eval(e.first, scope);
        for (const [op, x] of e.ops) {
          const right = this.eval(x, scope);
          if (!jinjaCompare(op, left, right)) return false;
          left = right;
        }
        return true;
      }
      case 'cond':
        if (this.truthy(this.eval(e.test, scope))) return this.eval(e.then, scope);
        return e.else
          ? this.eval(e.else, scope)
          : new JUndefined(
              'the inline if-expression evaluated to false and no else section was defined.',
              'UndefinedError',
              true,
            );
      case 'slice':
        throw typeError('slice outside of a subscript');
    }
  }

  defined(v: unknown): unknown {
    if (v instanceof JUndefined) throw v.fail();
    return v;
  }

  call(fn: unknown, a: CallArgs): unknown {
    if (fn instanceof JUndefined) throw fn.fail();
    for (const x of a.args) if (x instanceof JUndefined) throw x.fail();
    for (const x of a.kwargs.values()) if (x instanceof JUndefined) throw x.fail();
    if (fn instanceof JCallable) return fn.fn(a);
    throw typeError(`'${typeName(fn)}' object is not callable`);
  }

  applyFilter(
    name: string,
    value: unknown,
    argNodes: readonly JExpr[],
    kwNodes: readonly (readonly [string, JExpr])[],
    scope: JScope,
  ): unknown {
    const f = this.filters.get(name);
    if (!f) throw new PyError('TemplateAssertionError', `No filter named '${name}'.`);
    if (value instanceof JUndefined && !UNDEFINED_OK_FILTERS.has(name)) throw value.fail();
    const args = argNodes.map((x) => this.defined(this.eval(x, scope)));
    const kwargs = new Map(kwNodes.map(([k, x]) => [k, this.defined(this.eval(x, scope))] as const));
    return f(this, value, args, kwargs);
  }
}

function isHashable(v: unknown): boolean {
  if (Array.isArray(v)) return v.every(isHashable);
  return !(v instanceof Map) && !(v instanceof PySet);
}
