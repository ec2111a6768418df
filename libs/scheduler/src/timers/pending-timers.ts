// The in-memory set of pending timers: a heap by deadline plus an index by
// execution, so settling one timer or a whole execution never scans the set.
import { KeyedMinHeap } from '../internal/keyed-min-heap.js';
import type { PendingTimer, TimerChange } from './timer-changes.js';

export class PendingTimers {
  readonly #heap = new KeyedMinHeap<PendingTimer>();
  readonly #byExecution = new Map<string, Set<string>>();

  get size(): number {
    return this.#heap.size;
  }

  has(timerId: string): boolean {
    return this.#heap.has(timerId);
  }

  /** Deadline of the earliest timer (epoch ms). */
  nextDeadline(): number | undefined {
    return this.#heap.peek()?.at;
  }

  apply(change: TimerChange): void {
    switch (change.kind) {
      case 'scheduled':
        this.add(change.timer);
        break;
      case 'settled':
        this.remove(change.timerId);
        break;
      case 'execution-ended':
        for (const timerId of [...(this.#byExecution.get(change.executionId) ?? [])]) this.remove(timerId);
        break;
    }
  }

  add(timer: PendingTimer): void {
    this.#heap.set(timer.timerId, timer.fireAt, timer);
    let ids = this.#byExecution.get(timer.executionId);
    if (!ids) this.#byExecution.set(timer.executionId, (ids = new Set()));
    ids.add(timer.timerId);
  }

  remove(timerId: string): void {
    const timer = this.#heap.get(timerId);
    if (!timer) return;
    this.#heap.remove(timerId);
    const ids = this.#byExecution.get(timer.executionId);
    ids?.delete(timerId);
    if (ids?.size === 0) this.#byExecution.delete(timer.executionId);
  }

  /** Moves a pending timer to another deadline. */
  postpone(timerId: string, until: number): void {
    const timer = this.#heap.get(timerId);
    if (timer) this.#heap.set(timerId, until, timer);
  }

  /**
   * Takes the timers due at `now` (earliest first, at most `max`) and moves
   * each to `retryAt`: if no firing is recorded by then, it is sent again.
   */
  takeDue(now: number, retryAt: number, max = Infinity): PendingTimer[] {
    const out: PendingTimer[] = [];
    for (let head = this.#heap.peek(); head && head.at <= now && out.length < max; head = this.#heap.peek()) {
      this.#heap.set(head.key, Math.max(retryAt, now + 1), head.value);
      out.push(head.value);
    }
    return out;
  }
}
