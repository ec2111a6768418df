// The `input` and `interface` fields Mistral derives from a workflow spec.
import type { InputParamSpec, WorkflowSpec } from '@sirocco/dsl';
import { pyStr } from './python-repr.js';

/** `name, greeting="hello"`: parameters with defaults as name="str(default)". */
export function workflowInputSummary(input: readonly InputParamSpec[]): string {
  return input.map((p) => (p.hasDefault ? `${p.name}="${pyStr(p.default)}"` : p.name)).join(', ');
}

/** `{input: ["name", {"greeting": "hello"}], output: ["result"]}` as in the document. */
export function workflowInterface(spec: Pick<WorkflowSpec, 'input' | 'output'>): {
  input: unknown[];
  output: string[];
} {
  const input = spec.input.map((p) => (p.hasDefault ? { [p.name]: p.default ?? null } : p.name));
  const output =
    spec.output !== null && typeof spec.output === 'object' && !Array.isArray(spec.output)
      ? Object.keys(spec.output)
      : [];
  return { input, output };
}
