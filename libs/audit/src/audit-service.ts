// Replay and what-if replay behind one object, in the shape the REST API's
// AuditPort expects, so the composition root wires it in one line.
import type { ActionDescriptor } from '@sirocco/workflow';
import type { HistoryReader } from './execution-history.js';
import { replayExecution, type ReplayReport, type ReplaySources } from './replay.js';
import {
  whatIfExecution,
  type OtherVersion,
  type WhatIfExecutionReport,
} from './what-if/what-if-execution.js';

export interface AuditServiceOptions {
  readonly events: HistoryReader;
  readonly readModels: ReplaySources['readModels'];
  /** The engine's action lookup, so what-if decisions validate actions as the engine does. */
  readonly resolveAction?: (name: string, namespace: string) => ActionDescriptor | undefined;
}

export interface AuditService {
  replay(executionId: string): Promise<ReplayReport>;
  whatIf(executionId: string, other: OtherVersion): Promise<WhatIfExecutionReport>;
}

export const createAuditService = (options: AuditServiceOptions): AuditService => ({
  replay: (executionId) =>
    replayExecution({ events: options.events, readModels: options.readModels }, executionId),
  whatIf: (executionId, other) =>
    whatIfExecution(options.events, executionId, other, {
      ...(options.resolveAction ? { resolveAction: options.resolveAction } : {}),
    }),
});
