// Ad-hoc actions: `name: {base: 'std.echo output=...', base-input, input, output, description, tags}`.
import { isMap, type Node } from 'yaml';
import { didYouMean, type Path } from '../problems.js';
import type { AdHocActionSpec } from '../spec.js';
import type { Entry } from '../yaml/source.js';
import { checkExpressions } from './expressions.js';
import { readInlineCall } from './inline-call.js';
import { parseInputParams } from './input-params.js';
import type { ParseContext } from './options.js';
import { mergeDicts } from './task.js';
import { check, describe, isNonEmptyDict } from './values.js';

const KEYS = ['base', 'base-input', 'input', 'output', 'description', 'tags', 'name', 'version'];

export function parseAdHocAction(ctx: ParseContext, entry: Entry, path: Path): AdHocActionSpec | undefined {
  const name = entry.key;
  const node = entry.valueNode;
  if (!isNonEmptyDict(entry.value) || node === null || !isMap(node)) {
    ctx.src.report(
      node ?? entry.keyNode,
      path,
      `action '${name}' must be a mapping with 'base:', got ${describe(entry.value)}`,
    );
    return undefined;
  }
  const entries = ctx.src.entries(node);
  for (const e of entries) {
    if (!KEYS.includes(e.key))
      ctx.src.report(e.keyNode, [...path, e.key], `unknown key '${e.key}'${didYouMean(e.key, KEYS)}`);
  }
  const get = (key: string): Entry | undefined => entries.find((e) => e.key === key);
  const at = (e: Entry): Node => e.valueNode ?? e.keyNode;

  const action: { -readonly [K in keyof AdHocActionSpec]: AdHocActionSpec[K] } = {
    name,
    tags: [],
    base: '',
    baseInput: {},
    input: [],
    location: ctx.src.loc(entry.keyNode),
  };
  let ok = true;

  const description = get('description');
  if (
    description &&
    check.nonEmptyString(ctx, description.value, at(description), [...path, 'description'], 'description')
  ) {
    action.description = description.value as string;
  }
  const tags = get('tags');
  if (tags && check.uniqueStringList(ctx, tags.value, at(tags), [...path, 'tags'], 'tags'))
    action.tags = tags.value as string[];
  const input = get('input');
  if (input) action.input = parseInputParams(ctx, input.value, at(input), [...path, 'input']);
  const output = get('output');
  if (output) {
    // Mistral checks an output expression only when the output is one string.
    if (typeof output.value === 'string')
      checkExpressions(ctx, output.value, at(output), [...path, 'output']);
    action.output = output.value;
  }

  let baseInput: Record<string, unknown> = {};
  const baseInputEntry = get('base-input');
  if (baseInputEntry) {
    if (
      check.nonEmptyDict(ctx, baseInputEntry.value, at(baseInputEntry), [...path, 'base-input'], 'base-input')
    ) {
      checkExpressions(ctx, baseInputEntry.value, at(baseInputEntry), [...path, 'base-input']);
      baseInput = baseInputEntry.value as Record<string, unknown>;
    } else {
      ok = false;
    }
  }

  const base = get('base');
  if (!base) {
    ctx.src.report(
      entry.keyNode,
      path,
      `action '${name}' needs 'base:' (the action it wraps, e.g. 'base: std.echo output=...')`,
    );
    return undefined;
  }
  if (!check.nonEmptyString(ctx, base.value, at(base), [...path, 'base'], 'base')) return undefined;
  const call = readInlineCall(base.value as string);
  if (!call.ok) {
    ctx.src.report(at(base), [...path, 'base'], call.message);
    return undefined;
  }
  checkExpressions(ctx, call.params, at(base), [...path, 'base']);
  action.base = call.name;
  // As for tasks, the one-line parameters win over base-input.
  action.baseInput = mergeDicts(baseInput, call.params);
  return ok ? action : undefined;
}
