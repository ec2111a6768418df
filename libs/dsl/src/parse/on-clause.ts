// `on-success` / `on-error` / `on-complete`. Mistral accepts exactly one of
// four shapes (a JSON-schema `oneOf`), and a value that fits two of them is
// rejected too (e.g. `fail(msg="x")`, both a bare name and the call form):
//   1. a string: `t2`, `t2 param=value`, `fail msg="text"`;
//   2. a one-key mapping `t2: <% condition %>` (accepted, but Mistral then
//      reads it as form 4 without `next`, so it leads nowhere);
//   3. a list of 1. and 2.;
//   4. the advanced mapping `{publish: {branch|global|atomic: {...}}, next: 1.|2.|3.}`.
import type { Node } from 'yaml';
import type { Path } from '../problems.js';
import type { EngineCommandName, OnClausePublishSpec, OnClauseSpec, TransitionSpec } from '../spec.js';
import { checkExpressionString, checkExpressions } from './expressions.js';
import { readInlineCall } from './inline-call.js';
import type { ParseContext } from './options.js';
import {
  check,
  childNode,
  describe,
  isExpression,
  isNonEmptyDict,
  isPlainObject,
  keyNode,
  sameJson,
} from './values.js';

export const ENGINE_COMMANDS: readonly EngineCommandName[] = ['fail', 'succeed', 'pause', 'noop'];

/** Where a transition's target is written, so graph checks can point at it. */
export interface TransitionRef {
  readonly target: string;
  readonly node: Node | null;
  readonly path: Path;
}

export interface ParsedOnClause {
  readonly spec: OnClauseSpec;
  /** One per `spec.next` entry, same order. */
  readonly refs: readonly TransitionRef[];
}

// The three string forms of a next task, as Mistral's schema writes them.
const W = String.raw`[\p{L}\p{N}_]`;
const NEXT_FORMS = [
  /^\S+$/u,
  new RegExp(String.raw`^${W}+ ${W}+=(.*)$`, 'u'),
  new RegExp(String.raw`^${W}+\(${W}+=(.*)\)$`, 'u'),
];

const PUBLISH_SCOPES = ['branch', 'global', 'atomic'] as const;
// Keys Mistral's schema also lets through in a publish block (and then ignores).
const PUBLISH_IGNORED = ['name', 'version', 'description', 'tags'];

function nextFormsMatched(s: string): number {
  return NEXT_FORMS.filter((re) => re.test(s)).length;
}

function isNextTask(v: unknown): v is string {
  return typeof v === 'string' && nextFormsMatched(v) === 1;
}

function isTaskWithCondition(v: unknown): v is Record<string, unknown> {
  if (!isPlainObject(v)) return false;
  const entries = Object.entries(v);
  if (entries.length !== 1) return false;
  const [key, cond] = entries[0] ?? ['', null];
  // A key that fits none of the name forms is not constrained by the schema.
  return nextFormsMatched(key) === 0 || isExpression(cond);
}

function isTaskList(v: unknown): v is unknown[] {
  return (
    Array.isArray(v) &&
    v.length > 0 &&
    v.every((item, i) => v.findIndex((o) => sameJson(o, item)) === i) &&
    v.every((item) => Number(isNextTask(item)) + Number(isTaskWithCondition(item)) === 1)
  );
}

function isPublishBlock(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  return Object.entries(v).every(([k, val]) =>
    (PUBLISH_SCOPES as readonly string[]).includes(k) ? isNonEmptyDict(val) : PUBLISH_IGNORED.includes(k),
  );
}

function isAdvanced(v: unknown): v is Record<string, unknown> {
  if (!isPlainObject(v) || Object.keys(v).length === 0) return false;
  if (!Object.keys(v).every((k) => k === 'publish' || k === 'next')) return false;
  if ('publish' in v && !isPublishBlock(v['publish'])) return false;
  if ('next' in v) {
    const n = v['next'];
    return Number(isNextTask(n)) + Number(isTaskWithCondition(n)) + Number(isTaskList(n)) === 1;
  }
  return true;
}

/** Parses one on-clause; undefined (after reporting) when Mistral would reject it. */
export function parseOnClause(
  ctx: ParseContext,
  value: unknown,
  node: Node | null,
  path: Path,
): ParsedOnClause | undefined {
  const shapes = [isNextTask(value), isTaskWithCondition(value), isTaskList(value), isAdvanced(value)];
  const fits = shapes.filter(Boolean).length;
  if (fits !== 1) {
    diagnose(ctx, value, node, path, fits > 1);
    return undefined;
  }

  let publish: OnClausePublishSpec | undefined;
  let next: unknown = value;
  let nextNode = node;
  let nextPath = path;
  // Mistral reads every mapping here as the advanced form, also a valid
  // one-key `t2: <% condition %>`: that one then has no `next` and so no
  // transition at all (accepted, and silently does nothing).
  if (isPlainObject(value)) {
    next = value['next'];
    nextNode = childNode(node, 'next') ?? node;
    nextPath = [...path, 'next'];
    if ('publish' in value) {
      publish = parsePublishBlock(ctx, value['publish'], childNode(node, 'publish') ?? node, [
        ...path,
        'publish',
      ]);
      if (publish === undefined) return undefined;
    }
  }

  const transitions: TransitionSpec[] = [];
  const refs: TransitionRef[] = [];
  let ok = true;
  const add = (text: string, condition: unknown, at: Node | null, p: Path): void => {
    const call = readInlineCall(text);
    if (!call.ok) {
      ctx.src.report(at, p, call.message);
      ok = false;
      return;
    }
    checkExpressionString(ctx, call.name, at, p);
    if (typeof condition === 'string') checkExpressionString(ctx, condition, at, p);
    transitions.push(toTransition(call.name, condition, call.params));
    refs.push({ target: call.name, node: at, path: p });
  };
  const addItem = (item: unknown, at: Node | null, p: Path): void => {
    if (typeof item === 'string') {
      add(item, undefined, at, p);
    } else if (isPlainObject(item)) {
      const [key, cond] = Object.entries(item)[0] ?? ['', null];
      add(key, cond, keyNode(at, key) ?? at, p);
    }
  };

  if (Array.isArray(next)) {
    next.forEach((item, i) => addItem(item, childNode(nextNode, i) ?? nextNode, [...nextPath, i]));
  } else if (isPlainObject(next)) {
    // `next: {t2: <% c %>}`: Mistral iterates the mapping's keys, so the
    // condition is dropped and the transition is unconditional.
    for (const key of Object.keys(next))
      add(key, undefined, keyNode(nextNode, key) ?? nextNode, [...nextPath, key]);
  } else if (next !== undefined && next !== null) {
    addItem(next, nextNode, nextPath);
  }
  if (!ok) return undefined;

  const spec: OnClauseSpec = publish === undefined ? { next: transitions } : { next: transitions, publish };
  return { spec, refs };
}

function toTransition(name: string, condition: unknown, params: Record<string, unknown>): TransitionSpec {
  // An empty condition means "always" (Mistral pairs plain names with '').
  const hasCondition = condition !== undefined && condition !== '';
  if ((ENGINE_COMMANDS as readonly string[]).includes(name)) {
    // Engine commands win over a task of the same name, as in Mistral.
    return hasCondition
      ? { kind: 'engine', command: name as EngineCommandName, condition, params }
      : { kind: 'engine', command: name as EngineCommandName, params };
  }
  const t: { kind: 'task'; task: string; condition?: unknown; params?: Record<string, unknown> } = {
    kind: 'task',
    task: name,
  };
  if (hasCondition) t.condition = condition;
  if (Object.keys(params).length > 0) t.params = params;
  return t;
}

function parsePublishBlock(
  ctx: ParseContext,
  value: unknown,
  node: Node | null,
  path: Path,
): OnClausePublishSpec | undefined {
  if (!isPlainObject(value)) {
    ctx.src.report(
      node,
      path,
      `publish must be a mapping with 'branch:', 'global:' or 'atomic:', got ${describe(value)}`,
    );
    return undefined;
  }
  const out: {
    branch?: Record<string, unknown>;
    global?: Record<string, unknown>;
    atomic?: Record<string, unknown>;
  } = {};
  for (const scope of PUBLISH_SCOPES) {
    if (scope in value) {
      const v = value[scope];
      const at = childNode(node, scope) ?? node;
      if (check.nonEmptyDict(ctx, v, at, [...path, scope], `publish ${scope}`)) {
        checkExpressions(ctx, v, at, [...path, scope]);
        out[scope] = v;
      }
    }
  }
  if (out.branch === undefined && out.global === undefined && out.atomic === undefined) {
    ctx.src.report(node, path, "publish must contain 'branch:', 'global:' or 'atomic:'");
    return undefined;
  }
  return out;
}

// ---- messages for rejected clauses ---------------------------------------

const SHAPES_HINT =
  "expected a task name ('t2'), a name with parameters ('fail msg=\"text\"'), 't2: <% condition %>', " +
  'a list of those, or {publish: {branch: {...}}, next: ...}';

function diagnose(
  ctx: ParseContext,
  value: unknown,
  node: Node | null,
  path: Path,
  ambiguous: boolean,
): void {
  if (ambiguous) {
    const hint =
      typeof value === 'string' && value.includes('(')
        ? " (write 'name param=value' instead of 'name(param=value)')"
        : '';
    ctx.src.report(
      node,
      path,
      `${describe(value)} is ambiguous for Mistral: it fits more than one transition form${hint}`,
    );
    return;
  }
  if (typeof value === 'string') {
    diagnoseName(ctx, value, node, path);
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      ctx.src.report(node, path, `an empty list is not allowed; ${SHAPES_HINT}`);
      return;
    }
    let found = false;
    value.forEach((item, i) => {
      const at = childNode(node, i) ?? node;
      if (value.findIndex((o) => sameJson(o, item)) !== i) {
        ctx.src.report(at, [...path, i], `${describe(item)} is listed twice`);
        found = true;
      } else if (typeof item === 'string') {
        found = diagnoseName(ctx, item, at, [...path, i]) || found;
      } else if (isPlainObject(item)) {
        found = diagnoseCondition(ctx, item, at, [...path, i]) || found;
      } else {
        ctx.src.report(at, [...path, i], `${describe(item)} is not a transition; ${SHAPES_HINT}`);
        found = true;
      }
    });
    if (!found) ctx.src.report(node, path, `invalid transition list; ${SHAPES_HINT}`);
    return;
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.includes('publish') || keys.includes('next')) {
      diagnoseAdvanced(ctx, value, node, path);
      return;
    }
    if (keys.length === 1) {
      if (!diagnoseCondition(ctx, value, node, path))
        ctx.src.report(node, path, `invalid transition; ${SHAPES_HINT}`);
      return;
    }
    ctx.src.report(
      node,
      path,
      `a mapping here is either one 'task: <% condition %>' or {publish: ..., next: ...}; got keys ${keys.map((k) => `'${k}'`).join(', ')}` +
        " (to give several conditional transitions, use a list: '- t2: <% ... %>')",
    );
    return;
  }
  ctx.src.report(node, path, `${describe(value)} is not a transition; ${SHAPES_HINT}`);
}

function diagnoseName(ctx: ParseContext, s: string, node: Node | null, path: Path): boolean {
  const forms = nextFormsMatched(s);
  if (forms === 1) return false;
  if (forms > 1) {
    ctx.src.report(
      node,
      path,
      `'${s}' is ambiguous for Mistral: write 'name param=value' instead of 'name(param=value)'`,
    );
  } else if (isExpression(s)) {
    ctx.src.report(
      node,
      path,
      `a transition target cannot be an expression ('${s}'); use 't2: <% condition %>'`,
    );
  } else {
    ctx.src.report(
      node,
      path,
      `'${s}' is not a task name optionally followed by parameters ('fail msg="text"')`,
    );
  }
  return true;
}

function diagnoseCondition(
  ctx: ParseContext,
  item: Record<string, unknown>,
  node: Node | null,
  path: Path,
): boolean {
  const entries = Object.entries(item);
  if (entries.length !== 1) {
    ctx.src.report(
      node,
      path,
      `each conditional transition is a one-key mapping 'task: <% condition %>', got ${entries.length} keys`,
    );
    return true;
  }
  const [key, cond] = entries[0] ?? ['', null];
  if (nextFormsMatched(key) !== 0 && !isExpression(cond)) {
    ctx.src.report(
      childNode(node, key) ?? node,
      [...path, key],
      `the condition of transition '${key}' must be an expression (<% ... %> or {{ ... }}), got ${describe(cond)}`,
    );
    return true;
  }
  return false;
}

function diagnoseAdvanced(
  ctx: ParseContext,
  value: Record<string, unknown>,
  node: Node | null,
  path: Path,
): void {
  let found = false;
  for (const key of Object.keys(value)) {
    if (key !== 'publish' && key !== 'next') {
      ctx.src.report(
        keyNode(node, key) ?? node,
        [...path, key],
        `unknown key '${key}' next to publish/next (allowed: publish, next)`,
      );
      found = true;
    }
  }
  if ('publish' in value && !isPublishBlock(value['publish'])) {
    const pub = value['publish'];
    const at = childNode(node, 'publish') ?? node;
    if (isPlainObject(pub)) {
      for (const [k, v] of Object.entries(pub)) {
        if ((PUBLISH_SCOPES as readonly string[]).includes(k)) {
          if (!isNonEmptyDict(v)) {
            ctx.src.report(
              childNode(at, k) ?? at,
              [...path, 'publish', k],
              `publish ${k} must be a mapping with at least one key, got ${describe(v)}`,
            );
          }
        } else if (!PUBLISH_IGNORED.includes(k)) {
          ctx.src.report(
            keyNode(at, k) ?? at,
            [...path, 'publish', k],
            `publish in an on-clause must be scoped: put '${k}' under 'branch:' (or 'global:' / 'atomic:')`,
          );
        }
      }
    } else {
      ctx.src.report(
        at,
        [...path, 'publish'],
        `publish must be a mapping with 'branch:', 'global:' or 'atomic:', got ${describe(pub)}`,
      );
    }
    found = true;
  }
  if ('next' in value) {
    const n = value['next'];
    const fits = Number(isNextTask(n)) + Number(isTaskWithCondition(n)) + Number(isTaskList(n));
    if (fits !== 1) {
      diagnose(ctx, n, childNode(node, 'next') ?? node, [...path, 'next'], fits > 1);
      found = true;
    }
  }
  if (!found) ctx.src.report(node, path, `invalid on-clause; ${SHAPES_HINT}`);
}
