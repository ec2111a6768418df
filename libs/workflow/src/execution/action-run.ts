// Everything about one action run that is known before it is dispatched:
// the task's input evaluated (with the with-items variables of one
// iteration), the action resolved (ad-hoc actions down to the system action
// they are built on), input checked against the action's signature, and the
// executor queue (`target`).
import type { Decision } from './decision.js';
import type { Context, TaskExecution } from './execution-state.js';
import { expressionScope } from './expression-scope.js';
import { asRecord, tryEvaluateData, type Evaluated } from './evaluate.js';
import { validateInput, withDefaults } from './validate-input.js';

export interface PreparedActionRun {
  readonly actionName: string;
  readonly input: Context;
  readonly target?: string;
  readonly run?: { readonly actionName: string; readonly input: Context };
  readonly outputTransforms?: readonly unknown[];
}

const MAX_AD_HOC_DEPTH = 10;

export const prepareActionRun = (
  d: Decision,
  task: TaskExecution,
  itemValues: Readonly<Record<string, unknown>> | undefined,
): Evaluated<PreparedActionRun> => {
  const spec = task.spec;
  const scope = expressionScope(d.fold, { task, ...(itemValues ? { extra: itemValues } : {}) }, d.ctx.newId);
  const rawInput = spec.inputExpression !== undefined ? spec.inputExpression : spec.input;
  const evaluated = tryEvaluateData(rawInput, scope);
  if (!evaluated.ok) return evaluated;
  const input = asRecord(evaluated.value);
  const actionName = spec.action ?? 'std.noop';
  const namespace = d.info.workflowNamespace;

  // Walk the ad-hoc chain down to a system action.
  let name = actionName;
  let runInput: Record<string, unknown> = input;
  const transforms: unknown[] = [];
  for (let depth = 0; ; depth++) {
    const action = d.ctx.resolveAction(name, namespace);
    if (!action) {
      return { ok: false, error: `Failed to find action [action_name=${name}, namespace=${namespace}]` };
    }
    if (!action.acceptsAnyInput) {
      const invalid = validateInput(action.input, runInput, name, 'action');
      if (invalid) return { ok: false, error: invalid };
    }
    if (!action.adHoc) break;
    if (depth >= MAX_AD_HOC_DEPTH) return { ok: false, error: `Ad-hoc action '${actionName}' is nested too deeply` };
    const own = withDefaults(action.input, runInput);
    const base = tryEvaluateData(action.adHoc.baseInput, { data: own, functions: scope.functions ?? {} });
    if (!base.ok) return base;
    if (action.adHoc.output !== undefined && action.adHoc.output !== null) transforms.unshift(action.adHoc.output);
    name = action.adHoc.base;
    runInput = asRecord(base.value);
  }

  let target: string | undefined;
  if (spec.target !== undefined) {
    const t = tryEvaluateData(spec.target, scope);
    if (!t.ok) return t;
    if (t.value !== null && t.value !== undefined) target = String(t.value);
  }
  return {
    ok: true,
    value: {
      actionName,
      input,
      ...(target !== undefined ? { target } : {}),
      ...(name !== actionName ? { run: { actionName: name, input: runInput } } : {}),
      ...(transforms.length > 0 ? { outputTransforms: transforms } : {}),
    },
  };
};
