// The expression checks Mistral runs at registration: a string may use YAQL
// or Jinja but not both, and (through the hook) each expression must parse.
// Mistral checks only some fields, and only a string, the strings of a list
// or the string values of a mapping (not deeper); the callers mirror that.
import type { Node } from 'yaml';
import type { Path } from '../problems.js';
import type { ParseContext } from './options.js';
import { childNode, isPlainObject } from './values.js';
import { checkSyntax } from '@sirocco/expressions';

const YAQL_ANY = /<%.*?%>/;
const JINJA_ANY = /\{\{.*?\}\}|\{%.*?%\}/;

export function hasYaql(s: string): boolean {
  return YAQL_ANY.test(s);
}

export function hasJinja(s: string): boolean {
  return JINJA_ANY.test(s);
}

/** Checks one string; `node` is where a problem points (the string itself, or its one-line parent). */
export function checkExpressionString(ctx: ParseContext, s: string, node: Node | null, path: Path): void {
  const yaql = hasYaql(s);
  const jinja = hasJinja(s);
  if (yaql && jinja) {
    ctx.src.report(
      node,
      path,
      'mixes YAQL (<% %>) and Jinja ({{ }}) in one string; Mistral allows one expression language per string',
    );
    return;
  }
  if (!yaql && !jinja) return;
  // The expression library's parser is the default checker; tests may pass another.
  const message = (ctx.options.checkExpressionSyntax ?? checkSyntax)(s);
  if (message !== undefined) ctx.src.report(node, path, `invalid expression: ${message}`);
}

/**
 * Mistral's `validate_expr`: a string, each string of a list, or each string
 * value of a mapping. `node` is the value's YAML node when it has one; values
 * that come from a one-line form share their parent's node.
 */
export function checkExpressions(ctx: ParseContext, value: unknown, node: Node | null, path: Path): void {
  if (typeof value === 'string') {
    checkExpressionString(ctx, value, node, path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (typeof item === 'string')
        checkExpressionString(ctx, item, childNode(node, i) ?? node, [...path, i]);
    });
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === 'string')
        checkExpressionString(ctx, item, childNode(node, key) ?? node, [...path, key]);
    }
  }
}
