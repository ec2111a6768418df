// Command line of `npm run replay`: what to replay, and against which
// version of the definition (what-if), from which data directory.
import { parseArgs } from 'node:util';

export const USAGE = `usage: npm run replay -- --data-dir DIR (--execution ID | --all) [options]

  --data-dir DIR              the standalone server's data directory (holds sirocco.db)
  --execution ID              replay one execution (repeatable)
  --all                       replay every execution in the store
  --definition-revision R     what-if: re-drive the history through revision R of its workflow definition
  --definition FILE           what-if: ... through the workflow in this YAML file
  --json                      print the reports as JSON lines

Exit status: 0 when every replay matches, 1 when one does not, 2 on a usage error.`;

export class UsageError extends Error {}

export interface ReplayArgs {
  readonly dataDir: string;
  readonly executionIds: readonly string[];
  readonly all: boolean;
  readonly whatIf?: { readonly definitionRevision: number } | { readonly definitionFile: string };
  readonly json: boolean;
}

export function parseReplayArgs(argv: readonly string[]): ReplayArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        'data-dir': { type: 'string' },
        execution: { type: 'string', multiple: true },
        all: { type: 'boolean', default: false },
        'definition-revision': { type: 'string' },
        definition: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const dataDir = values['data-dir'];
  if (!dataDir) throw new UsageError('--data-dir is required');
  const executionIds = values.execution ?? [];
  if (executionIds.length === 0 && !values.all) throw new UsageError('give --execution ID or --all');
  if (executionIds.length > 0 && values.all) throw new UsageError('give --execution or --all, not both');
  const revisionText = values['definition-revision'];
  const file = values.definition;
  if (revisionText !== undefined && file !== undefined) {
    throw new UsageError('give --definition-revision or --definition, not both');
  }
  let whatIf: ReplayArgs['whatIf'];
  if (revisionText !== undefined) {
    if (!/^\d+$/.test(revisionText))
      throw new UsageError(`--definition-revision must be a revision number: ${revisionText}`);
    whatIf = { definitionRevision: Number(revisionText) };
  } else if (file !== undefined) whatIf = { definitionFile: file };
  return { dataDir, executionIds, all: values.all, ...(whatIf ? { whatIf } : {}), json: values.json };
}
