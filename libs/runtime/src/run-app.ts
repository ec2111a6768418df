// Process lifecycle shared by the apps: start, then stop cleanly once on
// SIGTERM/SIGINT (in-flight work finishes or is handed back), with a hard
// deadline so a stuck dependency cannot keep a pod terminating forever.
import { ConfigError } from './config-error.js';
import type { Logger } from './logger.js';
import { startTracing } from './tracing.js';

export interface RunningApp {
  stop(): Promise<void>;
}

export interface AppSpec {
  readonly name: string;
  /** Builds the logger once the config is known; config errors happen before. */
  start(): Promise<{ app: RunningApp; log: Logger; stopDeadlineMs: number }>;
}

export const runApp = (spec: AppSpec): void => {
  // Before anything connects, so every span has a provider (see tracing.ts for exporting them).
  const tracing = startTracing({ serviceName: spec.name });
  spec.start().then(
    ({ app, log, stopDeadlineMs }) => {
      let signalled = false;
      const shutdown = (signal: string) => {
        if (signalled) return;
        signalled = true;
        log.info('stopping', { signal });
        const deadline = setTimeout(() => {
          log.error('stop took too long; exiting anyway', { deadlineMs: stopDeadlineMs });
          process.exit(1);
        }, stopDeadlineMs);
        deadline.unref();
        app.stop().then(
          async () => {
            await tracing.shutdown().catch(() => undefined); // flush spans still batched
            log.info('stopped');
            process.exit(0);
          },
          (e: unknown) => {
            log.error('unclean stop', { error: String(e) });
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => shutdown('SIGTERM'));
      process.on('SIGINT', () => shutdown('SIGINT'));
    },
    (e: unknown) => {
      if (e instanceof ConfigError) {
        process.stderr.write(`${spec.name}: configuration error: ${e.message}\n`);
        process.exit(2);
      }
      process.stderr.write(
        `${spec.name}: failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
      process.exit(1);
    },
  );
};
