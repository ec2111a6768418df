// Separate entry point (`@sirocco/eventstore/postgres`) so users of the
// embedded store never load the pg driver.
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store.js';
export { PostgresCheckpointStore } from './postgres-checkpoint-store.js';
