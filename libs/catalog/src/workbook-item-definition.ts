// The `definition` Mistral stores for a workbook's workflow or action: the
// item's lines cut out of the workbook text (not re-serialised), starting at
// `<name>:` and de-indented, so comments and layout survive. An item written
// in flow style (`name: {...}`) is not found by this cut, and Mistral then
// stores an empty definition; so do we.

export function workbookItemDefinition(
  workbookText: string,
  section: 'workflows' | 'actions',
  name: string,
): string {
  const lines = workbookText.split(/(?<=\n)/);
  const sectionAt = lines.findIndex((l) => l.trimEnd() === `${section}:`);
  const out: string[] = [];
  let indent = -1;
  for (let i = sectionAt + 1; sectionAt >= 0 && i < lines.length; i++) {
    const line = lines[i]!;
    const text = line.trim();
    if (indent < 0) {
      if (text === `${name}:`) {
        indent = line.indexOf(text);
        out.push(line.trimStart());
      }
      continue;
    }
    if (text === '') out.push(line);
    else if (text.startsWith('#')) out.push(line.indexOf('#') < indent ? line : line.slice(indent));
    else if (line.length - line.trimStart().length > indent) out.push(line.slice(indent));
    else break;
  }
  return `${out.join('').trimEnd()}\n`;
}
