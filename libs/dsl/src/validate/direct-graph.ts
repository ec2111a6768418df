// Registration-time checks of a direct workflow's task graph (after
// task-defaults were applied), as Mistral does them:
// - every transition goes to a task of the workflow or an engine command;
// - at least one task has no inbound transition (else nothing can start:
//   e.g. a task whose only transition loops back to itself);
// - `join: all` needs an inbound task, `join: N` at least N of them.
import type { Node } from 'yaml';
import { didYouMean, type Path } from '../problems.js';
import { ENGINE_COMMANDS } from '../parse/on-clause.js';
import type { ParseContext } from '../parse/options.js';
import type { MergedTask } from '../parse/task-defaults.js';

export function checkDirectGraph(
  ctx: ParseContext,
  tasks: readonly MergedTask[],
  /** Every task name, also of tasks that failed to parse (they still exist as targets). */
  allNames: readonly string[],
  /** False when some task failed to parse: the start-task check would then be a guess. */
  complete: boolean,
  wfNode: Node | null,
  path: Path,
): void {
  const names = new Set(allNames);
  for (const task of tasks) {
    for (const ref of task.transitions) {
      if (names.has(ref.target) || (ENGINE_COMMANDS as readonly string[]).includes(ref.target)) continue;
      ctx.src.report(
        ref.node,
        ref.path,
        `transition to undefined task '${ref.target}'${didYouMean(ref.target, [...allNames, ...ENGINE_COMMANDS])}`,
      );
    }
  }

  const inbound = new Map<string, Set<string>>();
  for (const task of tasks) {
    for (const ref of task.transitions) {
      const from = inbound.get(ref.target) ?? new Set<string>();
      from.add(task.spec.name);
      inbound.set(ref.target, from);
    }
  }

  if (complete && tasks.length > 0 && tasks.every((t) => (inbound.get(t.spec.name)?.size ?? 0) > 0)) {
    const loops = tasks
      .slice(0, 4)
      .map(
        (t) => `'${t.spec.name}' <- ${[...(inbound.get(t.spec.name) ?? [])].map((n) => `'${n}'`).join(', ')}`,
      )
      .join('; ');
    ctx.src.report(
      wfNode,
      path,
      `no start task: every task is the target of some transition (${loops}${tasks.length > 4 ? '; ...' : ''}); ` +
        'a direct workflow needs at least one task that no transition leads to',
    );
  }

  for (const task of tasks) {
    const join = task.spec.join;
    if (join === undefined) continue;
    const count = inbound.get(task.spec.name)?.size ?? 0;
    const needed = join === 'all' ? 1 : join === 'one' ? 1 : join;
    if (count < needed) {
      const message =
        join === 'all'
          ? `'join: all' on task '${task.spec.name}', but no task has a transition to it`
          : `'join: ${join}' on task '${task.spec.name}' needs ${needed} inbound task(s), but only ${count} lead(s) to it`;
      ctx.src.report(task.joinNode ?? task.keyNode, [...path, task.spec.name, 'join'], message);
    }
  }
}
