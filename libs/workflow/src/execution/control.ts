// Operator control of a running execution (PUT /v2/executions/{id}): pause,
// resume, and stopping it in a chosen end state. Asking for a state it is
// already in is a no-op; asking the impossible is rejected.
import type { ChangeDescription, DeleteExecution, PauseExecution, RerunTask, ResumeExecution, StopExecution } from '../commands.js';
import { SiroccoError } from '../errors.js';
import type { Decision } from './decision.js';
import { failExecution, pauseExecution, succeedExecution } from './finish-execution.js';
import { rerunTask, resumeTasks } from './task-lifecycle.js';

const invalidState = (d: Decision, wanted: string): SiroccoError =>
  new SiroccoError(
    'INVALID_STATE',
    `Can not change the state of execution ${d.info.id} from ${d.fold.state} to ${wanted}`,
  );

export const pause = (d: Decision, cmd: PauseExecution): void => {
  if (d.fold.state === 'PAUSED') return;
  if (d.fold.state !== 'RUNNING') throw invalidState(d, 'PAUSED');
  pauseExecution(d, cmd.stateInfo);
};

export const resume = (d: Decision, _cmd: ResumeExecution): void => {
  if (d.fold.state === 'RUNNING') return;
  if (d.fold.state !== 'PAUSED') throw invalidState(d, 'RUNNING');
  d.emit({ type: 'ExecutionStateChanged', data: { state: 'RUNNING', at: d.now } });
  resumeTasks(d);
};

export const stop = (d: Decision, cmd: StopExecution): void => {
  if (d.isFinished) {
    if (d.fold.state === cmd.state) return;
    throw invalidState(d, cmd.state);
  }
  for (const timer of [...d.fold.timers.values()]) {
    d.emit({ type: 'TimerCancelled', data: { timerId: timer.id, at: d.now } });
  }
  if (cmd.state === 'ERROR') failExecution(d, cmd.stateInfo);
  else if (cmd.state === 'SUCCESS') succeedExecution(d, cmd.stateInfo);
  else {
    const msg = cmd.stateInfo ?? null;
    d.emit({
      type: 'ExecutionCompleted',
      data: { state: 'CANCELLED', output: { result: msg }, ...(msg !== null ? { stateInfo: msg } : {}), at: d.now },
    });
  }
};

export const rerun = (d: Decision, cmd: RerunTask): void => {
  const task = d.fold.tasks.get(cmd.taskExecutionId);
  if (!task) throw new SiroccoError('NOT_FOUND', `Task execution not found [id=${cmd.taskExecutionId}]`);
  if (task.state !== 'ERROR') {
    throw new SiroccoError('INVALID_STATE', `Only failed tasks can be rerun: task ${task.name} is ${task.state}`);
  }
  if (d.fold.state === 'SUCCESS' || d.fold.state === 'CANCELLED') {
    throw new SiroccoError('INVALID_STATE', `Execution ${d.info.id} is ${d.fold.state}: its tasks can no longer be rerun`);
  }
  rerunTask(d, task, cmd.reset);
};

export const changeDescription = (d: Decision, cmd: ChangeDescription): void => {
  if (d.info.description === cmd.description) return;
  d.emit({ type: 'ExecutionDescriptionChanged', data: { description: cmd.description, at: d.now } });
};

export const deleteExecution = (d: Decision, cmd: DeleteExecution): void => {
  if (!d.isFinished) {
    if (!cmd.force) {
      throw new SiroccoError(
        'INVALID_STATE',
        `Execution ${d.info.id} is ${d.fold.state}: only a finished execution can be deleted (use force to cancel and delete it)`,
      );
    }
    stop(d, { type: 'StopExecution', state: 'CANCELLED', stateInfo: 'Deleted by the operator' });
  }
  d.emit({ type: 'ExecutionDeleted', data: { at: d.now } });
};
