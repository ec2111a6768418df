import { describe, expect, it } from 'vitest';
import { workbookItemDefinition } from './workbook-item-definition.js';

const WB = `version: '2.0'
name: wb
actions:
  greet:
    base: std.echo output="hi"
    # a comment
    input:
      - who
workflows:
  main:
    tasks:
      t1:
        action: greet

      t2:
        action: std.noop
  second: {tasks: {t: {action: std.noop}}}
`;

describe('workbookItemDefinition', () => {
  it('cuts an item out of its section, de-indented, comments and blank lines kept', () => {
    expect(workbookItemDefinition(WB, 'actions', 'greet')).toBe(
      'greet:\n  base: std.echo output="hi"\n  # a comment\n  input:\n    - who\n',
    );
    expect(workbookItemDefinition(WB, 'workflows', 'main')).toBe(
      'main:\n  tasks:\n    t1:\n      action: greet\n\n    t2:\n      action: std.noop\n',
    );
  });

  it('gives an empty definition for flow-style items or unknown names, as Mistral does', () => {
    expect(workbookItemDefinition(WB, 'workflows', 'second')).toBe('\n');
    expect(workbookItemDefinition(WB, 'workflows', 'nope')).toBe('\n');
  });
});
