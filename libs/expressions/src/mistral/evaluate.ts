/** Mistral's evaluate / evaluate_recursively dispatch (NOTES §1, §2, §7) over internal values. */
import { ExpressionError } from '../errors.js';
import { evaluateJinjaString } from '../jinja/evaluate.js';
import { PyError } from '../python/errors.js';
import { pyStr } from '../python/format.js';
import { pyStrip } from '../python/strings.js';
import { truthy } from '../python/ops.js';
import { YaqlSyntaxError } from '../yaql/errors.js';
import { evaluateYaql } from '../yaql/evaluate.js';
import { yaqlData, type InternalContext } from './context.js';
import { yaqlOutput } from './output.js';
import { findYaql, isJinja, isYaql, stripChars } from './patterns.js';

function wrapError(kind: string, expression: string, e: unknown): ExpressionError {
  if (e instanceof ExpressionError) return e;
  if (e instanceof PyError || e instanceof YaqlSyntaxError)
    return new ExpressionError(kind, expression, e.name, e.message);
  if (e instanceof RangeError) return new ExpressionError(kind, expression, 'RecursionError', e.message);
  return new ExpressionError(kind, expression, 'Error', e instanceof Error ? e.message : String(e));
}

function evalOneYaql(text: string, ctx: InternalContext): unknown {
  const expr = pyStrip(stripChars(text, '<%>'), null, true, true);
  try {
    return yaqlOutput(evaluateYaql(expr, yaqlData(ctx), ctx.functions, ctx.limits));
  } catch (e) {
    throw wrapError('YaqlEvaluationException', expr, e);
  }
}

/** InlineYAQLEvaluator.evaluate: whole-value or `str.replace` interpolation. */
export function evaluateInlineYaql(s: string, ctx: InternalContext): unknown {
  const matches = findYaql(s);
  let result: unknown = s;
  for (const m of matches) {
    const value = evalOneYaql(m, ctx);
    if (m.length === s.length) result = value;
    else result = (result as string).split(m).join(pyStr(value));
  }
  return result;
}

/** Mistral `evaluate(value, ctx)` for one value: Jinja first, then YAQL, else unchanged. */
export function evaluateValue(value: unknown, ctx: InternalContext): unknown {
  if (typeof value !== 'string') return value;
  if (isJinja(value)) return evaluateJinjaString(value, ctx);
  if (isYaql(value)) return evaluateInlineYaql(value, ctx);
  return value;
}

export function evaluateRecursivelyInternal(data: unknown, ctx: InternalContext, depth = 0): unknown {
  if (depth > 1000)
    throw new ExpressionError('YaqlEvaluationException', '', 'RecursionError', 'data is nested too deeply');
  if (typeof data === 'string') return evaluateValue(data, ctx);
  if (Array.isArray(data)) return data.map((x) => evaluateRecursivelyInternal(x, ctx, depth + 1));
  if (data instanceof Map) {
    const out = new Map<unknown, unknown>();
    for (const [k, v] of data) out.set(k, evaluateRecursivelyInternal(v, ctx, depth + 1));
    return out;
  }
  return data;
}

/** Python `not ctx`: None, empty dict/list/string are "empty". */
export function isEmptyContext(data: unknown): boolean {
  return !truthy(data);
}

export type { InternalContext } from './context.js';
