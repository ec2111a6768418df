// Expression evaluation for decisions: returns a value or an error text
// instead of throwing, because an expression failure is an outcome the
// workflow handles (the task or the execution fails), not a crash.
import { evaluate, evaluateRecursively, isTruthy, pythonStr } from '@sirocco/expressions';
import type { ExpressionContext } from '@sirocco/expressions';

export type Evaluated<T> = { ok: true; value: T } | { ok: false; error: string };

const errorText = (e: unknown): string => (e instanceof Error ? e.message : pythonStr(e));

export const tryEvaluateData = (data: unknown, scope: ExpressionContext): Evaluated<unknown> => {
  try {
    return { ok: true, value: evaluateRecursively(data, scope) };
  } catch (e) {
    return { ok: false, error: errorText(e) };
  }
};

/** A transition or policy condition: absent means true; strings are evaluated, other values taken as they are. */
export const tryEvaluateCondition = (condition: unknown, scope: ExpressionContext): Evaluated<boolean> => {
  if (condition === undefined || condition === null) return { ok: true, value: true };
  try {
    const value = typeof condition === 'string' ? evaluate(condition, scope) : evaluateRecursively(condition, scope);
    return { ok: true, value: isTruthy(value) };
  } catch (e) {
    return { ok: false, error: errorText(e) };
  }
};

export const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

export { pythonStr };
