// with-items: evaluate each `var in <list>` once, zip the lists (they must
// have equal lengths, as in Mistral), and read the concurrency limit.
import type { ExecutionFold, TaskExecution } from './execution-state.js';
import { expressionScope } from './expression-scope.js';
import { tryEvaluateData, pythonStr, type Evaluated } from './evaluate.js';
import { evaluateNumber } from './policies.js';

export interface ExpandedItems {
  readonly items: Record<string, unknown>[];
  readonly concurrency: number;
}

export const expandWithItems = (
  fold: ExecutionFold,
  task: TaskExecution,
  newId?: () => string,
): Evaluated<ExpandedItems> => {
  const spec = task.spec.withItems;
  if (!spec) return { ok: true, value: { items: [], concurrency: 0 } };
  const scope = expressionScope(fold, { task }, newId);
  const lists: [string, unknown[]][] = [];
  for (const { variable, source } of spec.items) {
    const value = tryEvaluateData(source, scope);
    if (!value.ok) return value;
    if (!Array.isArray(value.value)) {
      return {
        ok: false,
        error: `Wrong input format for: ${pythonStr({ [variable]: value.value })}. Iterable type is expected for each value.`,
      };
    }
    lists.push([variable, value.value]);
  }
  const length = lists[0]?.[1].length ?? 0;
  if (lists.some(([, l]) => l.length !== length)) {
    const shown = Object.fromEntries(lists);
    return { ok: false, error: `Wrong input format for: ${pythonStr(shown)}. All arrays must have the same length.` };
  }
  const items = Array.from({ length }, (_, i) => Object.fromEntries(lists.map(([v, l]) => [v, l[i]])));
  const concurrency = evaluateNumber(task.spec.policies.concurrency, scope, 'concurrency');
  if (!concurrency.ok) return concurrency;
  return { ok: true, value: { items, concurrency: Math.floor(concurrency.value) } };
};
