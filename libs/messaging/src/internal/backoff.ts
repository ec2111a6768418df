/** Delay before delivery `deliveryCount + 1` after a failure: backoff by attempt, the last one repeating. */
export function backoffDelay(backoffMs: readonly number[] | undefined, deliveryCount: number): number {
  if (!backoffMs || backoffMs.length === 0) return 0;
  return backoffMs[Math.min(deliveryCount, backoffMs.length) - 1] ?? 0;
}
