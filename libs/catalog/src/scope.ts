// Mistral's `scope` of definitions: 'private' unless the client says 'public'.
import { invalidScope } from './catalog-errors.js';

export type Scope = 'private' | 'public';

export function checkScope(scope: string | undefined): Scope {
  if (scope === undefined || scope === 'private') return 'private';
  if (scope === 'public') return 'public';
  throw invalidScope(scope);
}
