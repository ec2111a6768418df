// Creating, reading and deleting cron triggers (what /v2/cron_triggers
// needs), with Mistral 15's validation rules and messages. Writes append to
// the trigger's stream with the expected revision; reads come from the index,
// which a write waits for before it returns (read-your-writes).
import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError, type EventStore } from '@sirocco/eventstore';
import type { WorkflowResolver } from '@sirocco/engine';
import { conflict, invalidInput, notFound, validateInput } from '@sirocco/workflow';
import { cronTriggerStreamId, type CronTriggerCreatedData } from './cron-events.js';
import { cronSchedule, InvalidCronPattern, InvalidTimeZone } from './cron-schedule.js';
import type { ActiveCronTrigger } from './cron-state.js';
import type { CronTriggerIndex } from './cron-trigger-index.js';

export interface CreateCronTriggerRequest {
  readonly name: string;
  readonly pattern?: string;
  /** Mistral's format: `YYYY-MM-DD HH:MM`, UTC. */
  readonly firstExecutionTime?: string;
  readonly remainingExecutions?: number;
  readonly workflowName?: string;
  readonly workflowId?: string;
  readonly workflowNamespace?: string;
  readonly workflowInput?: Readonly<Record<string, unknown>>;
  readonly workflowParams?: Readonly<Record<string, unknown>>;
  readonly scope?: string;
  readonly timezone?: string;
}

export interface CronTriggerServiceOptions {
  readonly eventStore: EventStore;
  readonly index: CronTriggerIndex;
  readonly workflows: WorkflowResolver;
  readonly now?: () => number;
  readonly newId?: () => string;
  readonly projectId?: string;
  readonly readTimeoutMs?: number;
  /**
   * How far ahead `first_execution_time` must be. Mistral's rule, and the
   * default, is 60 s; operators (and the real-time CI test) may shorten it.
   */
  readonly minFirstExecutionLeadMs?: number;
}

/** Mistral's `first_execution_time` format, read as UTC; seconds are a Sirocco extension. */
const FIRST_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2})(?::(\d{1,2}))?$/;

export function parseFirstExecutionTime(text: string): number {
  const m = FIRST_TIME.exec(text);
  const [hour, minute, second] = [Number(m?.[4]), Number(m?.[5]), Number(m?.[6] ?? 0)];
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), hour, minute, second) : NaN;
  const valid = m && new Date(ms).getUTCDate() === Number(m[3]) && hour < 24 && minute < 60 && second < 60;
  if (!valid) throw invalidInput(`time data '${text}' does not match format '%Y-%m-%d %H:%M'`);
  return ms;
}

export class CronTriggerService {
  readonly #o: CronTriggerServiceOptions;
  readonly #now: () => number;

  constructor(options: CronTriggerServiceOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
  }

  async create(request: CreateCronTriggerRequest): Promise<ActiveCronTrigger> {
    const now = this.#now();
    const { pattern, remainingExecutions: count, timezone } = request;
    if (!request.name) throw invalidInput('Cron trigger name must be provided.');
    if (count !== undefined && (!Number.isInteger(count) || count < 1)) {
      throw invalidInput(
        `Invalid input for field/attribute remaining_executions. Value: '${String(count)}'. Value should be greater or equal to 1`,
      );
    }
    const scope = request.scope ?? 'private';
    if (scope !== 'private' && scope !== 'public') {
      throw invalidInput(
        `Invalid input for field/attribute scope. Value: '${scope}'. Value should be one of: private, public`,
      );
    }
    const firstTime =
      request.firstExecutionTime === undefined
        ? undefined
        : parseFirstExecutionTime(request.firstExecutionTime);
    if (firstTime === undefined && !pattern)
      throw invalidInput('Pattern or first_execution_time must be specified.');
    if (firstTime !== undefined) {
      const lead = this.#o.minFirstExecutionLeadMs ?? 60_000;
      if (firstTime < now + lead) {
        throw invalidInput(
          lead === 60_000
            ? 'first_execution_time must be at least 1 minute in the future.'
            : `first_execution_time must be at least ${lead / 1000} seconds in the future.`,
        );
      }
      if (!pattern && count !== undefined && count > 1)
        throw invalidInput('Pattern must be provided if count is superior to 1.');
    }
    let next = firstTime;
    if (pattern) {
      try {
        const schedule = cronSchedule(pattern, timezone);
        next ??= schedule.nextAfter(now);
      } catch (error) {
        if (error instanceof InvalidTimeZone) throw invalidInput(`Invalid time zone: ${timezone ?? ''}`);
        if (error instanceof InvalidCronPattern)
          throw invalidInput(`The specified pattern is not valid: ${pattern}`);
        throw error;
      }
      if (next === undefined) throw invalidInput(`The specified pattern never matches: ${pattern}`);
    } else if (timezone !== undefined) {
      throw invalidInput('timezone needs a pattern.');
    }

    const namespace = request.workflowNamespace ?? '';
    const workflow = await this.#o.workflows.resolve({
      ...(request.workflowName ? { name: request.workflowName } : {}),
      ...(request.workflowId ? { id: request.workflowId } : {}),
      namespace,
    });
    if (!workflow) {
      throw notFound(
        `Workflow not found [workflow_identifier=${request.workflowId ?? request.workflowName ?? 'None'}, namespace=${namespace}]`,
      );
    }
    const input = request.workflowInput ?? {};
    const inputError = validateInput(workflow.spec.input, input, workflow.name, 'workflow');
    if (inputError) throw invalidInput(inputError);

    const data: CronTriggerCreatedData = {
      triggerId: (this.#o.newId ?? randomUUID)(),
      name: request.name,
      pattern: pattern ?? null,
      ...(timezone === undefined ? {} : { timezone }),
      workflowId: workflow.workflowId,
      workflowName: workflow.name,
      workflowNamespace: workflow.namespace,
      workflowInput: input,
      workflowParams: request.workflowParams ?? {},
      firstExecutionTime: firstTime === undefined ? null : new Date(firstTime).toISOString(),
      scope,
      projectId: this.#o.projectId ?? '<default-project>',
      nextExecutionTime: new Date(next as number).toISOString(),
      // A one-shot trigger runs once, as in Mistral.
      remainingExecutions: count ?? (pattern ? null : 1),
      at: new Date(now).toISOString(),
    };
    const streamId = cronTriggerStreamId(request.name);
    const { index, eventStore } = this.#o;
    const duplicate = () =>
      conflict(`Duplicate entry for cron trigger ['name', 'project_id']: ${request.name}, None`);
    const revision = await eventStore.streamRevision(streamId);
    if (revision !== undefined) {
      // A name can be reused after a delete: bring the index up to the store and look.
      await index.catchUp();
      if (index.state(request.name)?.active) throw duplicate();
    }
    try {
      const { position } = await eventStore.append(
        streamId,
        [{ eventId: randomUUID(), type: 'CronTriggerCreated', data }],
        revision ?? 'no_stream',
      );
      await index.waitForPosition(position, this.#o.readTimeoutMs);
    } catch (error) {
      // Another request created it first.
      if (error instanceof WrongExpectedRevisionError) throw duplicate();
      throw error;
    }
    return this.get(request.name);
  }

  get(identifier: string): ActiveCronTrigger {
    const trigger = this.#o.index.find(identifier);
    if (!trigger) throw notFound(`Cron trigger not found [identifier=${identifier}]`);
    return trigger;
  }

  /** Active triggers in creation order. */
  list(): ActiveCronTrigger[] {
    return this.#o.index
      .active()
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.triggerId.localeCompare(b.triggerId));
  }

  async delete(identifier: string): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const trigger = this.get(identifier);
      const state = this.#o.index.state(trigger.name);
      if (!state) break;
      try {
        const { position } = await this.#o.eventStore.append(
          cronTriggerStreamId(trigger.name),
          [
            {
              eventId: randomUUID(),
              type: 'CronTriggerDeleted',
              data: {
                triggerId: trigger.triggerId,
                reason: 'deleted',
                at: new Date(this.#now()).toISOString(),
              },
            },
          ],
          state.revision,
        );
        await this.#o.index.waitForPosition(position, this.#o.readTimeoutMs);
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        // A scheduler fired it meanwhile: bring the index up to the store, then try again.
        await this.#o.index.catchUp();
      }
    }
    throw notFound(`Cron trigger not found [identifier=${identifier}]`);
  }
}
