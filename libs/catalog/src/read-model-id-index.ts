// The id index over the workflows read model (anything with getWorkflow).
import type { WorkflowIdIndex } from './workflow-id-index.js';

export function readModelWorkflowIdIndex(readModels: {
  getWorkflow(id: string): Promise<{ readonly namespace: string; readonly name: string } | undefined>;
}): WorkflowIdIndex {
  return {
    async findById(workflowId) {
      const row = await readModels.getWorkflow(workflowId);
      return row && { namespace: row.namespace, name: row.name };
    },
  };
}
