// What the read models hold, one interface per API resource. Field values
// are already in the meaning Mistral gives them (timestamps in its display
// form, `null` where Mistral shows null); JSON-valued fields are parsed
// values here and become JSON strings only in the REST presenters.

export type JsonObject = Readonly<Record<string, unknown>>;

export interface WorkflowRow {
  readonly id: string;
  readonly name: string;
  readonly namespace: string;
  /** Mistral's one-line input summary: `name, greeting="hello"`. */
  readonly input: string;
  /** `{ input: [...as written], output: [keys] }`. */
  readonly interface: { readonly input: readonly unknown[]; readonly output: readonly string[] };
  readonly definition: string;
  readonly tags: readonly string[];
  readonly scope: 'private' | 'public';
  readonly projectId: string;
  readonly createdAt: string;
  readonly updatedAt: string | null;
}

export interface ExecutionRow {
  readonly id: string;
  readonly workflowId: string;
  readonly workflowName: string;
  readonly workflowNamespace: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly params: JsonObject;
  readonly input: JsonObject;
  /** `{}` until the execution completes, as Mistral shows it. */
  readonly output: JsonObject;
  readonly state: string;
  readonly stateInfo: string | null;
  /** The parent task execution, for subworkflow executions. */
  readonly taskExecutionId: string | null;
  /** Null for a top-level execution (Mistral leaves it empty there). */
  readonly rootExecutionId: string | null;
  readonly projectId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Variables the tasks published with `global:`; filled by `getExecution` only. */
  readonly publishedGlobal?: JsonObject;
}

export interface TriggeredBy {
  readonly task_id: string;
  readonly event: string;
}

export interface TaskExecutionRow {
  readonly id: string;
  readonly name: string;
  readonly type: 'ACTION' | 'WORKFLOW';
  readonly workflowName: string;
  readonly workflowNamespace: string;
  readonly workflowId: string;
  readonly workflowExecutionId: string;
  readonly state: string;
  readonly stateInfo: string | null;
  readonly runtimeContext: { readonly triggered_by?: readonly TriggeredBy[] };
  readonly published: JsonObject;
  /** What the task published with `global:`, null when nothing. */
  readonly publishedGlobal: JsonObject | null;
  readonly processed: boolean;
  readonly projectId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

export interface ActionExecutionRow {
  readonly id: string;
  readonly name: string;
  readonly workflowName: string;
  readonly workflowNamespace: string;
  readonly workflowExecutionId: string;
  readonly taskName: string;
  readonly taskExecutionId: string;
  readonly state: string;
  readonly stateInfo: string | null;
  readonly input: JsonObject;
  /** Undefined while the action runs; its result (or error) afterwards. */
  readonly output: { readonly value: unknown } | undefined;
  readonly accepted: boolean;
  readonly itemIndex: number | null;
  readonly attempt: number;
  readonly projectId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface WorkbookRow {
  readonly id: string;
  readonly name: string;
  readonly namespace: string;
  /** The document as sent. */
  readonly definition: string;
  readonly tags: readonly string[];
  readonly scope: 'private' | 'public';
  readonly projectId: string;
  readonly createdAt: string;
  readonly updatedAt: string | null;
}

export interface EnvironmentRow {
  readonly id: string;
  readonly name: string;
  /** Null when never given (Mistral then leaves the field out). */
  readonly description: string | null;
  readonly variables: JsonObject | null;
  readonly scope: 'private' | 'public';
  readonly projectId: string;
  readonly createdAt: string;
  readonly updatedAt: string | null;
}
