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
