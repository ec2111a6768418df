// The scheduler process for distributed mode: durable timers and cron
// triggers over PostgreSQL and NATS. Run as many as you like: instances
// share the work safely (see libs/scheduler). Configuration:
//   SIROCCO_PG_URL (required), SIROCCO_PG_SCHEMA (default sirocco),
//   SIROCCO_NATS_URL (required), SIROCCO_CRON_CATCHUP (once|skip, default once),
//   SIROCCO_SCHEDULER_HEALTH_HOST/PORT (default 127.0.0.1:8992), SIROCCO_LOG_LEVEL.
import { ConfigError, loadSchedulerConfig } from './config.js';
import { createLogger } from './logger.js';
import { startSchedulerApp } from './scheduler-app.js';

const main = async (): Promise<void> => {
  const config = loadSchedulerConfig(process.env);
  const log = createLogger(config.logLevel, { app: 'sirocco-scheduler' });
  const running = await startSchedulerApp(config, log);
  let signalled = false;
  const shutdown = (signal: string) => {
    if (signalled) return;
    signalled = true;
    log.info('stopping', { signal });
    running.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        log.error('unclean stop', { error: String(e) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
};

main().catch((e: unknown) => {
  if (e instanceof ConfigError) {
    process.stderr.write(`sirocco-scheduler: ${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `sirocco-scheduler: failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exit(1);
});
