// Deterministic execution ids: a UUIDv5-style hash of (trigger id, slot), so
// every scheduler instance that starts the execution of one slot uses the
// same id, and the second start is a no-op in the core.
import { createHash } from 'node:crypto';

// A fixed namespace for Sirocco's cron executions (random, generated once).
const NAMESPACE = Buffer.from('5b0f5a4e0c9d4f6c9a3d2e7b1c8f4a60', 'hex');

export function derivedUuid(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50; // version 5
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export const cronExecutionId = (triggerId: string, scheduledFor: string): string =>
  derivedUuid(`cron-trigger:${triggerId}@${scheduledFor}`);
