// Graph facts about a workflow spec that decisions need again and again:
// tasks by name, who transitions into whom, and the start tasks. Computed
// once per spec object.
import type { OnClauseSpec, TaskSpec, WorkflowSpec } from '@sirocco/dsl';

export interface WorkflowSpecIndex {
  readonly tasks: ReadonlyMap<string, TaskSpec>;
  /** Task name -> names of the tasks with a transition to it. */
  readonly inbound: ReadonlyMap<string, readonly string[]>;
  /** Tasks nothing transitions into, in document order. */
  readonly startTasks: readonly TaskSpec[];
}

const cache = new WeakMap<WorkflowSpec, WorkflowSpecIndex>();

const clauseTargets = (clause: OnClauseSpec | undefined): string[] =>
  (clause?.next ?? []).flatMap((t) => (t.kind === 'task' ? [t.task] : []));

export const outboundTaskNames = (task: TaskSpec): string[] => [
  ...clauseTargets(task.onSuccess),
  ...clauseTargets(task.onError),
  ...clauseTargets(task.onComplete),
];

export const indexWorkflowSpec = (spec: WorkflowSpec): WorkflowSpecIndex => {
  const hit = cache.get(spec);
  if (hit) return hit;
  const tasks = new Map(spec.tasks.map((t) => [t.name, t] as const));
  const inbound = new Map<string, string[]>();
  for (const task of spec.tasks) {
    for (const target of new Set(outboundTaskNames(task))) {
      const list = inbound.get(target) ?? [];
      list.push(task.name);
      inbound.set(target, list);
    }
  }
  const startTasks =
    spec.type === 'direct' ? spec.tasks.filter((t) => !inbound.has(t.name)) : [];
  const index: WorkflowSpecIndex = { tasks, inbound, startTasks };
  cache.set(spec, index);
  return index;
};
