// A workbook (POST /v2/workbooks): version, name, description, tags, and
// `workflows:` / `actions:` sections. Unlike a workflows document, a workbook
// rejects unknown top-level keys, and item names must be words (letters,
// digits, '_' or '-').
import { isMap, type Node } from 'yaml';
import { didYouMean, type ParseResult } from '../problems.js';
import type { AdHocActionSpec, DocumentSpec, WorkflowSpec } from '../spec.js';
import type { Entry } from '../yaml/source.js';
import { parseAdHocAction } from './actions.js';
import { checkVersion, finishParse, isVersion2, loadRoot } from './document.js';
import type { ParseContext, ParseOptions } from './options.js';
import { check, describe, isNonEmptyDict } from './values.js';
import { parseWorkflow } from './workflow.js';

const KEYS = ['version', 'name', 'description', 'tags', 'workflows', 'actions'];
const ITEM_NAME = /^[\p{L}\p{N}_-]+$/u;

/** A workbook (POST /v2/workbooks): version, name, workflows:, actions:. */
export function parseWorkbookDocument(text: string, options: ParseOptions = {}): ParseResult<DocumentSpec> {
  const { ctx, root } = loadRoot(text, options, 'workbook');
  const workflows: WorkflowSpec[] = [];
  const actions: AdHocActionSpec[] = [];
  let name: string | undefined;
  if (root) {
    const entries = ctx.src.entries(root);
    checkVersion(ctx, root, entries);
    for (const e of entries) {
      if (!KEYS.includes(e.key))
        ctx.src.report(e.keyNode, [e.key], `unknown workbook key '${e.key}'${didYouMean(e.key, KEYS)}`);
    }
    const get = (key: string): Entry | undefined => entries.find((e) => e.key === key);
    const at = (e: Entry): Node => e.valueNode ?? e.keyNode;

    const nameEntry = get('name');
    if (!nameEntry) ctx.src.report(root, [], "a workbook needs 'name:'");
    else if (check.nonEmptyString(ctx, nameEntry.value, at(nameEntry), ['name'], 'name'))
      name = nameEntry.value as string;
    const description = get('description');
    if (description)
      check.nonEmptyString(ctx, description.value, at(description), ['description'], 'description');
    const tags = get('tags');
    if (tags) check.uniqueStringList(ctx, tags.value, at(tags), ['tags'], 'tags');

    for (const e of sectionItems(ctx, get('workflows'), 'workflows')) {
      const wf = parseWorkflow(ctx, e, ['workflows', e.key]);
      if (wf) workflows.push(wf);
    }
    for (const e of sectionItems(ctx, get('actions'), 'actions')) {
      const action = parseAdHocAction(ctx, e, ['actions', e.key]);
      if (action) actions.push(action);
    }
  }
  const value: DocumentSpec =
    name === undefined
      ? { version: '2.0', workflows, actions }
      : { version: '2.0', name, workflows, actions };
  return finishParse(ctx, value);
}

function sectionItems(ctx: ParseContext, section: Entry | undefined, key: string): Entry[] {
  if (!section) return [];
  const node = section.valueNode;
  if (!isNonEmptyDict(section.value) || node === null || !isMap(node)) {
    ctx.src.report(
      node ?? section.keyNode,
      [key],
      `${key} must be a mapping of names to definitions, got ${describe(section.value)}`,
    );
    return [];
  }
  const items: Entry[] = [];
  for (const e of ctx.src.entries(node)) {
    if (e.key === 'version') {
      if (!isVersion2(e.value))
        ctx.src.report(
          e.valueNode ?? e.keyNode,
          [key, 'version'],
          `unsupported version ${describe(e.value)}; only '2.0'`,
        );
      continue;
    }
    if (!ITEM_NAME.test(e.key)) {
      ctx.src.report(e.keyNode, [key, e.key], `name '${e.key}' may only hold letters, digits, '_' and '-'`);
      continue;
    }
    items.push(e);
  }
  return items;
}
