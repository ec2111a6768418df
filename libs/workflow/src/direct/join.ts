// The logical state of a `join` task (Mistral's _get_join_logical_state):
// each inbound task "induces" RUNNING (it completed and transitioned here),
// WAITING (it may still get here) or ERROR (it completed elsewhere, or can
// no longer be reached). `join: all` needs every inbound RUNNING; `join: N`
// and `join: one` need N and fail once too few remain possible.
import type { TaskSpec } from '@sirocco/dsl';
import type { ExecutionFold, TaskExecution } from '../execution/execution-state.js';
import { latestTaskExecution } from '../execution/execution-state.js';
import { isTerminalState } from '../states.js';

export type JoinLogicalState =
  | { readonly state: 'RUNNING'; readonly triggeredBy: readonly string[] }
  | { readonly state: 'WAITING'; readonly stateInfo: string }
  | { readonly state: 'ERROR'; readonly stateInfo: string };

type Induced = 'RUNNING' | 'WAITING' | 'ERROR';

const pyList = (names: readonly string[]): string => `[${names.map((n) => `'${n}'`).join(', ')}]`;

/** Can `target` still be reached through `from` (walking back over tasks that have not run)? */
const possibleRoute = (fold: ExecutionFold, from: TaskSpec, target: string, seen: Set<string>): boolean => {
  const index = fold.info?.index;
  if (!index) return false;
  const inbound = index.inbound.get(from.name) ?? [];
  if (inbound.length === 0) return true;
  for (const name of inbound) {
    if (seen.has(name)) continue;
    seen.add(name);
    const ex = latestTaskExecution(fold, name);
    if (!ex) {
      const spec = index.tasks.get(name);
      if (spec && possibleRoute(fold, spec, from.name, seen)) return true;
    } else {
      if (!isTerminalState(ex.state)) return true;
      if (ex.nextTasks.some(([n]) => n === from.name)) return true;
    }
  }
  return false;
};

const induced = (fold: ExecutionFold, inbound: string, join: TaskSpec): [Induced, TaskExecution | undefined] => {
  const ex = latestTaskExecution(fold, inbound);
  if (!ex) {
    const spec = fold.info?.index.tasks.get(inbound);
    const possible = spec ? possibleRoute(fold, spec, join.name, new Set([join.name])) : false;
    return [possible ? 'WAITING' : 'ERROR', undefined];
  }
  if (!isTerminalState(ex.state)) return ['WAITING', ex];
  return [ex.nextTasks.some(([n]) => n === join.name) ? 'RUNNING' : 'ERROR', ex];
};

export const joinLogicalState = (fold: ExecutionFold, join: TaskSpec): JoinLogicalState => {
  const inbound = fold.info?.index.inbound.get(join.name) ?? [];
  if (inbound.length === 0) return { state: 'RUNNING', triggeredBy: [] };
  const states = inbound.map((name) => ({ name, induced: induced(fold, name, join) }));
  const names = (s: Induced): string[] => states.filter((x) => x.induced[0] === s).map((x) => x.name);
  const running = states.filter((x) => x.induced[0] === 'RUNNING');
  const runningIds = running.flatMap((x) => (x.induced[1] ? [x.induced[1].id] : []));
  const errors = names('ERROR').length;
  const blocked = `Blocked by tasks: ${pyList(names('WAITING'))}`;
  const failed = `Failed by tasks: ${pyList(names('ERROR'))}`;
  const spec = join.join;
  const needed = spec === 'all' ? inbound.length : spec === 'one' ? 1 : (spec ?? inbound.length);
  if (running.length >= needed) return { state: 'RUNNING', triggeredBy: runningIds };
  if (spec === 'all' ? errors > 0 : errors > inbound.length - needed) return { state: 'ERROR', stateInfo: failed };
  return { state: 'WAITING', stateInfo: blocked };
};
