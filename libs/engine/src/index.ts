export * from './execution-service.js';
export * from './execution-service.impl.js';
export * from './execution-repository.js';
export * from './command-handler.js';
export * from './engine.js';
export * from './effects.js';
export * from './recovery.js';
export * from './ports.js';
