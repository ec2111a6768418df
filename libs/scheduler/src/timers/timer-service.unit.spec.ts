import { describe, expect, it, vi } from 'vitest';
import { InMemoryEventStore } from '@sirocco/eventstore';
import { InProcessMessageBus, ManualClock, SUBJECTS } from '@sirocco/messaging';
import { appendExecutionEvent, scheduleTimer, startFakeTimerEngine } from '../testing/timer-fixtures.js';
import { TimerService, type TimerServiceOptions } from './timer-service.js';
import { InMemoryTimerStore } from './timer-store.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');

function setup(overrides: Partial<TimerServiceOptions> = {}) {
  const clock = new ManualClock(T0);
  const eventStore = new InMemoryEventStore();
  const bus = new InProcessMessageBus({ clock });
  const timerStore = new InMemoryTimerStore();
  const make = (extra: Partial<TimerServiceOptions> = {}) =>
    new TimerService({ eventStore, bus, timerStore, clock, ...overrides, ...extra });
  return { clock, eventStore, bus, timerStore, make };
}

describe('TimerService', () => {
  it('publishes TimerDue at the deadline, not before, and drops the timer once TimerFired is recorded', async () => {
    const { clock, eventStore, bus, make } = setup();
    const publish = vi.spyOn(bus, 'publish');
    const engine = await startFakeTimerEngine(eventStore, bus, () => clock.now());
    const service = make();
    await service.start();
    await scheduleTimer(eventStore, 'e1', 't1', T0 + 1_000);
    await vi.waitFor(() => expect(service.stats().pending).toBe(1));

    await clock.advance(999);
    expect(engine.fired).toEqual([]);
    await clock.advance(1);
    await vi.waitFor(() => expect(engine.fired).toEqual(['t1']));
    expect(engine.firedAt.get('t1')).toBe(T0 + 1_000);
    expect(publish).toHaveBeenCalledWith(
      SUBJECTS.engine('e1'),
      { kind: 'TimerDue', executionId: 'e1', timerId: 't1' },
      { msgId: 'timer-t1' },
    );
    await vi.waitFor(() => expect(service.stats().pending).toBe(0));
    await service.stop();
    await engine.stop();
  });

  it('fires timers in deadline order, a past deadline at once', async () => {
    const { clock, eventStore, bus, make } = setup();
    const engine = await startFakeTimerEngine(eventStore, bus, () => clock.now());
    const service = make();
    await service.start();
    await scheduleTimer(eventStore, 'e1', 'late', T0 + 3_000);
    await scheduleTimer(eventStore, 'e2', 'early', T0 + 2_000);
    await scheduleTimer(eventStore, 'e3', 'past', T0 - 5_000);
    await vi.waitFor(() => expect(service.stats().pending).toBe(3));
    await clock.advance(0); // a past deadline arms a 0 ms timer
    await vi.waitFor(() => expect(engine.fired).toEqual(['past']));
    await clock.advance(5_000);
    await vi.waitFor(() => expect(engine.fired).toEqual(['past', 'early', 'late']));
    await service.stop();
    await engine.stop();
  });

  it('never fires a cancelled timer or a timer of a completed execution', async () => {
    const { clock, eventStore, bus, make } = setup();
    const engine = await startFakeTimerEngine(eventStore, bus, () => clock.now());
    const service = make();
    await service.start();
    await scheduleTimer(eventStore, 'e1', 'cancelled', T0 + 1_000);
    await scheduleTimer(eventStore, 'e2', 'orphan', T0 + 1_000);
    await scheduleTimer(eventStore, 'e3', 'kept', T0 + 1_000);
    await appendExecutionEvent(eventStore, 'e1', 'TimerCancelled', { timerId: 'cancelled', at: '' });
    await appendExecutionEvent(eventStore, 'e2', 'ExecutionCompleted', {
      state: 'CANCELLED',
      output: {},
      at: '',
    });
    await vi.waitFor(() => expect(service.stats().pending).toBe(1));
    await clock.advance(1_000);
    await vi.waitFor(() => expect(engine.fired).toEqual(['kept']));
    await service.stop();
    await engine.stop();
  });

  it('publishes again when no firing is recorded within retryAfterMs', async () => {
    const { clock, eventStore, bus, make } = setup();
    await bus.ensureStream({
      name: 'SIROCCO_ENGINE',
      subjects: ['sirocco.engine.>'],
      retention: 'workqueue',
      duplicateWindowMs: 1,
    });
    const publish = vi.spyOn(bus, 'publish');
    const service = make({ retryAfterMs: 10_000 });
    await service.start();
    await scheduleTimer(eventStore, 'e1', 't1', T0 + 1_000);
    await vi.waitFor(() => expect(service.stats().pending).toBe(1));
    await clock.advance(1_000);
    await vi.waitFor(() => expect(publish).toHaveBeenCalledTimes(1));
    await clock.advance(9_999);
    expect(publish).toHaveBeenCalledTimes(1);
    await clock.advance(1);
    await vi.waitFor(() => expect(publish).toHaveBeenCalledTimes(2));
    await service.stop();
  });

  it('restarts from its stored timers and checkpoint instead of replaying the log', async () => {
    const { clock, eventStore, bus, make } = setup({ checkpointEvery: 1 });
    const first = make();
    await first.start();
    for (let i = 0; i < 5; i++) await scheduleTimer(eventStore, `e${i}`, `t${i}`, T0 + 60_000 + i);
    await appendExecutionEvent(eventStore, 'e0', 'TimerCancelled', { timerId: 't0', at: '' });
    await vi.waitFor(() => expect(first.stats()).toMatchObject({ pending: 4, position: 6 }));
    await first.stop({ flush: false });

    const subscribe = vi.spyOn(eventStore, 'subscribeToAll');
    const second = make();
    await second.start();
    expect(subscribe.mock.calls[0]?.[0]).toMatchObject({ after: 6 });
    expect(second.stats().pending).toBe(4);

    const engine = await startFakeTimerEngine(eventStore, bus, () => clock.now());
    await clock.advance(61_000);
    await vi.waitFor(() => expect(engine.fired).toEqual(['t1', 't2', 't3', 't4']));
    await second.stop();
    await engine.stop();
  });

  it('two instances publish the same TimerDue; the timer still fires once', async () => {
    const { clock, eventStore, bus, make } = setup();
    const engine = await startFakeTimerEngine(eventStore, bus, () => clock.now());
    const a = make();
    const b = make();
    await Promise.all([a.start(), b.start()]);
    for (let i = 0; i < 20; i++) await scheduleTimer(eventStore, `e${i % 4}`, `t${i}`, T0 + 1_000 + (i % 3));
    await vi.waitFor(() => expect([a.stats().pending, b.stats().pending]).toEqual([20, 20]));
    await clock.advance(1_000);
    await clock.advance(5);
    await vi.waitFor(() => expect(engine.fired).toHaveLength(20));
    expect(new Set(engine.fired).size).toBe(20);
    await vi.waitFor(() => expect([a.stats().pending, b.stats().pending]).toEqual([0, 0]));
    // Whichever instance woke first may already have seen the firings.
    expect(a.stats().published + b.stats().published).toBeGreaterThanOrEqual(20);
    await Promise.all([a.stop(), b.stop(), engine.stop()]);
  });
});
