// Test helpers: append timer events to execution streams, and a minimal
// engine stand-in that records TimerFired with the expected revision (what
// the real engine's core does), so tests can count firings.
import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError, type EventStore } from '@sirocco/eventstore';
import { STREAMS, SUBJECTS, type ConsumerHandle, type MessageBus, type TimerDue } from '@sirocco/messaging';
import { executionStreamId } from '@sirocco/workflow';

export async function scheduleTimer(
  store: EventStore,
  executionId: string,
  timerId: string,
  fireAt: number,
): Promise<void> {
  await store.append(
    executionStreamId(executionId),
    [
      {
        eventId: randomUUID(),
        type: 'TimerScheduled',
        data: {
          timerId,
          fireAt: new Date(fireAt).toISOString(),
          purpose: 'wait-before',
          at: new Date(0).toISOString(),
        },
      },
    ],
    'any',
  );
}

export async function appendExecutionEvent(
  store: EventStore,
  executionId: string,
  type: string,
  data: object,
): Promise<void> {
  await store.append(executionStreamId(executionId), [{ eventId: randomUUID(), type, data }], 'any');
}

/** Records TimerFired once per timer, like the engine; `fired` lists the timer ids in firing order. */
export async function startFakeTimerEngine(
  store: EventStore,
  bus: MessageBus,
  now: () => number = Date.now,
): Promise<{ readonly fired: string[]; readonly firedAt: Map<string, number>; stop(): Promise<void> }> {
  await bus.ensureStream(STREAMS.engine);
  const fired: string[] = [];
  const firedAt = new Map<string, number>();
  const consumer: ConsumerHandle = await bus.consume<TimerDue>(
    {
      stream: STREAMS.engine.name,
      durableName: 'fake-engine',
      filterSubject: SUBJECTS.engineAll,
      ackWaitMs: 30_000,
      maxDeliver: 20,
    },
    async (msg) => {
      const { executionId, timerId } = msg.data;
      const streamId = executionStreamId(executionId);
      for (;;) {
        const events = await store.readStream(streamId);
        if (
          events.some((e) => e.type === 'TimerFired' && (e.data as { timerId: string }).timerId === timerId)
        )
          break;
        try {
          await store.append(
            streamId,
            [
              {
                eventId: randomUUID(),
                type: 'TimerFired',
                data: { timerId, at: new Date(now()).toISOString() },
              },
            ],
            events.length - 1,
          );
          fired.push(timerId);
          firedAt.set(timerId, now());
          break;
        } catch (e) {
          if (!(e instanceof WrongExpectedRevisionError)) throw e;
        }
      }
      await msg.ack();
    },
  );
  return { fired, firedAt, stop: () => consumer.stop() };
}
