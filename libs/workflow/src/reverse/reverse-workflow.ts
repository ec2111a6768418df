// Reverse workflows (Mistral's ReverseWorkflowController): the caller names a
// target task (`params.task_name`); only the tasks it needs through
// `requires` run, each once all of its requirements succeeded. Any task
// error fails the workflow (there are no on-error clauses to handle it).
import type { ExecutionFold } from '../execution/execution-state.js';
import { latestTaskExecution } from '../execution/execution-state.js';

/** The target task's name, or undefined when params name no task of the workflow. */
export const reverseTarget = (fold: ExecutionFold): string | undefined => {
  const name = fold.info?.params['task_name'];
  return typeof name === 'string' && fold.info?.index.tasks.has(name) ? name : undefined;
};

/** Tasks the target needs, dependencies first (depth-first post-order, as Mistral walks the graph). */
export const neededTasks = (fold: ExecutionFold, target: string): string[] => {
  const tasks = fold.info?.index.tasks;
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const dep of tasks?.get(name)?.requires ?? []) visit(dep);
    order.push(name);
  };
  visit(target);
  return order;
};

/** Needed tasks that have not run and whose requirements all succeeded. */
export const satisfiedReverseTasks = (fold: ExecutionFold): { name: string; upstream: string[] }[] => {
  const target = reverseTarget(fold);
  if (!target) return [];
  const out: { name: string; upstream: string[] }[] = [];
  for (const name of neededTasks(fold, target)) {
    if (latestTaskExecution(fold, name)) continue;
    const requires = fold.info?.index.tasks.get(name)?.requires ?? [];
    const upstream = requires.map((r) => latestTaskExecution(fold, r));
    if (upstream.every((t) => t?.state === 'SUCCESS')) {
      out.push({ name, upstream: upstream.flatMap((t) => (t ? [t.id] : [])) });
    }
  }
  return out;
};
