// Separate entry point (`@sirocco/messaging/nats`) so in-process users never load the NATS client.
export { NatsMessageBus, type NatsMessageBusOptions } from './nats-message-bus.js';
export { MIN_SERVER_VERSION } from './server-version.js';
