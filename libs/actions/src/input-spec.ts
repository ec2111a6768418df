// Action parameter lists: how GET /v2/actions shows them and how an input
// is checked against them before dispatch (mistral_lib ActionDescriptorBase
// .check_parameters: missing required names, then unexpected names).
import type { Action, InputParam } from './action.js';
import { pyJsonDumps, pyStrListRepr } from './python.js';

/** `url, method="GET", params=null` — Mistral's `input` string for an action. */
export function formatInputSpec(spec: readonly InputParam[], acceptsAnyInput = false): string {
  const parts = spec.map((p) => (p.hasDefault ? `${p.name}=${pyJsonDumps(p.default)}` : p.name));
  if (acceptsAnyInput) parts.push('**kwargs');
  return parts.join(', ');
}

/**
 * Returns Mistral's "Invalid input [name=..., class=..., missing=[...], unexpected=[...]]"
 * text when `input` does not fit `action`, undefined when it does.
 */
export function validateActionInput(
  action: Action,
  input: Readonly<Record<string, unknown>> | null | undefined,
): string | undefined {
  if (action.acceptsAnyInput) return undefined;
  const given = Object.keys(input ?? {});
  const declared = new Set(action.inputSpec.map((p) => p.name));
  const missing = action.inputSpec.filter((p) => !p.hasDefault && !given.includes(p.name)).map((p) => p.name);
  const unexpected = given.filter((name) => !declared.has(name));
  if (missing.length === 0 && unexpected.length === 0) return undefined;

  let msg = `Invalid input [name=${action.name}, class=${action.className ?? 'None'}`;
  if (missing.length > 0) msg += `, missing=${pyStrListRepr(missing)}`;
  if (unexpected.length > 0) msg += `, unexpected=${pyStrListRepr(unexpected)}`;
  return `${msg}]`;
}
