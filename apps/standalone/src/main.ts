// `npm start`: the standalone Sirocco service in one process.
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from '@sirocco/runtime';
import { startStandalone } from './standalone.js';

const main = async (): Promise<void> => {
  const config = loadConfig(process.argv.slice(2), process.env);
  const log = createLogger(config.logLevel, { app: 'sirocco-standalone' });
  const running = await startStandalone(config, log);
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
    process.stderr.write(`sirocco: ${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`sirocco: failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
