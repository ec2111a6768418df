// Ending an execution: succeed (output evaluated over the final context),
// fail (Mistral's `{result: <message>}` plus output-on-error), pause, and the
// completion check that runs after every decision.
import type { Decision } from './decision.js';
import { finalContext } from './data-flow.js';
import { expressionScope } from './expression-scope.js';
import { asRecord, pythonStr, tryEvaluateData } from './evaluate.js';

export const succeedExecution = (d: Decision, stateInfo?: string): void => {
  if (d.isFinished) return;
  const ctx = finalContext(d.fold);
  const spec = d.info.spec;
  let output: Record<string, unknown> = ctx;
  if (spec.output !== undefined && spec.output !== null) {
    const evaluated = tryEvaluateData(spec.output, expressionScope(d.fold, { inContext: ctx }, d.ctx.newId));
    if (!evaluated.ok) {
      failExecution(d, evaluated.error);
      return;
    }
    const value = asRecord(evaluated.value);
    // Mistral: `output or ctx` — an empty output falls back to the context.
    if (Object.keys(value).length > 0) output = value;
  }
  d.emit({
    type: 'ExecutionCompleted',
    data: { state: 'SUCCESS', output, ...(stateInfo !== undefined ? { stateInfo } : {}), at: d.now },
  });
};

export const failExecution = (d: Decision, message: string | undefined): void => {
  if (d.isFinished) return;
  let msg = message;
  let outputOnError: Record<string, unknown> = {};
  const spec = d.info.spec.outputOnError;
  if (spec !== undefined && spec !== null) {
    const ctx = finalContext(d.fold);
    const evaluated = tryEvaluateData(spec, expressionScope(d.fold, { inContext: ctx }, d.ctx.newId));
    if (evaluated.ok) outputOnError = asRecord(evaluated.value);
    else
      msg = `Failed to evaluate expression in output-on-error! (output-on-error: '${pythonStr(spec)}', exception: '${evaluated.error}' Cause: '${String(message)}'`;
  }
  d.emit({
    type: 'ExecutionCompleted',
    data: {
      state: 'ERROR',
      output: { result: msg ?? null, ...outputOnError },
      ...(msg !== undefined ? { stateInfo: msg } : {}),
      at: d.now,
    },
  });
};

export const pauseExecution = (d: Decision, stateInfo?: string): void => {
  if (d.isFinished || d.fold.state === 'PAUSED') return;
  d.emit({
    type: 'ExecutionStateChanged',
    data: { state: 'PAUSED', ...(stateInfo !== undefined ? { stateInfo } : {}), at: d.now },
  });
};

/** Mistral's _build_fail_info_message: which tasks failed unhandled, and why. */
const failInfoMessage = (d: Decision): string => {
  const failed = [...d.fold.tasks.values()]
    .filter((t) => t.state === 'ERROR' && !t.spec.onError?.next.length)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let msg = `Failure caused by error in tasks: ${failed.map((t) => t.name).join(', ')}\n`;
  for (const t of failed) {
    msg += `\n  ${t.name} [task_ex_id=${t.id}] -> ${t.stateInfo ?? 'None'}\n`;
    t.actionExecutionIds.forEach((id, i) => {
      const a = d.fold.actions.get(id);
      if (a?.state === 'ERROR') msg += `    [action_ex_id=${a.id}, idx=${i}]: ${pythonStr(a.output ?? 'Unknown')}\n`;
    });
  }
  return msg;
};

/** Completes the execution when no task is left to run (Mistral's check_and_complete). */
export const checkAndComplete = (d: Decision): void => {
  if (d.isFinished || d.fold.state === 'PAUSED') return;
  if (d.fold.activeTaskIds.size > 0) return;
  const tasks = [...d.fold.tasks.values()];
  if (tasks.some((t) => t.state === 'CANCELLED')) {
    const names = tasks
      .filter((t) => t.state === 'CANCELLED')
      .map((t) => t.name)
      .sort();
    const msg = `Cancelled tasks: ${names.join(', ')}`;
    d.emit({ type: 'ExecutionCompleted', data: { state: 'CANCELLED', output: { result: msg }, stateInfo: msg, at: d.now } });
    return;
  }
  if (tasks.every((t) => t.state !== 'ERROR' || t.errorHandled)) succeedExecution(d);
  else failExecution(d, failInfoMessage(d));
};
