// `task-defaults:` and how Mistral applies it, so that TaskSpec already holds
// the result and the engine never looks at task-defaults:
// - a policy applies unless the task sets the same policy to something "on";
// - safe-rerun applies unless the task sets it at all (false included);
// - an on-clause's transitions apply only when the task's own clause has none,
//   minus any transition back to the task itself; the publish of a
//   task-defaults on-clause is never used (Mistral reads only the task's own);
// - reverse workflows: `requires` adds to the task's own, minus the task itself.
import { isMap, type Node } from 'yaml';
import { didYouMean, type Path } from '../problems.js';
import type { OnClauseSpec, PoliciesSpec, TaskSpec, WorkflowType } from '../spec.js';
import type { Entry } from '../yaml/source.js';
import { parseOnClause, type ParsedOnClause, type TransitionRef } from './on-clause.js';
import type { ParseContext } from './options.js';
import { mergePolicies, parsePolicies, POLICY_KEYS } from './policies.js';
import { parseRequires, type TaskDraft } from './task.js';
import { check, describe, isNonEmptyDict } from './values.js';

const KEYS = [
  ...POLICY_KEYS,
  'on-success',
  'on-error',
  'on-complete',
  'requires',
  'name',
  'version',
  'description',
  'tags',
];

export interface TaskDefaults {
  readonly policies: PoliciesSpec;
  readonly onSuccess?: ParsedOnClause;
  readonly onError?: ParsedOnClause;
  readonly onComplete?: ParsedOnClause;
  readonly requires: readonly TransitionRef[];
}

export function parseTaskDefaults(ctx: ParseContext, entry: Entry, path: Path): TaskDefaults | undefined {
  const node = entry.valueNode;
  if (!isNonEmptyDict(entry.value) || node === null || !isMap(node)) {
    ctx.src.report(
      node ?? entry.keyNode,
      path,
      `task-defaults must be a mapping with at least one key, got ${describe(entry.value)}`,
    );
    return undefined;
  }
  const entries = ctx.src.entries(node);
  for (const e of entries) {
    if (KEYS.includes(e.key)) continue;
    const hint = [
      'join',
      'publish',
      'keep-result',
      'target',
      'input',
      'action',
      'workflow',
      'with-items',
    ].includes(e.key)
      ? ' (task-defaults can set policies, on-success/on-error/on-complete and requires only)'
      : didYouMean(e.key, KEYS);
    ctx.src.report(e.keyNode, [...path, e.key], `unknown key '${e.key}'${hint}`);
  }
  const get = (key: string): Entry | undefined => entries.find((e) => e.key === key);
  const at = (e: Entry): Node => e.valueNode ?? e.keyNode;

  const description = get('description');
  if (description)
    check.nonEmptyString(ctx, description.value, at(description), [...path, 'description'], 'description');
  const tags = get('tags');
  if (tags) check.uniqueStringList(ctx, tags.value, at(tags), [...path, 'tags'], 'tags');

  const out: {
    policies: PoliciesSpec;
    onSuccess?: ParsedOnClause;
    onError?: ParsedOnClause;
    onComplete?: ParsedOnClause;
    requires: TransitionRef[];
  } = {
    policies: parsePolicies(ctx, entries, path),
    requires: [],
  };
  for (const [key, field] of [
    ['on-success', 'onSuccess'],
    ['on-error', 'onError'],
    ['on-complete', 'onComplete'],
  ] as const) {
    const e = get(key);
    if (!e) continue;
    const parsed = parseOnClause(ctx, e.value, at(e), [...path, key]);
    if (parsed) out[field] = parsed;
  }
  const requires = get('requires');
  if (requires) out.requires = parseRequires(ctx, requires, [...path, 'requires']);
  return out;
}

/** A task with task-defaults applied, and where its outbound links are written (for graph checks). */
export interface MergedTask {
  readonly spec: TaskSpec;
  readonly keyNode: Node;
  readonly transitions: readonly TransitionRef[];
  readonly requires: readonly TransitionRef[];
  readonly joinNode: Node | null;
}

export function applyTaskDefaults(
  task: TaskDraft,
  defaults: TaskDefaults | undefined,
  wfType: WorkflowType,
): MergedTask {
  const spec: { -readonly [K in keyof TaskSpec]: TaskSpec[K] } = {
    ...task.base,
    policies: mergePolicies(task.policies, defaults?.policies),
    requires: [],
  };
  const transitions: TransitionRef[] = [];
  let requires: TransitionRef[] = [];

  if (wfType === 'direct') {
    for (const field of ['onSuccess', 'onError', 'onComplete'] as const) {
      const merged = mergeClause(task[field], defaults?.[field], task.name);
      if (merged.spec) spec[field] = merged.spec;
      transitions.push(...merged.refs);
    }
  } else {
    const seen = new Set<string>([task.name]);
    requires = [...task.requires, ...(defaults?.requires ?? [])].filter((r) => {
      if (seen.has(r.target)) return false;
      seen.add(r.target);
      return true;
    });
    spec.requires = requires.map((r) => r.target);
  }
  return { spec, keyNode: task.keyNode, transitions, requires, joinNode: task.joinNode };
}

function mergeClause(
  own: ParsedOnClause | undefined,
  defaults: ParsedOnClause | undefined,
  self: string,
): { spec?: OnClauseSpec; refs: readonly TransitionRef[] } {
  if (own && own.spec.next.length > 0) return { spec: own.spec, refs: own.refs };
  const next: OnClauseSpec['next'][number][] = [];
  const refs: TransitionRef[] = [];
  defaults?.spec.next.forEach((t, i) => {
    const ref = defaults.refs[i];
    if (ref === undefined || ref.target === self) return;
    next.push(t);
    refs.push(ref);
  });
  const publish = own?.spec.publish;
  if (next.length === 0 && publish === undefined) return { refs };
  return { spec: publish === undefined ? { next } : { next, publish }, refs };
}
