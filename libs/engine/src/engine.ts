// The engine process role: consume what happened outside (action results,
// later timer fires and commands) and turn it into decisions. A message is
// acked only after its consequences are appended; a redelivery of a message
// already handled decides nothing (the core ignores completed actions).
import type { ConsumerHandle, EngineInput, MessageBus, BusMessage } from '@sirocco/messaging';
import { STREAMS, SUBJECTS } from '@sirocco/messaging';
import type { StartSubworkflow } from '@sirocco/messaging';
import { isSiroccoError } from '@sirocco/workflow';
import type { ExecutionCommandHandler } from './command-handler.js';
import type { WorkflowResolver } from './ports.js';

export interface EngineOptions {
  readonly bus: MessageBus;
  readonly handler: ExecutionCommandHandler;
  /** Looks up child workflows of workflow tasks. */
  readonly workflows: WorkflowResolver;
  /** Messages handled at once by this engine instance. */
  readonly concurrency?: number;
  readonly log?: (msg: string, fields?: Record<string, unknown>) => void;
}

export class Engine {
  private consumer: ConsumerHandle | undefined;

  constructor(private readonly options: EngineOptions) {}

  async start(): Promise<void> {
    const { bus } = this.options;
    await bus.ensureStream(STREAMS.engine);
    await bus.ensureStream(STREAMS.actions);
    await bus.ensureStream(STREAMS.actionsDone);
    this.consumer = await bus.consume<EngineInput>(
      {
        stream: STREAMS.engine.name,
        durableName: 'engine',
        filterSubject: SUBJECTS.engineAll,
        ackWaitMs: 30_000,
        maxDeliver: 20,
        backoffMs: [100, 500, 2_000, 5_000],
        maxAckPending: this.options.concurrency ?? 64,
      },
      (msg) => this.onMessage(msg),
      (msg, error) => this.recordExhausted(msg, error),
    );
  }

  private async onMessage(msg: BusMessage<EngineInput>): Promise<void> {
    const input = msg.data;
    switch (input.kind) {
      case 'ActionResultReported':
        await this.options.handler.handle(
          input.executionId,
          {
            type: 'ReportActionResult',
            actionExecutionId: input.actionExecutionId,
            state: input.state,
            output: input.output,
            ...(input.workDeliveries === undefined ? {} : { workDeliveries: input.workDeliveries }),
          },
          { causationId: msg.msgId ?? `result-${input.actionExecutionId}` },
        );
        break;
      case 'ControlExecution': {
        const command =
          input.command === 'pause'
            ? ({
                type: 'PauseExecution',
                ...(input.stateInfo ? { stateInfo: input.stateInfo } : {}),
              } as const)
            : input.command === 'resume'
              ? ({ type: 'ResumeExecution' } as const)
              : ({
                  type: 'StopExecution',
                  state: 'CANCELLED',
                  ...(input.stateInfo ? { stateInfo: input.stateInfo } : {}),
                } as const);
        try {
          await this.options.handler.handle(input.executionId, command, {
            causationId: msg.msgId ?? input.command,
          });
        } catch (e) {
          // A child that already ended (or cannot take the change) simply stays as it is.
          if (!isSiroccoError(e) || e.code !== 'INVALID_STATE') throw e;
        }
        break;
      }
      case 'StartSubworkflow':
        await this.startSubworkflow(input);
        break;
      case 'TimerDue':
        await this.options.handler.handle(
          input.executionId,
          { type: 'FireTimer', timerId: input.timerId },
          { causationId: msg.msgId ?? `timer-${input.timerId}` },
        );
        break;
    }
    await msg.ack();
  }

  /**
   * Starts a workflow task's child execution. A child that cannot start
   * (unknown workflow, bad input) fails the parent's task instead. A start
   * that already happened re-sends what the child owes its parent, so a
   * redelivery after a crash completes the hand-over.
   */
  private async startSubworkflow(input: StartSubworkflow): Promise<void> {
    const { handler, workflows } = this.options;
    const reportToParent = (message: string) =>
      handler.handle(
        input.parentExecutionId,
        { type: 'ReportActionResult', actionExecutionId: input.executionId, state: 'ERROR', output: message },
        { causationId: `start-${input.executionId}` },
      );
    const workflow =
      (await workflows.resolve({ name: input.workflowName, namespace: input.workflowNamespace })) ??
      (input.workflowNamespace !== ''
        ? await workflows.resolve({ name: input.workflowName, namespace: '' })
        : undefined);
    if (!workflow) {
      await reportToParent(
        `Workflow not found [workflow_identifier=${input.workflowName}, namespace=${input.workflowNamespace}]`,
      );
      return;
    }
    try {
      const result = await handler.handle(
        input.executionId,
        {
          type: 'StartExecution',
          executionId: input.executionId,
          workflowId: workflow.workflowId,
          workflowName: workflow.name,
          workflowNamespace: workflow.namespace,
          spec: workflow.spec,
          definitionRevision: workflow.revision,
          input: input.input,
          params: input.params,
          description: '',
          rootExecutionId: input.rootExecutionId,
          parentExecutionId: input.parentExecutionId,
          parentTaskExecutionId: input.parentTaskExecutionId,
        },
        { correlationId: input.rootExecutionId, causationId: `start-${input.executionId}` },
      );
      if (result.events.length === 0) await handler.republishPending(input.executionId);
    } catch (e) {
      if (isSiroccoError(e) && e.code !== 'UNAVAILABLE') await reportToParent(e.message);
      else throw e;
    }
  }

  /**
   * A message that keeps failing is not dropped silently: its execution ends
   * in ERROR saying which input could not be processed and why.
   */
  private async recordExhausted(msg: BusMessage<EngineInput>, error: unknown): Promise<void> {
    const input = msg.data;
    const reason = error instanceof Error ? error.message : String(error);
    this.options.log?.('engine message exhausted its deliveries', { subject: msg.subject, error: reason });
    try {
      await this.options.handler.handle(
        input.executionId,
        {
          type: 'StopExecution',
          state: 'ERROR',
          stateInfo: `The engine could not process ${input.kind} (${msg.msgId ?? msg.subject}) after ${msg.deliveryCount} deliveries: ${reason}`,
        },
        { causationId: msg.msgId ?? input.kind },
      );
    } catch (e) {
      // Already finished (INVALID_STATE) or unknown: nothing more to record.
      if (!isSiroccoError(e)) throw e;
    }
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = undefined;
  }
}
