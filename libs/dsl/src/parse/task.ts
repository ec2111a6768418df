// One task of a workflow, as written (task-defaults are merged later, in
// task-defaults.ts). Unknown task keys are rejected, as Mistral does.
import { isMap, type Node } from 'yaml';
import { didYouMean, type Path } from '../problems.js';
import type {
  JoinSpec,
  PoliciesSpec,
  SourceLocation,
  TaskSpec,
  WithItemsSpec,
  WorkflowType,
} from '../spec.js';
import { setOwn, type Entry } from '../yaml/source.js';
import { checkExpressions } from './expressions.js';
import { readInlineCall } from './inline-call.js';
import { parseOnClause, type ParsedOnClause, type TransitionRef } from './on-clause.js';
import type { ParseContext } from './options.js';
import { parsePolicies, POLICY_KEYS } from './policies.js';
import {
  check,
  childNode,
  describe,
  isNonEmptyDict,
  isNonEmptyString,
  isNonNegativeInteger,
  isPlainObject,
} from './values.js';
import { parseWithItems } from './with-items.js';

const COMMON_KEYS = [
  'action',
  'workflow',
  'input',
  'with-items',
  'publish',
  'publish-on-error',
  ...POLICY_KEYS,
  'target',
  'keep-result',
  'description',
  'tags',
  // Mistral overwrites these three itself, so whatever is written is ignored.
  'name',
  'version',
  'type',
];
const DIRECT_KEYS = ['join', 'on-success', 'on-error', 'on-complete'];
const REVERSE_KEYS = ['requires'];

const MAX_TASK_NAME = 255;
// Join tasks' names go into lock keys together with an execution id.
const MAX_JOIN_TASK_NAME = MAX_TASK_NAME - 47;

/** The task fields that task-defaults do not touch. */
export type TaskBase = Omit<TaskSpec, 'policies' | 'onSuccess' | 'onError' | 'onComplete' | 'requires'>;

/** A task as written, before task-defaults are merged in. */
export interface TaskDraft {
  readonly name: string;
  readonly keyNode: Node;
  readonly base: TaskBase;
  readonly policies: PoliciesSpec;
  readonly onSuccess?: ParsedOnClause;
  readonly onError?: ParsedOnClause;
  readonly onComplete?: ParsedOnClause;
  readonly requires: readonly TransitionRef[];
  readonly joinNode: Node | null;
}

export function parseTask(
  ctx: ParseContext,
  entry: Entry,
  wfType: WorkflowType,
  path: Path,
): TaskDraft | undefined {
  const name = entry.key;
  const node = entry.valueNode;
  const location: SourceLocation = ctx.src.loc(entry.keyNode);
  if (name.length > MAX_TASK_NAME) {
    ctx.src.report(entry.keyNode, path, `task name is longer than ${MAX_TASK_NAME} characters`);
  }
  if (!isNonEmptyDict(entry.value) || node === null || !isMap(node)) {
    ctx.src.report(
      node ?? entry.keyNode,
      path,
      `task '${name}' must be a mapping of task properties (action, input, ...), got ${describe(entry.value)}`,
    );
    return undefined;
  }

  const entries = ctx.src.entries(node);
  const allowed = [...COMMON_KEYS, ...(wfType === 'direct' ? DIRECT_KEYS : REVERSE_KEYS)];
  for (const e of entries) {
    if (allowed.includes(e.key)) continue;
    if (wfType === 'direct' && REVERSE_KEYS.includes(e.key)) {
      ctx.src.report(
        e.keyNode,
        [...path, e.key],
        `'${e.key}' is only allowed in reverse workflows (this workflow is direct)`,
      );
    } else if (wfType === 'reverse' && DIRECT_KEYS.includes(e.key)) {
      ctx.src.report(
        e.keyNode,
        [...path, e.key],
        `'${e.key}' is only allowed in direct workflows (this workflow is reverse)`,
      );
    } else {
      ctx.src.report(e.keyNode, [...path, e.key], `unknown key '${e.key}'${didYouMean(e.key, allowed)}`);
    }
  }
  const get = (key: string): Entry | undefined => entries.find((e) => e.key === key);
  const at = (e: Entry): Node => e.valueNode ?? e.keyNode;

  const base: { -readonly [K in keyof TaskBase]: TaskBase[K] } = {
    name,
    type: 'action',
    input: {},
    location,
  };

  const description = get('description');
  if (
    description &&
    check.nonEmptyString(ctx, description.value, at(description), [...path, 'description'], 'description')
  ) {
    base.description = description.value as string;
  }
  const tags = get('tags');
  if (tags) check.uniqueStringList(ctx, tags.value, at(tags), [...path, 'tags'], 'tags');

  // action / workflow, with their one-line parameters.
  const action = get('action');
  const workflow = get('workflow');
  let inlineParams: Record<string, unknown> = {};
  let inlineNode: Node | null = null;
  if (action && workflow) {
    ctx.src.report(
      workflow.keyNode,
      [...path, 'workflow'],
      "a task has either 'action' or 'workflow', not both",
    );
  }
  const callEntry = action ?? workflow;
  if (callEntry) {
    const what = callEntry.key;
    if (check.nonEmptyString(ctx, callEntry.value, at(callEntry), [...path, what], what)) {
      const call = readInlineCall(callEntry.value as string);
      if (call.ok) {
        inlineParams = call.params;
        inlineNode = at(callEntry);
        checkExpressions(ctx, call.params, inlineNode, [...path, what]);
        if (what === 'action') {
          base.action = call.name;
        } else {
          base.type = 'workflow';
          base.workflow = call.name;
        }
      } else {
        ctx.src.report(at(callEntry), [...path, what], call.message);
      }
    }
  } else {
    base.action = 'std.noop';
  }

  const input = get('input');
  let ownInput: Record<string, unknown> = {};
  if (input) {
    const v = input.value;
    if (isNonEmptyDict(v)) {
      checkExpressions(ctx, v, at(input), [...path, 'input']);
      ownInput = v;
    } else if (isNonEmptyString(v)) {
      checkExpressions(ctx, v, at(input), [...path, 'input']);
      if (Object.keys(inlineParams).length > 0) {
        ctx.src.report(
          at(input),
          [...path, 'input'],
          `'input' given as one value cannot be combined with parameters in '${callEntry?.key ?? 'action'}'`,
        );
      }
      base.inputExpression = v;
    } else {
      ctx.src.report(
        at(input),
        [...path, 'input'],
        `input must be a mapping of parameters (or one expression), got ${describe(v)}`,
      );
    }
  }
  // Mistral merges the one-line parameters over `input:` (they win on a clash).
  base.input = mergeDicts(ownInput, inlineParams);

  const withItems = get('with-items');
  if (withItems) {
    const spec: WithItemsSpec | undefined = parseWithItems(ctx, withItems.value, at(withItems), [
      ...path,
      'with-items',
    ]);
    if (spec) base.withItems = spec;
  }

  for (const [key, field] of [
    ['publish', 'publish'],
    ['publish-on-error', 'publishOnError'],
  ] as const) {
    const e = get(key);
    if (e && check.nonEmptyDict(ctx, e.value, at(e), [...path, key], key)) {
      checkExpressions(ctx, e.value, at(e), [...path, key]);
      base[field] = e.value as Record<string, unknown>;
    }
  }

  const keepResult = get('keep-result');
  if (
    keepResult &&
    check.expressionOrBoolean(ctx, keepResult.value, at(keepResult), [...path, 'keep-result'], 'keep-result')
  ) {
    checkExpressions(ctx, keepResult.value, at(keepResult), [...path, 'keep-result']);
    base.keepResult = keepResult.value as boolean | string;
  }

  const target = get('target');
  if (target && check.nonEmptyString(ctx, target.value, at(target), [...path, 'target'], 'target')) {
    base.target = target.value as string;
  }

  const policies = parsePolicies(ctx, entries, path);

  let joinNode: Node | null = null;
  const join = get('join');
  if (join && wfType === 'direct') {
    joinNode = at(join);
    const spec = parseJoin(ctx, join.value, joinNode, [...path, 'join']);
    // `join: 0` is accepted but means no join at all.
    if (spec !== undefined && spec !== 0) {
      base.join = spec;
      if (name.length > MAX_JOIN_TASK_NAME) {
        ctx.src.report(
          entry.keyNode,
          path,
          `a join task's name must not be longer than ${MAX_JOIN_TASK_NAME} characters`,
        );
      }
    }
  }

  const clauses: { onSuccess?: ParsedOnClause; onError?: ParsedOnClause; onComplete?: ParsedOnClause } = {};
  if (wfType === 'direct') {
    for (const [key, field] of [
      ['on-success', 'onSuccess'],
      ['on-error', 'onError'],
      ['on-complete', 'onComplete'],
    ] as const) {
      const e = get(key);
      if (!e) continue;
      const parsed = parseOnClause(ctx, e.value, at(e), [...path, key]);
      if (parsed) clauses[field] = parsed;
    }
  }

  const requiresEntry = get('requires');
  const requires =
    requiresEntry && wfType === 'reverse' ? parseRequires(ctx, requiresEntry, [...path, 'requires']) : [];

  return { name, keyNode: entry.keyNode, base, policies, ...clauses, requires, joinNode };
}

function parseJoin(ctx: ParseContext, v: unknown, node: Node, path: Path): JoinSpec | undefined {
  if (v === 'all' || v === 'one' || isNonNegativeInteger(v)) return v;
  ctx.src.report(node, path, `join must be 'all', 'one' or a whole number >= 0, got ${describe(v)}`);
  return undefined;
}

/** `requires:` (reverse workflows, also task-defaults): a name or a list of names. */
export function parseRequires(ctx: ParseContext, e: Entry, path: Path): TransitionRef[] {
  const node = e.valueNode ?? e.keyNode;
  if (isNonEmptyString(e.value)) return [{ target: e.value, node, path }];
  if (!check.uniqueStringList(ctx, e.value, node, path, 'requires')) return [];
  return (e.value as string[]).map((target, i) => ({
    target,
    node: childNode(node, i) ?? node,
    path: [...path, i],
  }));
}

/** Mistral's merge: `right` wins, mappings found on both sides are merged key by key. */
export function mergeDicts(
  left: Record<string, unknown>,
  right: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...left };
  for (const [k, v] of Object.entries(right)) {
    const l = out[k];
    setOwn(out, k, isPlainObject(l) && isPlainObject(v) ? mergeDicts(l, v) : v);
  }
  return out;
}
