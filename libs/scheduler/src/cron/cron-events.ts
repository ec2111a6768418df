// The events of a cron trigger's stream (`cron-trigger-<name>`). A name can
// be reused after a delete: the stream then holds several incarnations, each
// with its own trigger id. Times are ISO 8601 UTC.

export const CRON_TRIGGER_STREAM_PREFIX = 'cron-trigger-';
export const cronTriggerStreamId = (name: string): string => `${CRON_TRIGGER_STREAM_PREFIX}${name}`;

export interface CronTriggerDefinition {
  readonly triggerId: string;
  readonly name: string;
  /** Null for a one-shot trigger (only `first_execution_time`). */
  readonly pattern: string | null;
  /** IANA zone the pattern is read in (a Sirocco extension); UTC when absent. */
  readonly timezone?: string;
  readonly workflowId: string;
  readonly workflowName: string;
  readonly workflowNamespace: string;
  readonly workflowInput: Readonly<Record<string, unknown>>;
  readonly workflowParams: Readonly<Record<string, unknown>>;
  readonly firstExecutionTime: string | null;
  readonly scope: 'private' | 'public';
  readonly projectId: string;
}

export interface CronTriggerCreatedData extends CronTriggerDefinition {
  readonly nextExecutionTime: string;
  /** Null: unlimited. */
  readonly remainingExecutions: number | null;
  readonly at: string;
}

/**
 * One slot was taken. Appended with the stream's expected revision before
 * the execution starts, so two schedulers never both take a slot. It carries
 * everything needed to start the execution: the log is the outbox.
 */
export interface CronTriggerFiredData {
  readonly triggerId: string;
  readonly triggerName: string;
  readonly scheduledFor: string;
  readonly executionId: string;
  readonly workflowId: string;
  readonly workflowNamespace: string;
  readonly workflowInput: Readonly<Record<string, unknown>>;
  readonly workflowParams: Readonly<Record<string, unknown>>;
  /** Null when this was the last run (a CronTriggerDeleted follows). */
  readonly nextExecutionTime: string | null;
  readonly remainingExecutions: number | null;
  readonly at: string;
}

/** Slots missed during downtime and not run (catch-up policy `skip`). */
export interface CronTriggerSkippedData {
  readonly triggerId: string;
  /** The first missed slot. */
  readonly missedFrom: string;
  readonly nextExecutionTime: string | null;
  readonly at: string;
}

export interface CronTriggerDeletedData {
  readonly triggerId: string;
  /** 'deleted' by the API, 'exhausted' after its last run, 'missed' when a one-shot was skipped. */
  readonly reason: 'deleted' | 'exhausted' | 'missed';
  readonly at: string;
}

export type CronTriggerEvent =
  | { readonly type: 'CronTriggerCreated'; readonly data: CronTriggerCreatedData }
  | { readonly type: 'CronTriggerFired'; readonly data: CronTriggerFiredData }
  | { readonly type: 'CronTriggerSkipped'; readonly data: CronTriggerSkippedData }
  | { readonly type: 'CronTriggerDeleted'; readonly data: CronTriggerDeletedData };

const TYPES = new Set(['CronTriggerCreated', 'CronTriggerFired', 'CronTriggerSkipped', 'CronTriggerDeleted']);
export const isCronTriggerEvent = (e: { type: string }): e is CronTriggerEvent => TYPES.has(e.type);
