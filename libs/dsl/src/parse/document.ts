// Top level of the documents POSTed to /v2/workflows, /v2/actions and
// /v2/workbooks: `version: '2.0'` plus named items.
import { isMap, type YAMLMap } from 'yaml';
import { ProblemList, type ParseResult } from '../problems.js';
import type { AdHocActionSpec, DocumentSpec, WorkflowSpec } from '../spec.js';
import { YamlSource, type Entry } from '../yaml/source.js';
import { parseAdHocAction } from './actions.js';
import type { ParseContext, ParseOptions } from './options.js';
import { describe, isNonEmptyDict } from './values.js';
import { parseWorkflow } from './workflow.js';

/** Loads the text; the root mapping, or undefined after reporting why there is none. */
export function loadRoot(
  text: string,
  options: ParseOptions,
  kind: string,
): { ctx: ParseContext; root: YAMLMap | undefined } {
  const ctx: ParseContext = { src: new YamlSource(text, new ProblemList()), options };
  const root = ctx.src.root;
  // On a YAML syntax error, only that is reported: checks on a broken tree would be noise.
  if (!ctx.src.problems.empty) return { ctx, root: undefined };
  if (root === null) {
    ctx.src.report(
      null,
      [],
      `the ${kind} document is empty; it needs "version: '2.0'" and at least one item`,
    );
    return { ctx, root: undefined };
  }
  if (!isMap(root)) {
    ctx.src.report(root, [], `a ${kind} document must be a mapping, got ${describe(ctx.src.toValue(root))}`);
    return { ctx, root: undefined };
  }
  return { ctx, root };
}

/** Mistral's version rule: a value that reads as the number 2.0 ('2.0', 2.0, 2). */
export function isVersion2(v: unknown): boolean {
  if (typeof v === 'number') return v === 2;
  return (
    typeof v === 'string' && /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/.test(v) && Number(v) === 2
  );
}

export function checkVersion(ctx: ParseContext, root: YAMLMap, entries: readonly Entry[]): void {
  const version = entries.find((e) => e.key === 'version');
  if (!version) {
    ctx.src.report(root, [], 'missing "version: \'2.0\'" at the top of the document');
  } else if (!isVersion2(version.value)) {
    ctx.src.report(
      version.valueNode ?? version.keyNode,
      ['version'],
      `unsupported DSL version ${describe(version.value)}; only '2.0' is supported`,
    );
  }
}

function finish<T>(ctx: ParseContext, value: T): ParseResult<T> {
  return ctx.src.problems.empty ? { ok: true, value } : { ok: false, problems: ctx.src.problems.sorted() };
}

/** A workflows document (POST /v2/workflows): `version: '2.0'` plus one or more workflows. */
export function parseWorkflowsDocument(text: string, options: ParseOptions = {}): ParseResult<DocumentSpec> {
  const { ctx, root } = loadRoot(text, options, 'workflows');
  const workflows: WorkflowSpec[] = [];
  if (root) {
    const entries = ctx.src.entries(root);
    checkVersion(ctx, root, entries);
    const items = entries.filter((e) => e.key !== 'version');
    if (items.length === 0) ctx.src.report(root, [], 'the document defines no workflow');
    for (const e of items) {
      const wf = parseWorkflow(ctx, e, [e.key]);
      if (wf) workflows.push(wf);
    }
  }
  return finish(ctx, { version: '2.0', workflows, actions: [] });
}

/** An actions document (POST /v2/actions): `version: '2.0'` plus ad-hoc actions. */
export function parseActionsDocument(text: string, options: ParseOptions = {}): ParseResult<DocumentSpec> {
  const { ctx, root } = loadRoot(text, options, 'actions');
  const actions: AdHocActionSpec[] = [];
  if (root) {
    const entries = ctx.src.entries(root);
    checkVersion(ctx, root, entries);
    const items = entries.filter((e) => e.key !== 'version');
    if (items.length === 0) ctx.src.report(root, [], 'the document defines no action');
    for (const e of items) {
      if (!isNonEmptyDict(e.value)) {
        ctx.src.report(
          e.valueNode ?? e.keyNode,
          [e.key],
          `action '${e.key}' must be a mapping with 'base:', got ${describe(e.value)}`,
        );
        continue;
      }
      const action = parseAdHocAction(ctx, e, [e.key]);
      if (action) actions.push(action);
    }
  }
  return finish(ctx, { version: '2.0', workflows: [], actions });
}

export { finish as finishParse };
