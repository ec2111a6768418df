// Starting an execution: check the input, evaluate env and vars, record the
// start, then run the start tasks. Bad input rejects the command and writes
// nothing (principle 6).
import { evaluateRecursively } from '@sirocco/expressions';
import type { StartExecution } from '../commands.js';
import { invalidInput } from '../errors.js';
import type { Decision } from './decision.js';
import { asRecord } from './evaluate.js';
import { validateInput, withDefaults } from './validate-input.js';
import { runSatisfiedReverseTasks, runTask } from './task-lifecycle.js';
import { checkAndComplete } from './finish-execution.js';

const evaluateOrReject = (what: string, data: unknown, context: Record<string, unknown>): unknown => {
  try {
    return evaluateRecursively(data, { data: context });
  } catch (e) {
    throw invalidInput(`Failed to evaluate ${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
};

export const startExecution = (d: Decision, cmd: StartExecution): void => {
  const spec = cmd.spec;
  const invalid = validateInput(spec.input, cmd.input, spec.name, 'workflow');
  if (invalid) throw invalidInput(invalid);
  const input = withDefaults(spec.input, cmd.input);
  if (spec.type === 'reverse') {
    const target = cmd.params['task_name'];
    if (typeof target !== 'string' || !spec.tasks.some((t) => t.name === target)) {
      throw invalidInput(
        `Invalid task name [wf_spec=${spec.name}, task_name=${String(target ?? 'None')}]: a reverse workflow needs params.task_name naming one of its tasks`,
      );
    }
  }

  const rawEnv = cmd.params['env'] ?? {};
  if (typeof rawEnv !== 'object' || rawEnv === null || Array.isArray(rawEnv)) {
    throw invalidInput(`Unexpected type of environment [environment=${String(rawEnv)}, type=${typeof rawEnv}]`);
  }
  const env =
    cmd.params['evaluate_env'] === false
      ? (rawEnv as Record<string, unknown>)
      : asRecord(evaluateOrReject('env', rawEnv, { __env: rawEnv }));

  const executionContext = { ...input, __execution: { id: cmd.executionId }, __env: env };
  const vars = asRecord(evaluateOrReject('vars', spec.vars, executionContext));

  d.emit({
    type: 'ExecutionStarted',
    data: {
      executionId: cmd.executionId,
      workflowId: cmd.workflowId,
      workflowName: cmd.workflowName,
      workflowNamespace: cmd.workflowNamespace,
      spec,
      definitionRevision: cmd.definitionRevision,
      input,
      vars,
      // Mistral keeps the namespace and the evaluated env in params too.
      params: { ...cmd.params, namespace: cmd.workflowNamespace, env },
      env,
      description: cmd.description,
      rootExecutionId: cmd.rootExecutionId ?? cmd.executionId,
      ...(cmd.parentExecutionId !== undefined ? { parentExecutionId: cmd.parentExecutionId } : {}),
      ...(cmd.parentTaskExecutionId !== undefined ? { parentTaskExecutionId: cmd.parentTaskExecutionId } : {}),
      at: d.now,
    },
  });
  if (spec.type === 'reverse') runSatisfiedReverseTasks(d);
  for (const task of d.info.index.startTasks) {
    if (d.isFinished) break;
    runTask(d, task.name, []);
  }
  checkAndComplete(d);
};
