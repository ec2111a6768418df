/** Precedence-climbing YAQL parser with yaql's operator table (see NOTES §4). */
import type { Node } from './ast.js';
import { YaqlSyntaxError } from './errors.js';
import { tokenize, type Token } from './lexer.js';

/** Binding power of binary operators; higher binds tighter. `->` is right-associative. */
const BINARY_BP: Record<string, number> = {
  '->': 10,
  or: 20,
  and: 30,
  '>': 50,
  '<': 50,
  '>=': 50,
  '<=': 50,
  '!=': 50,
  '=': 50,
  in: 50,
  '+': 60,
  '-': 60,
  '*': 70,
  '/': 70,
  mod: 70,
  '=~': 80,
  '!~': 80,
  '[': 100,
  '.': 110,
  '?.': 110,
};
const PREFIX_BP: Record<string, number> = { not: 40, '+': 90, '-': 90 };
const MAX_DEPTH = 200;

class Parser {
  private i = 0;
  private depth = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  private peek(): Token {
    return this.tokens[this.i] as Token;
  }

  private next(): Token {
    return this.tokens[this.i++] as Token;
  }

  private fail(tok: Token): never {
    const what = tok.type === 'EOF' ? 'end of expression' : `'${tok.value}'`;
    throw new YaqlSyntaxError(
      `Parse error: unexpected ${what} at position ${tok.pos} in '${this.text}'`,
      tok.pos,
    );
  }

  private isOp(tok: Token, value: string): boolean {
    return tok.type === 'OP' && tok.value === value;
  }

  private expectOp(value: string): void {
    const tok = this.next();
    if (!this.isOp(tok, value)) this.fail(tok);
  }

  parseAll(): Node {
    if (this.peek().type === 'EOF') this.fail(this.peek());
    const node = this.expr(0);
    if (this.peek().type !== 'EOF') this.fail(this.peek());
    return node;
  }

  expr(minBp: number): Node {
    if (++this.depth > MAX_DEPTH) {
      throw new YaqlSyntaxError('expression is nested too deeply', this.peek().pos);
    }
    try {
      let left = this.prefix();
      for (;;) {
        const tok = this.peek();
        if (tok.type !== 'OP') break;
        const bp = BINARY_BP[tok.value];
        if (bp === undefined || bp <= minBp) break;
        this.next();
        if (tok.value === '[') {
          const args = this.args(']');
          left = { t: 'index', recv: left, args };
        } else if (tok.value === '.' || tok.value === '?.') {
          const member = this.expr(bp);
          left = { t: 'dot', safe: tok.value === '?.', recv: left, member };
        } else {
          const right = this.expr(tok.value === '->' ? bp - 1 : bp);
          left = { t: 'binary', op: tok.value, l: left, r: right };
        }
      }
      return left;
    } finally {
      this.depth--;
    }
  }

  private prefix(): Node {
    const tok = this.next();
    switch (tok.type) {
      case 'NUMBER':
        return { t: 'const', v: tok.isFloat ? Number(tok.value) : BigInt(tok.value) };
      case 'STRING':
        return { t: 'const', v: tok.value };
      case 'TRUE':
        return { t: 'const', v: true };
      case 'FALSE':
        return { t: 'const', v: false };
      case 'NULL':
        return { t: 'const', v: null };
      case 'KEYWORD':
        return { t: 'kw', name: tok.value };
      case 'DOLLAR':
        return { t: 'var', name: tok.value === '' ? '1' : tok.value };
      case 'FUNC':
        return { t: 'call', name: tok.value, args: this.args(')') };
      case 'OP': {
        const pbp = PREFIX_BP[tok.value];
        if (pbp !== undefined) return { t: 'unary', op: tok.value, x: this.expr(pbp) };
        if (tok.value === '(') {
          const x = this.expr(0);
          this.expectOp(')');
          return { t: 'paren', x };
        }
        if (tok.value === '[') return { t: 'list', items: this.args(']') };
        if (tok.value === '{') return { t: 'map', items: this.args('}') };
        return this.fail(tok);
      }
      default:
        return this.fail(tok);
    }
  }

  /** Comma-separated arguments, each `expr` or `expr => expr`, up to `close`. */
  private args(close: string): Node[] {
    const out: Node[] = [];
    if (this.isOp(this.peek(), close)) {
      this.next();
      return out;
    }
    let named = false;
    for (;;) {
      const start = this.peek();
      const value = this.expr(0);
      if (this.isOp(this.peek(), '=>')) {
        this.next();
        out.push({ t: 'mapping', key: value, value: this.expr(0) });
        named = true;
      } else {
        // yaql's grammar has no positional argument after a named one.
        if (named) this.fail(start);
        out.push(value);
      }
      const tok = this.next();
      if (this.isOp(tok, close)) return out;
      if (!this.isOp(tok, ',')) this.fail(tok);
    }
  }
}

/** Parses one YAQL expression (without `<% %>`); throws YaqlSyntaxError. */
export function parseYaql(text: string): Node {
  return new Parser(tokenize(text), text).parseAll();
}
