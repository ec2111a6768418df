// The API's view of the read models: the queries plus read-your-writes.
import type { ProjectionRunner } from './projection-runner.js';
import type { ReadModelQueries } from './read-model-store.js';

export interface ReadModelAccess extends ReadModelQueries {
  waitForPosition(position: number, timeoutMs?: number): Promise<void>;
}

export function readModelAccess(
  queries: ReadModelQueries,
  runner: Pick<ProjectionRunner, 'waitForPosition'>,
): ReadModelAccess {
  return {
    listWorkflows: (q) => queries.listWorkflows(q),
    getWorkflow: (id) => queries.getWorkflow(id),
    findWorkflowByName: (ns, name) => queries.findWorkflowByName(ns, name),
    listExecutions: (q) => queries.listExecutions(q),
    getExecution: (id) => queries.getExecution(id),
    listTasks: (q) => queries.listTasks(q),
    getTask: (id) => queries.getTask(id),
    getTaskResult: (id) => queries.getTaskResult(id),
    listActionExecutions: (q) => queries.listActionExecutions(q),
    getActionExecution: (id) => queries.getActionExecution(id),
    listWorkbooks: (q) => queries.listWorkbooks(q),
    findWorkbookByName: (ns, name) => queries.findWorkbookByName(ns, name),
    listEnvironments: (q) => queries.listEnvironments(q),
    findEnvironmentByName: (name) => queries.findEnvironmentByName(name),
    waitForPosition: (position, timeoutMs) => runner.waitForPosition(position, timeoutMs),
  };
}
