// Task policies (retry, waits, timeout, pause-before, concurrency, fail-on,
// safe-rerun) as written on a task or in task-defaults, and how the two merge.
import type { Node } from 'yaml';
import type { Path } from '../problems.js';
import type { PoliciesSpec, RetryPolicySpec } from '../spec.js';
import type { Entry } from '../yaml/source.js';
import { checkExpressions } from './expressions.js';
import { readInlineCall } from './inline-call.js';
import type { ParseContext } from './options.js';
import {
  check,
  childNode,
  describe,
  keyNode,
  isExpression,
  isNonNegativeInteger,
  isPlainObject,
} from './values.js';

export const POLICY_KEYS = [
  'retry',
  'wait-before',
  'wait-after',
  'timeout',
  'pause-before',
  'concurrency',
  'fail-on',
  'safe-rerun',
] as const;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const RETRY_KEYS = ['count', 'delay', 'break-on', 'continue-on'];

/**
 * Reads the policy keys among `entries`. A policy that is "off" (0, false) is
 * left out, as Mistral does, so that it does not hide a task-defaults value.
 */
export function parsePolicies(ctx: ParseContext, entries: readonly Entry[], path: Path): PoliciesSpec {
  const out: Mutable<PoliciesSpec> = {};
  for (const e of entries) {
    const p = [...path, e.key];
    const v = e.value;
    const node = e.valueNode ?? e.keyNode;
    switch (e.key) {
      case 'retry': {
        const retry = parseRetry(ctx, v, node, p);
        if (retry !== undefined) out.retry = retry;
        break;
      }
      case 'wait-before':
      case 'wait-after':
      case 'timeout':
      case 'concurrency': {
        if (!check.expressionOrNonNegativeInteger(ctx, v, node, p, e.key)) break;
        checkExpressions(ctx, v, node, p);
        if (typeof v === 'string' || (typeof v === 'number' && v > 0)) {
          const key = e.key === 'wait-before' ? 'waitBefore' : e.key === 'wait-after' ? 'waitAfter' : e.key;
          out[key] = v as number | string;
        }
        break;
      }
      case 'pause-before':
        if (check.expressionOrBoolean(ctx, v, node, p, e.key)) {
          checkExpressions(ctx, v, node, p);
          if (v !== false) out.pauseBefore = v as boolean | string;
        }
        break;
      case 'fail-on':
        if (check.expressionOrBoolean(ctx, v, node, p, e.key)) {
          checkExpressions(ctx, v, node, p);
          if (v !== false) out.failOn = v;
        }
        break;
      case 'safe-rerun':
        // Unlike the others, an explicit `false` here does override task-defaults.
        if (check.expressionOrBoolean(ctx, v, node, p, e.key)) {
          checkExpressions(ctx, v, node, p);
          out.safeRerun = v as boolean | string;
        }
        break;
      default:
        break;
    }
  }
  return out;
}

/** `retry:` as a mapping or as the one-line `count=3 delay=1 break-on=<% ... %>`. */
export function parseRetry(
  ctx: ParseContext,
  value: unknown,
  node: Node | null,
  path: Path,
): RetryPolicySpec | undefined {
  let data: unknown = value;
  let oneLine = false;
  if (typeof value === 'string') {
    oneLine = true;
    const call = readInlineCall(value);
    if (!call.ok) {
      ctx.src.report(node, path, `retry: ${call.message}`);
      return undefined;
    }
    // Mistral reads the one-line form as a call, so `count=3` alone (no space) gives no parameters.
    data = call.params;
  }
  if (!isPlainObject(data)) {
    ctx.src.report(
      node,
      path,
      `retry must be a mapping {count, delay, break-on, continue-on} or a line like 'count=3 delay=1', got ${describe(value)}`,
    );
    return undefined;
  }
  let ok = true;
  const at = (key: string): Node | null => (oneLine ? node : (childNode(node, key) ?? node));
  for (const key of Object.keys(data)) {
    if (!RETRY_KEYS.includes(key)) {
      ctx.src.report(
        oneLine ? node : (keyNode(node, key) ?? node),
        [...path, key],
        `retry: unknown key '${key}' (allowed: ${RETRY_KEYS.join(', ')})`,
      );
      ok = false;
    }
  }
  for (const key of ['count', 'delay']) {
    if (!(key in data)) {
      const hint =
        typeof value === 'string' && !value.includes(' ')
          ? " (a one-line retry needs both, e.g. 'count=3 delay=1')"
          : '';
      ctx.src.report(node, path, `retry needs '${key}'${hint}`);
      ok = false;
      continue;
    }
    const v = data[key];
    if (!isExpression(v) && !isNonNegativeInteger(v)) {
      const dropped = oneLine
        ? ' (in the one-line form, only digits, quoted text and expressions are read)'
        : '';
      ctx.src.report(
        at(key),
        [...path, key],
        `retry ${key} must be a whole number >= 0 or an expression, got ${describe(v)}${dropped}`,
      );
      ok = false;
    }
  }
  for (const key of ['break-on', 'continue-on']) {
    if (key in data && !check.expression(ctx, data[key], at(key), [...path, key], `retry ${key}`)) ok = false;
  }
  if (!ok) return undefined;
  for (const key of RETRY_KEYS) {
    if (typeof data[key] === 'string') checkExpressions(ctx, data[key], at(key), [...path, key]);
  }
  const spec: Mutable<RetryPolicySpec> = {
    count: data['count'] as number | string,
    delay: data['delay'] as number | string,
  };
  if (data['break-on'] !== undefined) spec.breakOn = data['break-on'];
  if (data['continue-on'] !== undefined) spec.continueOn = data['continue-on'];
  return spec;
}

/** A task's own policy wins when it is on; otherwise the task-defaults one applies. */
export function mergePolicies(own: PoliciesSpec, defaults: PoliciesSpec | undefined): PoliciesSpec {
  if (defaults === undefined) return own;
  const merged: Mutable<PoliciesSpec> = { ...defaults, ...own };
  for (const key of Object.keys(merged) as (keyof PoliciesSpec)[]) {
    if (merged[key] === undefined) delete merged[key];
  }
  return merged;
}
