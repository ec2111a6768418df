// `with-items: x in <% $.list %>` (or a list of such strings, zipped).
// A literal list after `in` must be JSON: Mistral rejects `x in [one, two]`.
import type { Node } from 'yaml';
import type { Path } from '../problems.js';
import type { WithItemsSpec } from '../spec.js';
import { checkExpressionString } from './expressions.js';
import type { ParseContext } from './options.js';
import { childNode, describe, isNonEmptyString } from './values.js';

// Anchored at the start only, as Mistral matches it: text after the list is ignored.
const WITH_ITEMS_RE = /^\s*([\p{L}\p{N}_-]+)\s*in\s*(\[.+\]|\{\{.*?\}\}|<%.*?%>)/u;

const FORMAT_HINT = "use 'name in <% $.list %>' or 'name in [1, 2, 3]' (a JSON list)";

export function parseWithItems(
  ctx: ParseContext,
  value: unknown,
  node: Node | null,
  path: Path,
): WithItemsSpec | undefined {
  const list = typeof value === 'string' ? [value] : value;
  const listGiven = Array.isArray(value);
  if (!Array.isArray(list) || list.length === 0 || (typeof value === 'string' && value === '')) {
    ctx.src.report(node, path, `with-items must be a string or a list of strings; ${FORMAT_HINT}`);
    return undefined;
  }

  // Several pairs are zipped; a variable given twice keeps its first place and last source.
  const items = new Map<string, unknown>();
  let ok = true;
  list.forEach((item: unknown, i) => {
    const itemNode = listGiven ? (childNode(node, i) ?? node) : node;
    const itemPath = listGiven ? [...path, i] : path;
    if (!isNonEmptyString(item)) {
      ctx.src.report(
        itemNode,
        itemPath,
        `with-items entries must be strings, got ${describe(item)}; ${FORMAT_HINT}`,
      );
      ok = false;
      return;
    }
    if (listGiven && list.indexOf(item) !== i) {
      ctx.src.report(itemNode, itemPath, `with-items lists '${item}' twice`);
      ok = false;
      return;
    }
    const match = WITH_ITEMS_RE.exec(item);
    if (match === null) {
      ctx.src.report(
        itemNode,
        itemPath,
        `with-items '${item}' is not of the form 'name in <list>'; ${FORMAT_HINT}`,
      );
      ok = false;
      return;
    }
    const variable = match[1] ?? '';
    const source = match[2] ?? '';
    checkExpressionString(ctx, source, itemNode, itemPath);
    if (source.startsWith('[')) {
      try {
        items.set(variable, JSON.parse(source) as unknown);
      } catch {
        ctx.src.report(
          itemNode,
          itemPath,
          `with-items list ${source} is not valid JSON (quote strings: ["a", "b"], or use an expression)`,
        );
        ok = false;
      }
    } else {
      items.set(variable, source);
    }
  });
  if (!ok) return undefined;
  return { items: [...items].map(([variable, source]) => ({ variable, source })) };
}
