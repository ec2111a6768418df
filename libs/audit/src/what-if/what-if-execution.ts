// What-if replay of a stored execution against another definition version:
// a revision of its definition stream, a YAML document, or a spec.
import type { WorkflowSpec } from '@sirocco/dsl';
import type { ExecutionStartedData } from '@sirocco/workflow';
import { specAtRevision, specFromYaml } from '../definition-versions.js';
import { asExecutionEvents, readExecutionStream, type HistoryReader } from '../execution-history.js';
import { whatIfReplay, type WhatIfOptions, type WhatIfReport } from './what-if-replay.js';

export type OtherVersion =
  | { readonly definitionRevision: number }
  /** A YAML document: its workflow of the execution's workflow name is used. */
  | { readonly definition: string }
  | { readonly spec: WorkflowSpec };

export interface WhatIfExecutionReport extends WhatIfReport {
  readonly executionId: string;
  readonly workflowName: string;
  readonly recordedDefinitionRevision: number;
  /** The other version's revision; absent for a document or spec given directly. */
  readonly definitionRevision?: number;
}

export async function whatIfExecution(
  store: HistoryReader,
  executionId: string,
  other: OtherVersion,
  options: Omit<WhatIfOptions, 'definitionRevision'> = {},
): Promise<WhatIfExecutionReport> {
  const history = asExecutionEvents(await readExecutionStream(store, executionId));
  const started =
    history[0]?.type === 'ExecutionStarted' ? (history[0].data as ExecutionStartedData) : undefined;
  if (!started) throw new Error(`Execution ${executionId}: the history does not begin with ExecutionStarted`);
  const spec =
    'spec' in other
      ? other.spec
      : 'definition' in other
        ? specFromYaml(other.definition, started.workflowName)
        : await specAtRevision(
            store,
            started.workflowNamespace,
            started.workflowName,
            other.definitionRevision,
          );
  const revision = 'definitionRevision' in other ? other.definitionRevision : undefined;
  const report = whatIfReplay(history, spec, {
    ...options,
    ...(revision !== undefined ? { definitionRevision: revision } : {}),
  });
  return {
    executionId,
    workflowName: started.workflowName,
    recordedDefinitionRevision: started.definitionRevision,
    ...(revision !== undefined ? { definitionRevision: revision } : {}),
    ...report,
  };
}
