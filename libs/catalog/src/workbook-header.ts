// The workbook's own `tags` (the DSL's DocumentSpec carries only its name,
// workflows and actions). Read from an already validated document.
import { parse } from 'yaml';

export function workbookTags(text: string): string[] {
  const root: unknown = parse(text);
  const tags =
    root !== null && typeof root === 'object' ? (root as Record<string, unknown>)['tags'] : undefined;
  return Array.isArray(tags) ? tags.map(String) : [];
}
