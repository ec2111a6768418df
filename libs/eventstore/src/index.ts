export * from './event-store.js';
export * from './checkpoint-store.js';
export * from './paging.js';
export { InMemoryEventStore, type InMemoryEventStoreOptions } from './in-memory/in-memory-event-store.js';
export { InMemoryCheckpointStore } from './in-memory/in-memory-checkpoint-store.js';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store.js';
export { SqliteCheckpointStore } from './sqlite/sqlite-checkpoint-store.js';
export type { PollPolicy } from './internal/catch-up-subscription.js';
