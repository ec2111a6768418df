// Tells the bus a long action is still being worked on, so its ack deadline
// keeps moving and it is not redelivered to another executor meanwhile.
import type { BusMessage } from '@sirocco/messaging';

/** Calls `message.working()` every `intervalMs` until the returned stop function runs. */
export function startHeartbeat(message: BusMessage<unknown>, intervalMs: number): () => void {
  const timer = setInterval(() => message.working(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
