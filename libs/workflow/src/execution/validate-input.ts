// Input checks with Mistral's message shape, e.g.
// "Invalid input [name=my_wf, class=WorkflowSpec, missing=['a'], unexpected=['b']]".
import type { InputParamSpec } from '@sirocco/dsl';
import { pythonStr } from './evaluate.js';

export const validateInput = (
  expected: readonly InputParamSpec[],
  actual: Readonly<Record<string, unknown>>,
  name: string,
  kind: 'workflow' | 'action',
): string | undefined => {
  const names = new Set(expected.map((p) => p.name));
  const missing = expected.filter((p) => !p.hasDefault && !(p.name in actual)).map((p) => p.name);
  const unexpected = Object.keys(actual).filter((k) => !names.has(k));
  if (missing.length === 0 && unexpected.length === 0) return undefined;
  let msg = `Invalid input [name=${name}, class=${kind === 'workflow' ? 'WorkflowSpec' : 'Action'}`;
  if (missing.length) msg += `, missing=${pythonStr(missing)}`;
  if (unexpected.length) msg += `, unexpected=${pythonStr(unexpected)}`;
  return `${msg}]`;
};

/** Input with the declared defaults filled in, in declaration order then extra keys. */
export const withDefaults = (
  expected: readonly InputParamSpec[],
  actual: Readonly<Record<string, unknown>>,
): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const p of expected) {
    if (p.name in actual) out[p.name] = actual[p.name];
    else if (p.hasDefault) out[p.name] = p.default ?? null;
  }
  for (const [k, v] of Object.entries(actual)) if (!(k in out)) out[k] = v;
  return out;
};
