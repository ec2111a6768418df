/**
 * @sirocco/expressions — Mistral-compatible YAQL (`<% %>`) and Jinja2 (`{{ }}`)
 * evaluation.
 *
 * Values: callers pass and receive plain JSON-like JS values. Internally Python
 * semantics are kept (ints as bigint, floats as number, dicts as ordered Maps;
 * see python/types.ts and convert.ts). Plain-object results put integer-like keys
 * first (a JS property-order rule); the `*Ordered` variants return Maps instead,
 * keeping Python's insertion order exactly.
 */
import type { ExpressionContext } from './api-types.js';
import { GeneratorArray, PreparedData, toInternal, toOrdered, toPlain } from './convert.js';
import { checkJinjaSyntax } from './jinja/evaluate.js';
import { DEFAULT_LIMITS, type Limits } from './limits.js';
import { evaluateRecursivelyInternal, evaluateValue, type InternalContext } from './mistral/evaluate.js';
import { findYaql, isJinja, isYaql, stripChars } from './mistral/patterns.js';
import { pyStr as pyStrInternal } from './python/format.js';
import { jsonDumps } from './python/json.js';
import { truthy } from './python/ops.js';
import { pyStrip } from './python/strings.js';
import { YaqlSyntaxError } from './yaql/errors.js';
import { parseCached } from './yaql/evaluate.js';

export type { ExpressionContext, ExpressionFunctions } from './api-types.js';
export { ExpressionError } from './errors.js';
export { DEFAULT_LIMITS, type Limits } from './limits.js';
export { PyFloat } from './python/types.js';
export { GeneratorArray, PreparedData } from './convert.js';

/** Options beyond Mistral's behaviour. */
export interface EvaluateOptions {
  readonly limits?: Limits;
}

function internalContext(ctx: ExpressionContext, opts?: EvaluateOptions): InternalContext {
  const limits = opts?.limits ?? DEFAULT_LIMITS;
  if (ctx.data instanceof PreparedData) {
    const p = ctx.data;
    return {
      data: p.value,
      get yaqlData() {
        return p.yaql();
      },
      functions: ctx.functions,
      limits,
    };
  }
  // Otherwise the data is converted lazily, once per call, into the view the language needs.
  return { raw: ctx.data, functions: ctx.functions, limits };
}

/**
 * Converts a data context once for many evaluations (conversion is O(size) and
 * otherwise happens on every call). Pass the result as `ExpressionContext.data`.
 * It is a snapshot: later changes to `data` are not seen.
 */
export function prepareData(data: unknown): PreparedData {
  return new PreparedData(data);
}

/**
 * Mistral's evaluate_recursively: dict values / list items / strings evaluated,
 * other values returned as-is; keys are never evaluated. With an empty data
 * context the data is returned unchanged (as Mistral does).
 * Returned Maps/ints are internal-ordered values: use the Ordered variant to keep them.
 */
export function evaluateRecursively(data: unknown, ctx: ExpressionContext, opts?: EvaluateOptions): unknown {
  return toPlain(evaluateRecursivelyOrdered(data, ctx, opts));
}

/**
 * Like evaluateRecursively but returns internal values: dicts as `Map` (exact key
 * order), ints as `bigint`, floats as `number`. Serialise with `toJson`.
 */
export function evaluateRecursivelyOrdered(
  data: unknown,
  ctx: ExpressionContext,
  opts?: EvaluateOptions,
): unknown {
  const ictx = internalContext(ctx, opts);
  const input = toInternal(data);
  const ctxData = ctx.data instanceof PreparedData ? ctx.data.value : ctx.data;
  if (!isTruthy(ctxData)) return toOrdered(input);
  return toOrdered(evaluateRecursivelyInternal(input, ictx));
}

/** Mistral's evaluate for one string (a transition condition); returns the native value. */
export function evaluate(text: string, ctx: ExpressionContext, opts?: EvaluateOptions): unknown {
  return toPlain(evaluateOrdered(text, ctx, opts));
}

export function evaluateOrdered(text: string, ctx: ExpressionContext, opts?: EvaluateOptions): unknown {
  return toOrdered(evaluateValue(text, internalContext(ctx, opts)));
}

/** Python truthiness of a value (conditions, break-on, ...). */
export function isTruthy(value: unknown): boolean {
  if (value === undefined) return false;
  if (value instanceof GeneratorArray) return true;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Map)) {
    return truthy(toInternal(value));
  }
  return truthy(value);
}

/** True when the string holds a YAQL or Jinja expression by Mistral's regexes. */
export function hasExpression(text: string): boolean {
  return typeof text === 'string' && (isJinja(text) || isYaql(text));
}

/**
 * Syntax check without evaluating, for DSL validation (Mistral's validate()):
 * undefined when fine, else a message saying what is wrong.
 */
export function checkSyntax(text: string): string | undefined {
  if (typeof text !== 'string') return undefined;
  const jinja = isJinja(text);
  const yaql = isYaql(text);
  if (jinja && yaql)
    return 'ExpressionGrammarException: the string mixes YAQL (<% %>) and Jinja ({{ }}) expressions';
  if (jinja) {
    const r = checkJinjaSyntax(text);
    return r === undefined ? undefined : `JinjaGrammarException: ${r}`;
  }
  for (const m of findYaql(text)) {
    const expr = pyStrip(stripChars(m, '<%>'), null, true, true);
    try {
      parseCached(expr);
    } catch (e) {
      if (e instanceof YaqlSyntaxError) return `YaqlGrammarException: ${e.message}`;
      throw e;
    }
  }
  return undefined;
}

/** Python str() formatting of a value (True, None, 4.0, ['a', 'b'], {'k': 1}). */
export function pythonStr(value: unknown): string {
  return pyStrInternal(toInternal(value));
}

/**
 * JSON text of a value from the `*Ordered` functions (bigint = int, number = float),
 * with Python's number formatting (`2.0` stays `2.0`, big ints exact) and key order.
 */
export function toJson(value: unknown): string {
  return jsonDumps(toInternal(value, false, 0, false), { ensureAscii: false });
}

/** Parses JSON keeping what JSON.parse loses: key order (Maps), int vs float, big ints. */
export { parseJsonOrdered } from './python/json.js';
