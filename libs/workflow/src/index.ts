export * from './states.js';
export * from './events.js';
export * from './definition-events.js';
export * from './errors.js';
export * from './commands.js';
export * from './decide.js';
export * from './time.js';
export { evolve, foldExecution } from './execution/evolve.js';
export {
  initialExecutionFold,
  latestTaskExecution,
  type ExecutionFold,
  type TaskExecution,
  type ActionExecution,
  type ExecutionInfo,
  type Context,
} from './execution/execution-state.js';
export { taskResult } from './execution/task-result.js';
export { validateInput, withDefaults } from './execution/validate-input.js';
export { indexWorkflowSpec, type WorkflowSpecIndex } from './execution/spec-index.js';
