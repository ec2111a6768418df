import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractWorkflowDefinition } from './extract.js';

// Recorded with PyYAML as Mistral 15 stores a definition per workflow of a
// multi-workflow POST (`safe_dump({'version': ..., name: ...}, sort_keys=False)`).
interface Recorded {
  case: string;
  workflow: string;
  text: string;
  expected: string;
}
const recorded = JSON.parse(
  readFileSync(new URL('./pyyaml-definitions.json', import.meta.url), 'utf8'),
) as Recorded[];

describe('extractWorkflowDefinition', () => {
  it('returns the text unchanged when the document has one workflow', () => {
    const text = "version: '2.0'\n# kept\nwf:\n  tasks:\n    t:\n      action: std.noop   # also kept\n";
    expect(extractWorkflowDefinition(text, 'wf')).toBe(text);
  });

  it('throws for a workflow the document does not define', () => {
    expect(() => extractWorkflowDefinition("version: '2.0'\nwf:\n  tasks: {}\n", 'other')).toThrow(
      /no workflow 'other'/,
    );
  });

  for (const r of recorded) {
    it(`re-serialises like PyYAML: ${r.case} / ${r.workflow}`, () => {
      expect(extractWorkflowDefinition(r.text, r.workflow)).toBe(r.expected);
    });
  }
});
