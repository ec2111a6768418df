// Actions as Mistral 15 shows them. System actions: the id is the name, and
// the database-only fields are empty. Ad-hoc actions: their definition row.
import { DEFAULT_PROJECT_ID } from '@sirocco/projections';
import { pyJsonDumps } from '../http/python-json.js';

export interface ActionDescriptor {
  readonly name: string;
  readonly description: string;
  /** Mistral's parameter summary, e.g. `output, delay=0` (see @sirocco/actions formatInputSpec). */
  readonly input: string;
}

export const ACTION_FIELDS = [
  'id',
  'name',
  'is_system',
  'input',
  'description',
  'tags',
  'definition',
  'scope',
  'project_id',
  'created_at',
  'updated_at',
  'namespace',
] as const;

export function presentAction(action: ActionDescriptor): Record<string, unknown> {
  return {
    id: action.name,
    name: action.name,
    is_system: false,
    input: action.input,
    description: action.description,
    tags: null,
    definition: '',
    scope: null,
    project_id: null,
    created_at: '',
    updated_at: '',
    namespace: '',
  };
}

/** What the API shows of an ad-hoc action (the registry's record has it all). */
export interface AdHocActionView {
  readonly actionId: string;
  readonly name: string;
  readonly namespace: string;
  readonly definition: string;
  readonly scope: string;
  readonly spec: {
    readonly description?: string;
    readonly tags: readonly string[];
    readonly input: readonly {
      readonly name: string;
      readonly hasDefault: boolean;
      readonly default?: unknown;
    }[];
  };
  /** Mistral's display form (`2026-11-24 02:07:50`). */
  readonly createdAt: string;
  readonly updatedAt: string | null;
}

/** Mistral's input summary of an ad-hoc action: `a, b=2, c={"k": [1]}` (defaults as JSON). */
export function adHocInputSummary(input: AdHocActionView['spec']['input']): string {
  return input.map((p) => (p.hasDefault ? `${p.name}=${pyJsonDumps(p.default ?? null)}` : p.name)).join(', ');
}

/**
 * Lists and GET show a missing input as '' (Mistral's descriptor), POST and
 * PUT answers as null (its database row); POST answers have no `updated_at`.
 */
export function presentAdHocAction(
  action: AdHocActionView,
  mode: 'get' | 'post' | 'put' = 'get',
): Record<string, unknown> {
  const input = adHocInputSummary(action.spec.input);
  const body: Record<string, unknown> = {
    id: action.actionId,
    name: action.name,
    is_system: false,
    input: input === '' && mode !== 'get' ? null : input,
    description: action.spec.description ?? null,
    tags: action.spec.tags,
    definition: action.definition,
    scope: action.scope,
    project_id: DEFAULT_PROJECT_ID,
    created_at: action.createdAt,
  };
  if (mode !== 'post') body['updated_at'] = action.updatedAt;
  body['namespace'] = action.namespace;
  return body;
}
