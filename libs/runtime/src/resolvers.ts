// The engine's lookups for actions and workflows, over the registry and the
// catalog (the same adapters the standalone composition uses).
import type { ActionRegistry } from '@sirocco/actions';
import type { AdHocActionRegistry, WorkflowCatalog } from '@sirocco/catalog';
import type { ActionResolver, WorkflowResolver } from '@sirocco/engine';
import { isSiroccoError } from '@sirocco/workflow';

/** System actions first, then the ad-hoc actions of the namespace (or the default one). */
export const actionResolverFor =
  (registry: ActionRegistry, adHoc?: AdHocActionRegistry): ActionResolver =>
  (name, namespace) => {
    const action = registry.get(name);
    if (action) {
      return { name: action.name, input: action.inputSpec, acceptsAnyInput: action.acceptsAnyInput === true };
    }
    const spec = adHoc?.get(name, namespace);
    return (
      spec && {
        name: spec.name,
        input: spec.input,
        adHoc: {
          base: spec.base,
          baseInput: spec.baseInput,
          ...(spec.output !== undefined ? { output: spec.output } : {}),
        },
      }
    );
  };

export const workflowResolverFor = (catalog: WorkflowCatalog): WorkflowResolver => ({
  async resolve({ name, id, namespace }) {
    try {
      return await catalog.get(id ?? name ?? '', namespace);
    } catch (e) {
      if (isSiroccoError(e) && e.code === 'NOT_FOUND') return undefined;
      throw e;
    }
  },
});
