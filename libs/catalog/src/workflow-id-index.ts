// Workflow ids → definition streams. Streams are named by namespace and
// name, so a lookup by id needs an index; the workflows read model is one
// (it holds id, namespace and name), so no separate index stream is kept.
// It is eventually consistent: the API waits for the position of its own
// writes before answering, so a client that created a workflow can use its
// id at once.

export interface WorkflowIdIndex {
  findById(workflowId: string): Promise<{ readonly namespace: string; readonly name: string } | undefined>;
}
