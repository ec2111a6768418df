export * from './message-bus.js';
export * from './messages.js';
export * from './topology.js';
export { InProcessMessageBus, type InProcessMessageBusOptions } from './in-process/in-process-message-bus.js';
export { ManualClock, systemClock, type Clock } from './in-process/clock.js';
export { subjectMatches } from './internal/subjects.js';
