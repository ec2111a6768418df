// Reading task policies (retry, wait-before, wait-after, timeout,
// pause-before, concurrency): each may be a literal or an expression,
// evaluated in the task's scope when the policy applies.
import type { ExpressionContext } from '@sirocco/expressions';
import type { RetryPolicySpec } from '@sirocco/dsl';
import { tryEvaluateCondition, tryEvaluateData, type Evaluated } from './evaluate.js';

/** A non-negative number of seconds (or count); absent means 0. */
export const evaluateNumber = (value: unknown, scope: ExpressionContext, what: string): Evaluated<number> => {
  if (value === undefined || value === null) return { ok: true, value: 0 };
  const evaluated = typeof value === 'number' ? { ok: true as const, value } : tryEvaluateData(value, scope);
  if (!evaluated.ok) return evaluated;
  const n = typeof evaluated.value === 'string' ? Number(evaluated.value) : evaluated.value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
    return { ok: false, error: `Invalid value of '${what}': expected a non-negative number, got ${JSON.stringify(evaluated.value)}` };
  }
  return { ok: true, value: n };
};

export const evaluateFlag = (value: unknown, scope: ExpressionContext): Evaluated<boolean> =>
  value === undefined || value === null || value === false ? { ok: true, value: false } : tryEvaluateCondition(value, scope);

export interface RetryDecision {
  readonly retry: boolean;
  readonly delay: number;
}

/**
 * Mistral's RetryPolicy.after_task_complete: retry while retries remain,
 * unless break-on holds for an error, or (on success) continue-on is absent
 * or false.
 */
export const decideRetry = (
  spec: RetryPolicySpec,
  state: 'SUCCESS' | 'ERROR',
  retriesDone: number,
  scope: ExpressionContext,
): Evaluated<RetryDecision> => {
  const count = evaluateNumber(spec.count, scope, 'retry.count');
  if (!count.ok) return count;
  const delay = evaluateNumber(spec.delay, scope, 'retry.delay');
  if (!delay.ok) return delay;
  const no = { ok: true as const, value: { retry: false, delay: delay.value } };
  if (count.value === 0 || retriesDone >= count.value) return no;
  const hasContinueOn = spec.continueOn !== undefined && spec.continueOn !== null;
  const continueOn = hasContinueOn ? tryEvaluateCondition(spec.continueOn, scope) : { ok: true as const, value: false };
  if (!continueOn.ok) return continueOn;
  const hasBreakOn = spec.breakOn !== undefined && spec.breakOn !== null;
  const breakOn = hasBreakOn ? tryEvaluateCondition(spec.breakOn, scope) : { ok: true as const, value: false };
  if (!breakOn.ok) return breakOn;
  if (state === 'SUCCESS' && !hasContinueOn) return no;
  if (hasContinueOn && !continueOn.value) return no;
  if (state === 'ERROR' && breakOn.value) return no;
  return { ok: true, value: { retry: true, delay: delay.value } };
};
