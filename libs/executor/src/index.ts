export { Executor, type ExecutorOptions } from './executor.js';
export { consoleLogger, silentLogger, type ExecutorLogger, type LogFields } from './logger.js';
export { resultMsgId } from './report.js';
