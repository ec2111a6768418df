// One JSON line per record on stderr, with the app and instance bound in:
// enough for `docker compose logs` or kubectl to filter on.
export type LogFields = Record<string, unknown>;
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const ORDER = { debug: 10, info: 20, warn: 30, error: 40 } as const;

export const createLogger = (level: keyof typeof ORDER, bindings: LogFields = {}): Logger => {
  const write = (lvl: keyof typeof ORDER, msg: string, fields?: LogFields) => {
    if (ORDER[lvl] < ORDER[level]) return;
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level: lvl, ...bindings, msg, ...fields })}\n`,
    );
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
};
