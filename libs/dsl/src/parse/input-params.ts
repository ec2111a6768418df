// `input:` of a workflow or ad-hoc action: a list of names, or one-key
// mappings giving a default (`- name: default`).
import type { Node } from 'yaml';
import type { Path } from '../problems.js';
import type { InputParamSpec } from '../spec.js';
import type { ParseContext } from './options.js';
import { childNode, describe, isNonEmptyString, isPlainObject, sameJson } from './values.js';

export function parseInputParams(
  ctx: ParseContext,
  value: unknown,
  node: Node | null,
  path: Path,
): InputParamSpec[] {
  if (!Array.isArray(value) || value.length === 0) {
    ctx.src.report(
      node,
      path,
      `input must be a non-empty list of names or 'name: default' entries, got ${describe(value)}`,
    );
    return [];
  }
  // A name given twice keeps its first place and its last meaning, as Mistral's dict does.
  const params = new Map<string, InputParamSpec>();
  value.forEach((item, i) => {
    const itemNode = childNode(node, i) ?? node;
    const itemPath = [...path, i];
    if (value.findIndex((other) => sameJson(other, item)) !== i) {
      ctx.src.report(itemNode, itemPath, `input entry ${describe(item)} is listed twice`);
      return;
    }
    if (isNonEmptyString(item)) {
      params.set(item, { name: item, hasDefault: false });
    } else if (isPlainObject(item) && Object.keys(item).length === 1) {
      const [name, def] = Object.entries(item)[0] ?? ['', null];
      params.set(name, { name, hasDefault: true, default: def });
    } else {
      ctx.src.report(
        itemNode,
        itemPath,
        `input entry must be a name or a one-key mapping 'name: default', got ${describe(item)}`,
      );
    }
  });
  return [...params.values()];
}
