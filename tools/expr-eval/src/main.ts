/**
 * Corpus command for /work/shared/expressions/check.py.
 * stdin: one {expr, context} (single mode) or a JSON list of them (batch mode).
 * stdout: {result, truthy} | {error, message}, or a list of those in the same order.
 * JSON is parsed and printed with key order, int/float and big ints preserved.
 */
import { randomUUID } from 'node:crypto';
import {
  evaluateRecursivelyOrdered,
  ExpressionError,
  isTruthy,
  parseJsonOrdered,
  toJson,
  type ExpressionFunctions,
} from '@sirocco/expressions';

/** The library is deterministic; this shell supplies the randomness Mistral's uuid() and `random` need. */
const functions: ExpressionFunctions = { uuid: () => randomUUID(), random: () => Math.random() };

function field(entry: unknown, name: string): unknown {
  return entry instanceof Map ? entry.get(name) : undefined;
}

function runOne(entry: unknown): string {
  try {
    const result = evaluateRecursivelyOrdered(field(entry, 'expr'), {
      data: field(entry, 'context'),
      functions,
    });
    return `{"result": ${toJson(result)}, "truthy": ${isTruthy(result) ? 'true' : 'false'}}`;
  } catch (e) {
    const kind = e instanceof ExpressionError ? e.kind : 'InternalError';
    const message = e instanceof Error ? e.message : String(e);
    return `{"error": ${JSON.stringify(kind)}, "message": ${JSON.stringify(message)}}`;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const input = parseJsonOrdered(await readStdin());
if (Array.isArray(input)) {
  process.stdout.write('[' + input.map(runOne).join(',\n') + ']\n');
} else {
  process.stdout.write(runOne(input) + '\n');
}
