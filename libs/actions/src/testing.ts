// Helpers for tests of actions (here and in other libs): a context whose
// signal the test controls.
import type { ActionContext } from './action.js';

export function testContext(overrides: Partial<ActionContext> = {}): ActionContext {
  return {
    signal: new AbortController().signal,
    executionId: 'wf-ex-1',
    taskExecutionId: 'task-ex-1',
    actionExecutionId: 'action-ex-1',
    workflowName: 'wf',
    callbackUrl: '/v2/action_executions/action-ex-1',
    ...overrides,
  };
}
