export * from './event-store-contract.js';
export * from './postgres.js';
