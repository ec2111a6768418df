// The executor logs through this small port so apps can plug their logger.

export type LogFields = Readonly<Record<string, unknown>>;

export interface ExecutorLogger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Warnings and errors to the console; the default, so problems are never silent. */
export const consoleLogger: ExecutorLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (message, fields) => console.warn(`[executor] ${message}`, fields ?? ''),
  error: (message, fields) => console.error(`[executor] ${message}`, fields ?? ''),
};

export const silentLogger: ExecutorLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
