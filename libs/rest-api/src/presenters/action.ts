// System actions as Mistral 15 lists them: the id is the name, and the
// database-only fields are empty.

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
