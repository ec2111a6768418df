// Catalog errors with Mistral's texts (clients and scripts match on them).
import { SiroccoError, conflict, invalidInput, notFound } from '@sirocco/workflow';

export const workflowNotFound = (identifier: string, namespace: string): SiroccoError =>
  notFound(`Workflow not found [workflow_identifier=${identifier}, namespace=${namespace}]`);

export const duplicateWorkflow = (name: string, namespace: string): SiroccoError =>
  conflict(
    `Duplicate entry for WorkflowDefinition ['name', 'namespace', 'project_id']: ${name}, ${namespace}, None`,
  );

export const invalidScope = (scope: string): SiroccoError =>
  invalidInput(`Scope must be one of the following: ['private', 'public']; actual: ${scope}`);

export const invalidDsl = (message: string): SiroccoError =>
  new SiroccoError('DSL_INVALID', `Invalid DSL: ${message}`);

// Ad-hoc actions (Mistral's texts; `None` is the project id without Keystone).
export const duplicateAction = (name: string, namespace: string): SiroccoError =>
  conflict(`Duplicate entry for Action ['name', 'namespace', 'project_id']: ${name}, ${namespace}, None`);

/** PUT and DELETE of an unknown action (system actions are not definitions either). */
export const actionDefinitionNotFound = (identifier: string, namespace: string): SiroccoError =>
  notFound(`Action definition not found [action_name=${identifier}, namespace=${namespace}]`);

export const systemActionChange = (name: string): SiroccoError =>
  invalidInput(`Attempt to modify a system action: ${name}`);

// Workbooks.
export const duplicateWorkbook = (name: string, namespace: string): SiroccoError =>
  conflict(
    `Duplicate entry for WorkbookDefinition ['name', 'namespace', 'project_id']: ${name}, ${namespace}, None`,
  );

export const workbookNotFound = (name: string, namespace: string, key = 'name'): SiroccoError =>
  notFound(`Workbook not found [${key}=${name}, namespace=${namespace}]`);

// Environments (they have no namespace in Mistral).
export const duplicateEnvironment = (name: string): SiroccoError =>
  conflict(`Duplicate entry for Environment ['name', 'project_id']: ${name}, None`);

export const environmentNotFound = (name: string): SiroccoError =>
  notFound(`Environment not found [name=${name}]`);

/** What execution start answers when `params.env` names no environment. */
export const unknownExecutionEnvironment = (name: string): SiroccoError =>
  invalidInput(`Environment is not found: ${name}`);

export const concurrentChange = (what: string, name: string, namespace: string): SiroccoError =>
  conflict(`${what} was changed concurrently [name=${name}, namespace=${namespace}]`);
