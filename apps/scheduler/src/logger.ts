// One JSON line per record on stderr.
import type { LogFields, SchedulerLogger } from '@sirocco/scheduler';

const ORDER = { debug: 10, info: 20, warn: 30, error: 40 } as const;

export function createLogger(level: keyof typeof ORDER, bindings: LogFields = {}): SchedulerLogger {
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
}
