// `npm run replay -- --data-dir DIR --execution ID | --all [--definition-revision R | --definition FILE]`
//
// Replays executions of a standalone server's store: rebuilds each from its
// events and compares with the read models, or (what-if) re-drives its
// history through another definition version. Safe while the server runs:
// it only reads (SQLite WAL lets readers and the writer work side by side).
import { USAGE, UsageError, parseReplayArgs } from './args.js';
import { runReplay } from './run-replay.js';

try {
  process.exitCode = (await runReplay(parseReplayArgs(process.argv.slice(2)))) ? 0 : 1;
} catch (e) {
  if (e instanceof UsageError) {
    process.stderr.write(`replay: ${e.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`replay: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
