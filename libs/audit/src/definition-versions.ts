// The versions of a workflow definition: each revision of its stream
// `workflow-<namespace>/<name>` holds the spec saved then.
import { parseWorkflowsDocument, formatProblems, type WorkflowSpec } from '@sirocco/dsl';
import {
  invalidInput,
  notFound,
  workflowDefinitionStreamId,
  type WorkflowDefinitionEvent,
} from '@sirocco/workflow';
import type { HistoryReader } from './execution-history.js';

export async function specAtRevision(
  store: HistoryReader,
  namespace: string,
  name: string,
  revision: number,
): Promise<WorkflowSpec> {
  const [event] = await store.readStream(workflowDefinitionStreamId(namespace, name), {
    fromRevision: revision,
    maxCount: 1,
  });
  const e = event as unknown as WorkflowDefinitionEvent | undefined;
  if (!event || event.revision !== revision || !e || e.type === 'WorkflowDefinitionDeleted') {
    throw notFound(
      `Workflow definition '${name}' (namespace '${namespace}') has no saved version at revision ${revision}`,
    );
  }
  return e.data.spec;
}

/** The workflow `name` from a Mistral v2 YAML document. */
export function specFromYaml(yaml: string, name: string): WorkflowSpec {
  const parsed = parseWorkflowsDocument(yaml);
  if (!parsed.ok) throw invalidInput(`Invalid DSL: ${formatProblems(parsed.problems)}`);
  const { workflows } = parsed.value;
  const spec = workflows.find((w) => w.name === name);
  if (!spec) throw invalidInput(`The document does not define workflow '${name}'`);
  return spec;
}
