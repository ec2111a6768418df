// Checks a work item pulled from the bus before trusting it: a malformed one
// must become a visible error, not an exception in the consumer loop.
import type { ActionWorkItem } from '@sirocco/messaging';

export type ParsedWorkItem =
  | { readonly ok: true; readonly item: ActionWorkItem }
  /** `ids` is set when the item names its execution and action, so the failure can be reported. */
  | {
      readonly ok: false;
      readonly reason: string;
      readonly ids?: { executionId: string; actionExecutionId: string };
    };

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

export function parseWorkItem(data: unknown): ParsedWorkItem {
  if (data === null || typeof data !== 'object') return { ok: false, reason: 'work item is not an object' };
  const d = data as Record<string, unknown>;
  const ids =
    isText(d['executionId']) && isText(d['actionExecutionId'])
      ? { executionId: d['executionId'], actionExecutionId: d['actionExecutionId'] }
      : undefined;
  const fail = (reason: string): ParsedWorkItem => ({ ok: false, reason, ...(ids && { ids }) });

  if (!ids) return fail('work item lacks executionId or actionExecutionId');
  if (!isText(d['actionName'])) return fail('work item lacks actionName');
  const input = d['input'] ?? {};
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    return fail('work item input is not an object');
  const timeout = d['timeoutSeconds'];
  if (timeout !== undefined && timeout !== null && (typeof timeout !== 'number' || !(timeout > 0))) {
    return fail(`work item timeoutSeconds is not a positive number: ${JSON.stringify(timeout)}`);
  }
  return { ok: true, item: data as ActionWorkItem };
}
