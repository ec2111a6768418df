// Replays (or what-ifs) the executions a command line names, printing a
// report for each. It only reads the store.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ActionRegistry } from '@sirocco/actions';
import { replayExecution, whatIfExecution, type OtherVersion } from '@sirocco/audit';
import { SqliteEventStore } from '@sirocco/eventstore';
import { createSqliteReadModels } from '@sirocco/projections';
import type { ActionDescriptor } from '@sirocco/workflow';
import { UsageError, type ReplayArgs } from './args.js';
import { allExecutionIds } from './execution-ids.js';
import { formatReplay, formatWhatIf } from './format.js';

const registry = ActionRegistry.withStandardActions();
const resolveAction = (name: string): ActionDescriptor | undefined => {
  const a = registry.get(name);
  return a && { name: a.name, input: a.inputSpec, acceptsAnyInput: a.acceptsAnyInput === true };
};

async function replayOne(
  store: SqliteEventStore,
  readModels: ReturnType<typeof createSqliteReadModels>,
  id: string,
  args: ReplayArgs,
  yaml: string | undefined,
): Promise<boolean> {
  if (!args.whatIf) {
    const report = await replayExecution({ events: store, readModels }, id);
    console.log(args.json ? JSON.stringify(report) : formatReplay(report));
    return report.consistent;
  }
  const other: OtherVersion = 'definitionRevision' in args.whatIf ? args.whatIf : { definition: yaml! };
  const report = await whatIfExecution(store, id, other, { resolveAction });
  console.log(args.json ? JSON.stringify(report) : formatWhatIf(report));
  return report.outcome === 'same';
}

/** Prints one report per execution; true when every one matched. */
export async function runReplay(args: ReplayArgs): Promise<boolean> {
  const path = join(args.dataDir, 'sirocco.db');
  if (!existsSync(path)) throw new UsageError(`no store at ${path}`);
  const store = SqliteEventStore.open({ path });
  try {
    const readModels = createSqliteReadModels(store.database());
    const ids = args.all ? await allExecutionIds(store) : args.executionIds;
    const yaml =
      args.whatIf && 'definitionFile' in args.whatIf
        ? readFileSync(args.whatIf.definitionFile, 'utf8')
        : undefined;
    let ok = true;
    for (const id of ids) {
      try {
        ok = (await replayOne(store, readModels, id, args, yaml)) && ok;
      } catch (e) {
        // One bad execution (or a version it lacks) must not hide the others' results.
        ok = false;
        console.log(
          args.json
            ? JSON.stringify({ executionId: id, error: String(e) })
            : `${id}: ERROR ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    }
    if (ids.length === 0) console.log('no executions in the store');
    return ok;
  } finally {
    await store.close();
  }
}
