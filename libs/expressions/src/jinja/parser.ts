/** Jinja2 expression and statement parser (mirrors jinja2.parser precedence). */
import type { JExpr, JStmt, Target } from './ast.js';
import { JinjaSyntaxError } from './errors.js';
import { lexExpression, lexTemplate, type JToken, type Part } from './lexer.js';

const COMPARE_OPS = new Set(['==', '!=', '<', '>', '<=', '>=']);
const MAX_DEPTH = 200;

class ExprParser {
  private i = 0;
  private depth = 0;
  constructor(private readonly toks: JToken[]) {}

  peek(o = 0): JToken {
    return (this.toks[this.i + o] ?? this.toks[this.toks.length - 1]) as JToken;
  }
  next(): JToken {
    const t = this.peek();
    if (this.i < this.toks.length - 1) this.i++;
    return t;
  }
  atEnd(): boolean {
    return this.peek().type === 'eof';
  }
  isOp(v: string, o = 0): boolean {
    const t = this.peek(o);
    return t.type === 'op' && t.value === v;
  }
  isName(v: string, o = 0): boolean {
    const t = this.peek(o);
    return t.type === 'name' && t.value === v;
  }
  fail(msg?: string): never {
    const t = this.peek();
    throw new JinjaSyntaxError(
      msg ?? (t.type === 'eof' ? 'unexpected end of expression' : `unexpected '${t.value}'`),
      t.pos,
    );
  }
  expectOp(v: string): void {
    if (!this.isOp(v)) this.fail(`expected '${v}'`);
    this.next();
  }
  expectName(v?: string): string {
    const t = this.peek();
    if (t.type !== 'name' || (v !== undefined && t.value !== v))
      this.fail(v ? `expected '${v}'` : 'expected a name');
    this.next();
    return t.value;
  }
  expectEnd(): void {
    if (!this.atEnd()) this.fail();
  }

  private guard<T>(f: () => T): T {
    if (++this.depth > MAX_DEPTH) this.fail('expression is nested too deeply');
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  /** parse_tuple: `a, b` without parentheses makes a tuple. */
  tuple(simplified = false, withCond = true): JExpr {
    const items: JExpr[] = [];
    let isTuple = false;
    for (;;) {
      if (items.length && this.isOp(',')) {
        this.next();
        isTuple = true;
        if (
          this.atEnd() ||
          this.isOp(')') ||
          this.isOp(']') ||
          this.isOp('}') ||
          this.isName('in') ||
          this.isOp('=')
        )
          break;
      } else if (items.length) break;
      items.push(simplified ? this.primary() : withCond ? this.expr() : this.or());
    }
    if (!isTuple) return items[0] as JExpr;
    return { t: 'tuple', items };
  }

  expr(): JExpr {
    return this.guard(() => this.condexpr());
  }

  private condexpr(): JExpr {
    let e = this.or();
    while (this.isName('if')) {
      this.next();
      const test = this.or();
      let alt: JExpr | undefined;
      if (this.isName('else')) {
        this.next();
        alt = this.condexpr();
      }
      e = alt ? { t: 'cond', test, then: e, else: alt } : { t: 'cond', test, then: e };
    }
    return e;
  }

  private or(): JExpr {
    let l = this.and();
    while (this.isName('or')) {
      this.next();
      l = { t: 'binary', op: 'or', l, r: this.and() };
    }
    return l;
  }

  private and(): JExpr {
    let l = this.not();
    while (this.isName('and')) {
      this.next();
      l = { t: 'binary', op: 'and', l, r: this.not() };
    }
    return l;
  }

  private not(): JExpr {
    if (this.isName('not')) {
      this.next();
      return { t: 'unary', op: 'not', x: this.guard(() => this.not()) };
    }
    return this.compare();
  }

  private compare(): JExpr {
    const first = this.math1();
    const ops: [string, JExpr][] = [];
    for (;;) {
      const t = this.peek();
      if (t.type === 'op' && COMPARE_OPS.has(t.value)) {
        this.next();
        ops.push([t.value, this.math1()]);
      } else if (this.isName('in')) {
        this.next();
        ops.push(['in', this.math1()]);
      } else if (this.isName('not') && this.isName('in', 1)) {
        this.next();
        this.next();
        ops.push(['notin', this.math1()]);
      } else break;
    }
    return ops.length ? { t: 'compare', first, ops } : first;
  }

  private math1(): JExpr {
    let l = this.concat();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().value;
      l = { t: 'binary', op, l, r: this.concat() };
    }
    return l;
  }

  private concat(): JExpr {
    let l = this.math2();
    while (this.isOp('~')) {
      this.next();
      l = { t: 'binary', op: '~', l, r: this.math2() };
    }
    return l;
  }

  private math2(): JExpr {
    let l = this.pow();
    while (this.isOp('*') || this.isOp('/') || this.isOp('//') || this.isOp('%')) {
      const op = this.next().value;
      l = { t: 'binary', op, l, r: this.pow() };
    }
    return l;
  }

  private pow(): JExpr {
    let l = this.unary();
    while (this.isOp('**')) {
      this.next();
      l = { t: 'binary', op: '**', l, r: this.unary() };
    }
    return l;
  }

  private unary(withFilter = true): JExpr {
    let node: JExpr;
    if (this.isOp('-') || this.isOp('+')) {
      const op = this.next().value as '-' | '+';
      node = { t: 'unary', op, x: this.guard(() => this.unary(false)) };
    } else node = this.primary();
    node = this.postfix(node);
    if (withFilter) node = this.filterExpr(node);
    return node;
  }

  primary(): JExpr {
    const t = this.next();
    switch (t.type) {
      case 'name':
        if (t.value === 'true' || t.value === 'True') return { t: 'const', v: true };
        if (t.value === 'false' || t.value === 'False') return { t: 'const', v: false };
        if (t.value === 'none' || t.value === 'None') return { t: 'const', v: null };
        return { t: 'name', name: t.value };
      case 'string': {
        let s = t.value;
        while (this.peek().type === 'string') s += this.next().value;
        return { t: 'const', v: s };
      }
      case 'int':
        return { t: 'const', v: BigInt(t.value) };
      case 'float':
        return { t: 'const', v: Number(t.value) };
      case 'op':
        if (t.value === '(') {
          if (this.isOp(')')) {
            this.next();
            return { t: 'tuple', items: [] };
          }
          const e = this.guard(() => this.tuple());
          this.expectOp(')');
          return e;
        }
        if (t.value === '[') {
          const items: JExpr[] = [];
          while (!this.isOp(']')) {
            if (items.length) this.expectOp(',');
            if (this.isOp(']')) break;
            items.push(this.expr());
          }
          this.next();
          return { t: 'list', items };
        }
        if (t.value === '{') {
          const items: [JExpr, JExpr][] = [];
          while (!this.isOp('}')) {
            if (items.length) this.expectOp(',');
            if (this.isOp('}')) break;
            const k = this.expr();
            this.expectOp(':');
            items.push([k, this.expr()]);
          }
          this.next();
          return { t: 'dict', items };
        }
        break;
      default:
        break;
    }
    this.i--;
    return this.fail();
  }

  private postfix(node: JExpr): JExpr {
    for (;;) {
      if (this.isOp('.')) {
        this.next();
        const t = this.next();
        if (t.type === 'name') node = { t: 'getattr', obj: node, name: t.value };
        else if (t.type === 'int')
          node = { t: 'getitem', obj: node, key: { t: 'const', v: BigInt(t.value) } };
        else this.fail('expected name or number');
      } else if (this.isOp('[')) {
        this.next();
        const keys: JExpr[] = [];
        while (!this.isOp(']')) {
          if (keys.length) this.expectOp(',');
          if (this.isOp(']')) break;
          keys.push(this.subscribed());
        }
        this.next();
        if (keys.length === 0) this.fail('expected subscript expression');
        node = {
          t: 'getitem',
          obj: node,
          key: keys.length === 1 ? (keys[0] as JExpr) : { t: 'tuple', items: keys },
        };
      } else if (this.isOp('(')) {
        node = this.call(node);
      } else return node;
    }
  }

  private subscribed(): JExpr {
    let start: JExpr | undefined;
    if (!this.isOp(':')) {
      start = this.expr();
      if (!this.isOp(':')) return start;
    }
    this.next();
    let stop: JExpr | undefined;
    let step: JExpr | undefined;
    if (!this.isOp(']') && !this.isOp(',') && !this.isOp(':')) stop = this.expr();
    if (this.isOp(':')) {
      this.next();
      if (!this.isOp(']') && !this.isOp(',')) step = this.expr();
    }
    const s: { t: 'slice'; start?: JExpr; stop?: JExpr; step?: JExpr } = { t: 'slice' };
    if (start) s.start = start;
    if (stop) s.stop = stop;
    if (step) s.step = step;
    return s;
  }

  private callArgs(): { args: JExpr[]; kwargs: [string, JExpr][] } {
    this.expectOp('(');
    const args: JExpr[] = [];
    const kwargs: [string, JExpr][] = [];
    while (!this.isOp(')')) {
      if (args.length || kwargs.length) this.expectOp(',');
      if (this.isOp(')')) break;
      if (this.isOp('*') || this.isOp('**')) this.fail('*args/**kwargs are not supported');
      if (this.peek().type === 'name' && this.isOp('=', 1)) {
        const k = this.next().value;
        this.next();
        kwargs.push([k, this.expr()]);
      } else {
        if (kwargs.length) this.fail('positional argument follows keyword argument');
        args.push(this.expr());
      }
    }
    this.next();
    return { args, kwargs };
  }

  private call(fn: JExpr): JExpr {
    const { args, kwargs } = this.callArgs();
    return { t: 'call', fn, args, kwargs };
  }

  private dottedName(): string {
    let name = this.expectName();
    while (this.isOp('.')) {
      this.next();
      name += '.' + this.expectName();
    }
    return name;
  }

  filterTail(x: JExpr | null): JExpr {
    const name = this.dottedName();
    let args: JExpr[] = [];
    let kwargs: [string, JExpr][] = [];
    if (this.isOp('(')) ({ args, kwargs } = this.callArgs());
    return { t: 'filter', x, name, args, kwargs };
  }

  private filterExpr(node: JExpr): JExpr {
    for (;;) {
      if (this.isOp('|')) {
        this.next();
        node = this.filterTail(node);
      } else if (this.isName('is')) {
        this.next();
        let negate = false;
        if (this.isName('not')) {
          this.next();
          negate = true;
        }
        const name = this.dottedName();
        let args: JExpr[] = [];
        let kwargs: [string, JExpr][] = [];
        const t = this.peek();
        if (this.isOp('(')) ({ args, kwargs } = this.callArgs());
        else if (
          (t.type === 'name' ||
            t.type === 'string' ||
            t.type === 'int' ||
            t.type === 'float' ||
            this.isOp('[') ||
            this.isOp('{')) &&
          !(t.type === 'name' && ['else', 'or', 'and'].includes(t.value))
        ) {
          if (t.type === 'name' && t.value === 'is') this.fail('You cannot chain multiple tests with is');
          args = [this.postfix(this.primary())];
        }
        node = { t: 'test', x: node, name, args, kwargs, negate };
      } else if (this.isOp('(')) {
        node = this.call(node);
      } else return node;
    }
  }

  target(): Target {
    const items: Target[] = [];
    let isTuple = false;
    const one = (): Target => {
      if (this.isOp('(')) {
        this.next();
        const t = this.target();
        this.expectOp(')');
        return t;
      }
      const name = this.expectName();
      if (this.isOp('.')) {
        this.next();
        return { t: 'nsattr', ns: name, attr: this.expectName() };
      }
      return { t: 'name', name };
    };
    items.push(one());
    while (this.isOp(',')) {
      this.next();
      isTuple = true;
      if (this.isName('in') || this.isOp('=') || this.atEnd() || this.isOp(')')) break;
      items.push(one());
    }
    return isTuple ? { t: 'tuple', items } : (items[0] as Target);
  }
}

/** Parses a bare expression (Mistral's whole-value `compile_expression`). */
export function parseJinjaExpression(text: string): JExpr {
  const p = new ExprParser(lexExpression(text));
  const e = p.expr();
  p.expectEnd();
  return e;
}

const END_TAGS: Record<string, string[]> = {
  if: ['elif', 'else', 'endif'],
  for: ['else', 'endfor'],
  set: ['endset'],
  with: ['endwith'],
  filter: ['endfilter'],
};

class TemplateParser {
  private i = 0;
  constructor(private readonly parts: Part[]) {}

  private blockName(p: Part): string | undefined {
    if (p.kind !== 'block') return undefined;
    const t = p.tokens[0];
    return t?.type === 'name' ? t.value : undefined;
  }

  parse(stop: string[] = []): { body: JStmt[]; end?: string; endParser?: ExprParser } {
    const body: JStmt[] = [];
    while (this.i < this.parts.length) {
      const part = this.parts[this.i++] as Part;
      if (part.kind === 'data') {
        body.push({ t: 'text', text: part.text });
        continue;
      }
      const p = new ExprParser(part.tokens);
      if (part.kind === 'var') {
        const x = p.tuple();
        p.expectEnd();
        body.push({ t: 'print', x });
        continue;
      }
      const name = this.blockName(part) ?? p.fail('tag name expected');
      if (stop.includes(name)) {
        p.next();
        return { body, end: name, endParser: p };
      }
      p.next();
      body.push(this.statement(name, p));
    }
    if (stop.length)
      throw new JinjaSyntaxError(
        `Unexpected end of template. Jinja was looking for one of: ${stop.map((s) => `'${s}'`).join(', ')}`,
        0,
      );
    return { body };
  }

  private statement(name: string, p: ExprParser): JStmt {
    switch (name) {
      case 'if': {
        const branches: [JExpr, JStmt[]][] = [];
        let cond = p.tuple(false, false);
        p.expectEnd();
        for (;;) {
          const r = this.parse(END_TAGS.if as string[]);
          branches.push([cond, r.body]);
          const ep = r.endParser as ExprParser;
          if (r.end === 'elif') {
            cond = ep.tuple(false, false);
            ep.expectEnd();
            continue;
          }
          if (r.end === 'else') {
            ep.expectEnd();
            const e = this.parse(['endif']);
            (e.endParser as ExprParser).expectEnd();
            return { t: 'if', branches, else: e.body };
          }
          ep.expectEnd();
          return { t: 'if', branches };
        }
      }
      case 'for': {
        const target = p.target();
        p.expectName('in');
        const iter = p.tuple(false, false);
        let cond: JExpr | undefined;
        if (p.isName('if')) {
          p.next();
          cond = p.expr();
        }
        if (p.isName('recursive')) p.fail('recursive loops are not supported');
        p.expectEnd();
        const r = this.parse(END_TAGS.for as string[]);
        (r.endParser as ExprParser).expectEnd();
        let elseBody: JStmt[] | undefined;
        if (r.end === 'else') {
          const e = this.parse(['endfor']);
          (e.endParser as ExprParser).expectEnd();
          elseBody = e.body;
        }
        const s: { t: 'for'; target: Target; iter: JExpr; body: JStmt[]; else?: JStmt[]; cond?: JExpr } = {
          t: 'for',
          target,
          iter,
          body: r.body,
        };
        if (elseBody) s.else = elseBody;
        if (cond) s.cond = cond;
        return s;
      }
      case 'set': {
        const target = p.target();
        if (p.isOp('=')) {
          p.next();
          const x = p.tuple();
          p.expectEnd();
          return { t: 'set', target, x };
        }
        if (target.t !== 'name') p.fail('expected a name');
        p.expectEnd();
        const r = this.parse(['endset']);
        (r.endParser as ExprParser).expectEnd();
        return { t: 'setblock', name: target.name, body: r.body };
      }
      case 'with': {
        const assigns: [Target, JExpr][] = [];
        while (!p.atEnd()) {
          if (assigns.length) p.expectOp(',');
          const t = p.target();
          p.expectOp('=');
          assigns.push([t, p.expr()]);
        }
        const r = this.parse(['endwith']);
        (r.endParser as ExprParser).expectEnd();
        return { t: 'with', assigns, body: r.body };
      }
      case 'filter': {
        const filter = p.filterTail(null);
        p.expectEnd();
        const r = this.parse(['endfilter']);
        (r.endParser as ExprParser).expectEnd();
        return { t: 'filterblock', filter, body: r.body };
      }
    }
    return p.fail(`Encountered unknown tag '${name}'.`);
  }
}

export function parseJinjaTemplate(text: string): JStmt[] {
  // keep_trailing_newline=False: one trailing newline of the source is dropped.
  const src = text.endsWith('\r\n')
    ? text.slice(0, -2)
    : text.endsWith('\n') || text.endsWith('\r')
      ? text.slice(0, -1)
      : text;
  return new TemplateParser(lexTemplate(src)).parse().body;
}
