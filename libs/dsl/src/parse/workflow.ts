// One workflow: its own keys, its tasks (with task-defaults applied) and the
// graph checks. Unknown workflow-level keys are accepted, as Mistral does.
import { isMap, type Node } from 'yaml';
import type { Path } from '../problems.js';
import type { WorkflowSpec, WorkflowType } from '../spec.js';
import { checkDirectGraph } from '../validate/direct-graph.js';
import { checkReverseGraph } from '../validate/reverse-graph.js';
import type { Entry } from '../yaml/source.js';
import { checkExpressions } from './expressions.js';
import { parseInputParams } from './input-params.js';
import type { ParseContext } from './options.js';
import { applyTaskDefaults, parseTaskDefaults, type MergedTask, type TaskDefaults } from './task-defaults.js';
import { parseTask } from './task.js';
import { check, describe, isNonEmptyDict } from './values.js';

export function parseWorkflow(ctx: ParseContext, entry: Entry, path: Path): WorkflowSpec | undefined {
  const name = entry.key;
  const node = entry.valueNode;
  if (!isNonEmptyDict(entry.value) || node === null || !isMap(node)) {
    ctx.src.report(
      node ?? entry.keyNode,
      path,
      `workflow '${name}' must be a mapping with 'tasks:', got ${describe(entry.value)}`,
    );
    return undefined;
  }
  if (isUuidLike(name)) {
    ctx.src.report(
      entry.keyNode,
      path,
      'a workflow name cannot look like a UUID (Mistral reads it as a workflow id)',
    );
  }

  const entries = ctx.src.entries(node);
  const get = (key: string): Entry | undefined => entries.find((e) => e.key === key);
  const at = (e: Entry): Node => e.valueNode ?? e.keyNode;

  let type: WorkflowType = 'direct';
  const typeEntry = get('type');
  if (typeEntry) {
    if (typeEntry.value === 'direct' || typeEntry.value === 'reverse') {
      type = typeEntry.value;
    } else {
      ctx.src.report(
        at(typeEntry),
        [...path, 'type'],
        `type must be 'direct' or 'reverse', got ${describe(typeEntry.value)}`,
      );
    }
  }

  const wf: { -readonly [K in keyof WorkflowSpec]: WorkflowSpec[K] } = {
    name,
    type,
    tags: [],
    input: [],
    vars: {},
    tasks: [],
    location: ctx.src.loc(entry.keyNode),
  };

  // Mistral's workflow schema leaves description unchecked (any value passes).
  const description = get('description');
  if (typeof description?.value === 'string') wf.description = description.value;
  const tags = get('tags');
  if (tags && check.uniqueStringList(ctx, tags.value, at(tags), [...path, 'tags'], 'tags')) {
    wf.tags = tags.value as string[];
  }
  const input = get('input');
  if (input) wf.input = parseInputParams(ctx, input.value, at(input), [...path, 'input']);

  for (const [key, field, checked] of [
    ['output', 'output', true],
    ['output-on-error', 'outputOnError', false],
    ['vars', 'vars', true],
  ] as const) {
    const e = get(key);
    if (!e || !check.nonEmptyDict(ctx, e.value, at(e), [...path, key], key)) continue;
    // Mistral checks expressions of output and vars only, not output-on-error.
    if (checked) checkExpressions(ctx, e.value, at(e), [...path, key]);
    wf[field] = e.value as Record<string, unknown>;
  }

  let defaults: TaskDefaults | undefined;
  const defaultsEntry = get('task-defaults');
  if (defaultsEntry) defaults = parseTaskDefaults(ctx, defaultsEntry, [...path, 'task-defaults']);

  const tasksEntry = get('tasks');
  if (!tasksEntry) {
    ctx.src.report(entry.keyNode, path, `workflow '${name}' has no 'tasks:'`);
    return undefined;
  }
  const tasksNode = tasksEntry.valueNode;
  if (!isNonEmptyDict(tasksEntry.value) || tasksNode === null || !isMap(tasksNode)) {
    ctx.src.report(
      at(tasksEntry),
      [...path, 'tasks'],
      `tasks must be a mapping of task name to task, with at least one task; got ${describe(tasksEntry.value)}`,
    );
    return undefined;
  }

  const taskEntries = ctx.src.entries(tasksNode);
  const merged: MergedTask[] = [];
  for (const te of taskEntries) {
    const draft = parseTask(ctx, te, type, [...path, 'tasks', te.key]);
    if (draft) merged.push(applyTaskDefaults(draft, defaults, type));
  }
  const allNames = taskEntries.map((te) => te.key);
  const complete = merged.length === taskEntries.length;
  if (type === 'direct') {
    checkDirectGraph(ctx, merged, allNames, complete, entry.keyNode, path.length === 0 ? [name] : path);
  } else {
    checkReverseGraph(ctx, merged, allNames);
  }
  wf.tasks = merged.map((m) => m.spec);
  return wf;
}

/** Mistral's `is_uuid_like`: 32 hex digits once dashes, braces and a `urn:uuid:` prefix are removed. */
function isUuidLike(name: string): boolean {
  const bare = name
    .replace('urn:', '')
    .replace('uuid:', '')
    .replace(/^\{+|\}+$/g, '')
    .replace(/-/g, '')
    .toLowerCase();
  return /^[0-9a-f]{32}$/.test(bare);
}
