// The value shapes Mistral's JSON schemas ask for, as predicates, plus
// reporting checkers that name the expected shape in their message.
import { isMap, isSeq, type Node } from 'yaml';
import type { Path } from '../problems.js';
import type { ParseContext } from './options.js';

// A whole value that is one expression: `<% ... %>` or `{{ ... }}` on one line.
const YAQL_WHOLE = /^<%.*?%>\s*$/;
const JINJA_WHOLE = /^\{\{.*?\}\}\s*$/;

export function isExpression(v: unknown): v is string {
  return typeof v === 'string' && (YAQL_WHOLE.test(v) || JINJA_WHOLE.test(v));
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** JSON schema `integer` with minimum 0 (1.0 counts, true does not). */
export function isNonNegativeInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

export function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}

export function isNonEmptyDict(v: unknown): v is Record<string, unknown> {
  return isPlainObject(v) && Object.keys(v).length > 0;
}

/** Short text of a value for messages. */
export function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (typeof v === 'string')
    return v === '' ? 'an empty string' : `'${v.length > 60 ? `${v.slice(0, 57)}...` : v}'`;
  if (Array.isArray(v)) return v.length === 0 ? 'an empty list' : 'a list';
  if (isPlainObject(v)) return Object.keys(v).length === 0 ? 'an empty mapping' : 'a mapping';
  return String(v);
}

/** JSON equality, for `uniqueItems`. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isPlainObject(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}

/** Child nodes of a mapping (by key) or a list (by index), for positions of inner values. */
export function childNode(node: Node | null, key: string | number): Node | null {
  if (node === null) return null;
  if (isMap(node) && typeof key === 'string') {
    for (const pair of node.items) {
      const k = pair.key as { value?: unknown } | null;
      if (k !== null && String(k.value) === key) return (pair.value as Node | null) ?? (pair.key as Node);
    }
  }
  if (isSeq(node) && typeof key === 'number') return (node.items[key] as Node | null) ?? null;
  return null;
}

/** The key node of `key` in a mapping node, for problems about the key itself. */
export function keyNode(node: Node | null, key: string): Node | null {
  if (node === null || !isMap(node)) return null;
  for (const pair of node.items) {
    const k = pair.key as (Node & { value?: unknown }) | null;
    if (k !== null && String(k.value) === key) return k;
  }
  return null;
}

const EXPR_HINT = 'an expression (<% ... %> or {{ ... }})';

/** Each checker reports a problem and returns false when the value has the wrong shape. */
export const check = {
  nonEmptyString(ctx: ParseContext, v: unknown, node: Node | null, path: Path, what: string): v is string {
    if (isNonEmptyString(v)) return true;
    ctx.src.report(node, path, `${what} must be a non-empty string, got ${describe(v)}`);
    return false;
  },

  nonEmptyDict(
    ctx: ParseContext,
    v: unknown,
    node: Node | null,
    path: Path,
    what: string,
  ): v is Record<string, unknown> {
    if (isNonEmptyDict(v)) return true;
    ctx.src.report(node, path, `${what} must be a mapping with at least one key, got ${describe(v)}`);
    return false;
  },

  uniqueStringList(
    ctx: ParseContext,
    v: unknown,
    node: Node | null,
    path: Path,
    what: string,
  ): v is string[] {
    if (!Array.isArray(v) || v.length === 0) {
      ctx.src.report(node, path, `${what} must be a non-empty list of strings, got ${describe(v)}`);
      return false;
    }
    let ok = true;
    v.forEach((item, i) => {
      if (!isNonEmptyString(item)) {
        ctx.src.report(
          childNode(node, i) ?? node,
          [...path, i],
          `${what} items must be non-empty strings, got ${describe(item)}`,
        );
        ok = false;
      } else if (v.indexOf(item) !== i) {
        ctx.src.report(childNode(node, i) ?? node, [...path, i], `${what} lists '${item}' twice`);
        ok = false;
      }
    });
    return ok;
  },

  expressionOrNonNegativeInteger(
    ctx: ParseContext,
    v: unknown,
    node: Node | null,
    path: Path,
    what: string,
  ): boolean {
    if (isExpression(v) || isNonNegativeInteger(v)) return true;
    ctx.src.report(node, path, `${what} must be a whole number >= 0 or ${EXPR_HINT}, got ${describe(v)}`);
    return false;
  },

  expressionOrBoolean(ctx: ParseContext, v: unknown, node: Node | null, path: Path, what: string): boolean {
    if (isExpression(v) || typeof v === 'boolean') return true;
    ctx.src.report(node, path, `${what} must be true, false or ${EXPR_HINT}, got ${describe(v)}`);
    return false;
  },

  expression(ctx: ParseContext, v: unknown, node: Node | null, path: Path, what: string): v is string {
    if (isExpression(v)) return true;
    ctx.src.report(node, path, `${what} must be ${EXPR_HINT}, got ${describe(v)}`);
    return false;
  },
};
