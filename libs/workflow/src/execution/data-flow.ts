// How data moves between tasks, after Mistral's data_flow module: a task's
// inbound context is the merge of its upstream tasks' outbound contexts, and
// a task's outbound context is its inbound context updated with what it
// published. Nothing here copies more than one level unless merging.
import type { Context, ExecutionFold, TaskExecution } from './execution-state.js';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Recursive merge of `right` into a copy of `left` (dicts merge, anything else is replaced). */
export const mergeContexts = (left: Context, right: Context): Record<string, unknown> => {
  const out: Record<string, unknown> = { ...left };
  for (const [k, v] of Object.entries(right)) {
    const l = out[k];
    out[k] = isPlainObject(l) && isPlainObject(v) ? mergeContexts(l, v) : v;
  }
  return out;
};

/** Outbound context: the inbound one with published keys replaced (not merged), as Mistral's update_dict. */
export const outboundContext = (task: TaskExecution): Context =>
  Object.keys(task.published).length === 0 ? task.inContext : { ...task.inContext, ...task.published };

/** Inbound context from upstream task executions (Mistral's evaluate_upstream_context). */
export const upstreamContext = (fold: ExecutionFold, upstreamIds: readonly string[]): Context => {
  if (upstreamIds.length === 0) return {};
  if (upstreamIds.length === 1) {
    const only = fold.tasks.get(upstreamIds[0] ?? '');
    return only ? outboundContext(only) : {};
  }
  let ctx: Record<string, unknown> = {};
  let published: Record<string, unknown> = {};
  for (const id of upstreamIds) {
    const t = fold.tasks.get(id);
    if (!t) continue;
    published = mergeContexts(published, t.published);
    ctx = mergeContexts(ctx, outboundContext(t));
  }
  return mergeContexts(ctx, published);
};

/** Task executions that completed and led nowhere: their contexts form the workflow's final context. */
export const endTaskExecutions = (fold: ExecutionFold): TaskExecution[] =>
  [...fold.tasks.values()].filter(
    (t) => (t.state === 'SUCCESS' || t.state === 'ERROR' || t.state === 'CANCELLED') && t.nextTasks.length === 0,
  );

/** Mistral's evaluate_workflow_final_context (reverse workflows: the target task's outbound context). */
export const finalContext = (fold: ExecutionFold): Record<string, unknown> => {
  if (fold.info?.spec.type === 'reverse') {
    const name = fold.info.params['task_name'];
    const list = typeof name === 'string' ? fold.tasksByName.get(name) : undefined;
    const target = list?.[list.length - 1];
    return target ? { ...outboundContext(target) } : {};
  }
  let ctx: Record<string, unknown> = {};
  for (const t of endTaskExecutions(fold)) ctx = mergeContexts(ctx, outboundContext(t));
  return ctx;
};
