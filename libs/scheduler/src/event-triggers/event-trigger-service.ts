// Creating, reading, updating and deleting event triggers (what
// /v2/event_triggers needs), with Mistral 15's rules: exchange, topic, event
// and workflow_id are required; the workflow must exist and accept the input;
// one trigger per (exchange, topic, event, workflow, project); exchange, topic
// and event cannot be updated. Beyond Mistral: exchange and topic must form a
// NATS subject, input expressions must parse, and the subjects' JetStream
// stream is created before the trigger is recorded, so a subject NATS will
// not give us is a 400 now rather than a trigger that never fires.
import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError, type EventStore } from '@sirocco/eventstore';
import type { WorkflowResolver } from '@sirocco/engine';
import { checkSyntax } from '@sirocco/expressions';
import type { MessageBus } from '@sirocco/messaging';
import { conflict, invalidInput, notFound, validateInput } from '@sirocco/workflow';
import { checkEventName, checkEventSource, eventSourceStream } from './event-source.js';
import {
  EVENT_TRIGGER_STREAM_PREFIX,
  eventTriggerStreamId,
  type EventTriggerCreatedData,
  type EventTriggerUpdatedData,
} from './event-trigger-events.js';
import type { EventTriggerIndex } from './event-trigger-index.js';
import type { ActiveEventTrigger } from './event-trigger-state.js';

export interface CreateEventTriggerRequest {
  readonly name?: string;
  readonly workflowId?: string;
  readonly workflowInput?: Readonly<Record<string, unknown>>;
  readonly workflowParams?: Readonly<Record<string, unknown>>;
  readonly exchange?: string;
  readonly topic?: string;
  readonly event?: string;
  readonly scope?: string;
}

export type UpdateEventTriggerRequest = CreateEventTriggerRequest;

export interface EventTriggerServiceOptions {
  readonly eventStore: EventStore;
  readonly index: EventTriggerIndex;
  readonly workflows: WorkflowResolver;
  /** The bus events arrive on: the source's stream is made here first. */
  readonly bus: Pick<MessageBus, 'ensureStream'>;
  readonly now?: () => number;
  readonly newId?: () => string;
  readonly projectId?: string;
  readonly readTimeoutMs?: number;
}

const MANDATORY = ['exchange', 'topic', 'event', 'workflow_id'] as const;
const NOT_UPDATABLE = ['exchange', 'topic', 'event', 'workflow_id'] as const;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export class EventTriggerService {
  readonly #o: EventTriggerServiceOptions;
  readonly #now: () => number;

  constructor(options: EventTriggerServiceOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
  }

  async create(request: CreateEventTriggerRequest): Promise<ActiveEventTrigger> {
    const given = {
      exchange: request.exchange,
      topic: request.topic,
      event: request.event,
      workflow_id: request.workflowId,
    };
    const missing = MANDATORY.filter((k) => !given[k]);
    if (missing.length > 0) {
      throw invalidInput(
        `Params ${MANDATORY.join(', ')} must be provided for creating event trigger (missing: ${missing.join(', ')}).`,
      );
    }
    const exchange = request.exchange as string;
    const topic = request.topic as string;
    const event = request.event as string;
    const workflowId = request.workflowId as string;
    const problem = checkEventSource({ exchange, topic }) ?? checkEventName(event);
    if (problem) throw invalidInput(problem);
    const scope = checkScope(request.scope ?? 'private');
    if (!UUID.test(workflowId)) {
      throw invalidInput(
        `Invalid input for field/attribute workflow_id. Value: '${workflowId}'. Expected a uuid but received ${workflowId}.`,
      );
    }
    const workflow = await this.#o.workflows.resolve({ id: workflowId, namespace: '' });
    if (!workflow) throw notFound(`Workflow not found [workflow_id=${workflowId}]`);
    const input = request.workflowInput ?? {};
    checkInputExpressions(input);
    const inputError = validateInput(workflow.spec.input, input, workflow.name, 'workflow');
    if (inputError) throw invalidInput(inputError);

    const projectId = this.#o.projectId ?? '<default-project>';
    const key = { exchange, topic, event, workflowId: workflow.workflowId, projectId };
    const streamId = eventTriggerStreamId(key);
    const duplicate = () =>
      conflict(
        `Duplicate entry for EventTrigger ['exchange', 'topic', 'event', 'workflow_id', 'project_id']: ${exchange}, ${topic}, ${event}, ${workflow.workflowId}, ${projectId}`,
      );
    const revision = await this.#o.eventStore.streamRevision(streamId);
    if (revision !== undefined) {
      await this.#o.index.catchUp();
      if (this.#o.index.stateByKey(streamId.slice(EVENT_TRIGGER_STREAM_PREFIX.length))?.active)
        throw duplicate();
    }

    const stream = eventSourceStream({ exchange, topic });
    try {
      await this.#o.bus.ensureStream(stream);
    } catch (error) {
      throw invalidInput(
        `Cannot listen on NATS subjects ${stream.subjects.join(', ')}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }

    const data: EventTriggerCreatedData = {
      ...key,
      triggerId: (this.#o.newId ?? randomUUID)(),
      name: request.name ?? '',
      workflowName: workflow.name,
      workflowNamespace: workflow.namespace,
      workflowInput: input,
      workflowParams: request.workflowParams ?? {},
      scope,
      at: new Date(this.#now()).toISOString(),
    };
    try {
      const { position } = await this.#o.eventStore.append(
        streamId,
        [{ eventId: randomUUID(), type: 'EventTriggerCreated', data }],
        revision ?? 'no_stream',
      );
      await this.#o.index.waitForPosition(position, this.#o.readTimeoutMs);
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) throw duplicate();
      throw error;
    }
    return this.get(data.triggerId);
  }

  get(id: string): ActiveEventTrigger {
    const trigger = this.#o.index.find(id);
    if (!trigger) throw notFound(`Event trigger not found [id=${id}].`);
    return trigger;
  }

  /** Active triggers in creation order. */
  list(): ActiveEventTrigger[] {
    return this.#o.index
      .active()
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.triggerId.localeCompare(b.triggerId));
  }

  async update(id: string, request: UpdateEventTriggerRequest): Promise<ActiveEventTrigger> {
    const fixed = {
      exchange: request.exchange,
      topic: request.topic,
      event: request.event,
      workflow_id: request.workflowId,
    };
    if (NOT_UPDATABLE.some((k) => fixed[k])) {
      throw invalidInput(
        `Can not update fields ${NOT_UPDATABLE.join(', ')} of event trigger: delete it and create a new one.`,
      );
    }
    const scope = request.scope === undefined ? undefined : checkScope(request.scope);
    if (request.workflowInput !== undefined) {
      checkInputExpressions(request.workflowInput);
      const trigger = this.get(id);
      const workflow = await this.#o.workflows.resolve({ id: trigger.workflowId, namespace: '' });
      if (!workflow) throw notFound(`Workflow not found [workflow_id=${trigger.workflowId}]`);
      const inputError = validateInput(workflow.spec.input, request.workflowInput, workflow.name, 'workflow');
      if (inputError) throw invalidInput(inputError);
    }
    await this.#appendToLive(id, (triggerId, at): { type: string; data: EventTriggerUpdatedData } => ({
      type: 'EventTriggerUpdated',
      data: {
        triggerId,
        ...(request.name === undefined ? {} : { name: request.name }),
        ...(request.workflowInput === undefined ? {} : { workflowInput: request.workflowInput }),
        ...(request.workflowParams === undefined ? {} : { workflowParams: request.workflowParams }),
        ...(scope === undefined ? {} : { scope }),
        at,
      },
    }));
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    await this.#appendToLive(id, (triggerId, at) => ({
      type: 'EventTriggerDeleted',
      data: { triggerId, at },
    }));
  }

  /** Appends to the live trigger's stream with its expected revision; a concurrent change is re-read and retried. */
  async #appendToLive(
    id: string,
    build: (triggerId: string, at: string) => { type: string; data: unknown },
  ): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const live = this.#o.index.stateOf(id);
      if (!live) break;
      const streamId = `${EVENT_TRIGGER_STREAM_PREFIX}${live.key}`;
      try {
        const event = build(id, new Date(this.#now()).toISOString());
        const { position } = await this.#o.eventStore.append(
          streamId,
          [{ eventId: randomUUID(), ...event }],
          live.state.revision,
        );
        await this.#o.index.waitForPosition(position, this.#o.readTimeoutMs);
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        await this.#o.index.catchUp(); // changed meanwhile: look again
      }
    }
    throw notFound(`Event trigger not found [id=${id}].`);
  }
}

function checkScope(scope: string): 'private' | 'public' {
  if (scope !== 'private' && scope !== 'public') {
    throw invalidInput(
      `Invalid input for field/attribute scope. Value: '${scope}'. Value should be one of: private, public`,
    );
  }
  return scope;
}

/** Every expression in the input must parse now, not fail on the first event. */
function checkInputExpressions(input: unknown, path = 'workflow_input'): void {
  if (typeof input === 'string') {
    const error = checkSyntax(input);
    if (error) throw invalidInput(`${path}: cannot parse '${input}': ${error}`);
  } else if (Array.isArray(input)) {
    input.forEach((v, i) => checkInputExpressions(v, `${path}[${i}]`));
  } else if (input !== null && typeof input === 'object') {
    for (const [k, v] of Object.entries(input)) checkInputExpressions(v, `${path}.${k}`);
  }
}
