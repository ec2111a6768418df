// One stream's messages and its msgId dedupe window, in memory.
import type { Headers, PublishAck, PublishOptions, StreamConfig } from '../message-bus.js';
import { subjectMatches } from '../internal/subjects.js';

export interface StoredMessage {
  readonly seq: number;
  readonly subject: string;
  /** JSON text: every delivery parses a fresh copy, like a real broker. */
  readonly json: string;
  readonly headers: Headers;
  readonly msgId: string | undefined;
  readonly publishedAt: number;
}

/** JetStream's default duplicate window. */
const DEFAULT_DUPLICATE_WINDOW_MS = 120_000;

export class InProcessStream {
  config: StreamConfig;
  readonly #messages = new Map<number, StoredMessage>();
  readonly #recentIds = new Map<string, { seq: number; at: number }>();
  #lastSeq = 0;

  constructor(config: StreamConfig) {
    this.config = config;
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  captures(subject: string): boolean {
    return this.config.subjects.some((pattern) => subjectMatches(pattern, subject));
  }

  append(subject: string, data: unknown, options: PublishOptions, now: number): PublishAck {
    this.#forgetExpiredIds(now);
    this.dropExpired(now);
    const msgId = options.msgId;
    const known = msgId === undefined ? undefined : this.#recentIds.get(msgId);
    if (known) return { stream: this.config.name, seq: known.seq, duplicate: true };
    const json = JSON.stringify(data);
    if (json === undefined) throw new TypeError(`publish to '${subject}': data must be JSON-serialisable`);
    const seq = ++this.#lastSeq;
    this.#messages.set(seq, { seq, subject, json, headers: { ...options.headers }, msgId, publishedAt: now });
    if (msgId !== undefined) this.#recentIds.set(msgId, { seq, at: now });
    return { stream: this.config.name, seq, duplicate: false };
  }

  /** Drops messages older than `maxAgeMs` (publish order is sequence order, so they are at the front). */
  dropExpired(now: number): void {
    const maxAge = this.config.maxAgeMs;
    if (maxAge === undefined) return;
    for (const [seq, message] of this.#messages) {
      if (now - message.publishedAt < maxAge) break;
      this.#messages.delete(seq);
    }
  }

  /** The newest message on exactly this subject. */
  lastBySubject(subject: string): StoredMessage | undefined {
    const all = [...this.#messages.values()];
    for (let i = all.length - 1; i >= 0; i--) if (all[i]?.subject === subject) return all[i];
    return undefined;
  }

  get(seq: number): StoredMessage | undefined {
    return this.#messages.get(seq);
  }

  remove(seq: number): void {
    this.#messages.delete(seq);
  }

  get size(): number {
    return this.#messages.size;
  }

  #forgetExpiredIds(now: number): void {
    const window = this.config.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS;
    // Insertion order is publish order, so expired ids are at the front.
    for (const [id, entry] of this.#recentIds) {
      if (now - entry.at < window) break;
      this.#recentIds.delete(id);
    }
  }
}
