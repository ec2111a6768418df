// Registration-time check of a reverse workflow: every `requires` (own or from
// task-defaults) names a task of the workflow. Engine commands do not count.
import { didYouMean } from '../problems.js';
import type { ParseContext } from '../parse/options.js';
import type { MergedTask } from '../parse/task-defaults.js';

export function checkReverseGraph(
  ctx: ParseContext,
  tasks: readonly MergedTask[],
  allNames: readonly string[],
): void {
  const names = new Set(allNames);
  for (const task of tasks) {
    for (const ref of task.requires) {
      if (names.has(ref.target)) continue;
      ctx.src.report(
        ref.node,
        ref.path,
        `task '${task.spec.name}' requires undefined task '${ref.target}'${didYouMean(ref.target, allNames)}`,
      );
    }
  }
}
