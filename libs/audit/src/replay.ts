// Replay: rebuild an execution from its events alone and check that the read
// model the API serves tells the same story. A read model is a cache; the
// events are the truth, so every difference is reported against them.
import { foldExecution } from '@sirocco/workflow';
import { diffValues, type Mismatch } from './diff.js';
import { asExecutionEvents, readExecutionStream, type HistoryReader } from './execution-history.js';
import { viewOfFold, viewOfReadModel, type ReadModelReader } from './state-views.js';

export interface ReplaySources {
  readonly events: HistoryReader;
  readonly readModels: ReadModelReader & {
    /** When given, replay first waits for the read model to reach the last event. */
    waitForPosition?(position: number, timeoutMs?: number): Promise<void>;
  };
}

export interface ReplayReport {
  readonly executionId: string;
  /** Revision of the last event folded. */
  readonly revision: number;
  readonly eventCount: number;
  /** State rebuilt from the events. */
  readonly state: string;
  readonly consistent: boolean;
  readonly mismatches: readonly Mismatch[];
}

export async function replayExecution(sources: ReplaySources, executionId: string): Promise<ReplayReport> {
  const recorded = await readExecutionStream(sources.events, executionId);
  const last = recorded[recorded.length - 1]!;
  await sources.readModels.waitForPosition?.(last.position, 10_000);
  const fold = foldExecution(asExecutionEvents(recorded));
  const expected = viewOfFold(fold);
  const actual = await viewOfReadModel(sources.readModels, executionId);
  const mismatches: Mismatch[] = [];
  if (!actual) {
    mismatches.push({ path: 'execution', expected: 'present', actual: undefined });
  } else {
    diffValues('execution', expected.execution, actual.execution, mismatches);
    for (const [id, task] of expected.tasks) {
      const path = `tasks[${task.name}:${id}]`;
      const other = actual.tasks.get(id);
      if (!other) mismatches.push({ path, expected: 'present', actual: undefined });
      else diffValues(path, task, other, mismatches);
    }
    for (const [id, task] of actual.tasks) {
      if (!expected.tasks.has(id))
        mismatches.push({ path: `tasks[${task.name}:${id}]`, expected: undefined, actual: 'present' });
    }
  }
  return {
    executionId,
    revision: last.revision,
    eventCount: recorded.length,
    state: fold.state,
    consistent: mismatches.length === 0,
    mismatches,
  };
}
