// The engine process role: consume what happened outside (action results,
// later timer fires and commands) and turn it into decisions. A message is
// acked only after its consequences are appended; a redelivery of a message
// already handled decides nothing (the core ignores completed actions).
import type { ConsumerHandle, EngineInput, MessageBus, BusMessage } from '@sirocco/messaging';
import { STREAMS, SUBJECTS } from '@sirocco/messaging';
import type { ExecutionCommandHandler } from './command-handler.js';

export interface EngineOptions {
  readonly bus: MessageBus;
  readonly handler: ExecutionCommandHandler;
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
    this.consumer = await bus.consume<EngineInput>(
      {
        stream: STREAMS.engine.name,
        durableName: 'engine',
        filterSubject: SUBJECTS.engineAll,
        ackWaitMs: 30_000,
        maxDeliver: 10,
        backoffMs: [100, 500, 2_000, 5_000],
        maxAckPending: this.options.concurrency ?? 64,
      },
      (msg) => this.onMessage(msg),
      async (msg, error) => {
        this.options.log?.('engine message exhausted its deliveries', { subject: msg.subject, error: String(error) });
      },
    );
  }

  private async onMessage(msg: BusMessage<EngineInput>): Promise<void> {
    const input = msg.data;
    switch (input.kind) {
      case 'ActionResultReported':
        await this.options.handler.handle(
          input.executionId,
          { type: 'ReportActionResult', actionExecutionId: input.actionExecutionId, state: input.state, output: input.output },
          { causationId: msg.msgId ?? `result-${input.actionExecutionId}` },
        );
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

  async stop(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = undefined;
  }
}
