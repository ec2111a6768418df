// One OS timer for the earliest deadline of a heap. Re-arming replaces the
// previous timer, so however many deadlines are pending, exactly one timer
// exists. Node caps setTimeout at 2^31-1 ms (~24.8 days): a farther deadline
// wakes up early once and re-arms.
import type { Clock } from '@sirocco/messaging';

const MAX_DELAY_MS = 2 ** 31 - 1;

export class DeadlineAlarm {
  #cancel: (() => void) | undefined;
  #armedFor: number | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly onAlarm: () => void,
  ) {}

  /** Arms for `at` (epoch ms), or disarms when undefined. A no-op when already armed for `at`. */
  arm(at: number | undefined): void {
    if (at === this.#armedFor && this.#cancel) return;
    this.disarm();
    if (at === undefined) return;
    const delay = Math.min(Math.max(0, at - this.clock.now()), MAX_DELAY_MS);
    this.#armedFor = at;
    this.#cancel = this.clock.schedule(delay, () => {
      this.#cancel = undefined;
      this.#armedFor = undefined;
      this.onAlarm();
    });
  }

  disarm(): void {
    this.#cancel?.();
    this.#cancel = undefined;
    this.#armedFor = undefined;
  }
}
