export * from './message-bus-contract.js';
export * from './nats-server.js';
