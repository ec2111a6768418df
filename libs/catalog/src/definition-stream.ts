// The current state of one workflow definition stream (a fold of its events).
import type { EventStore } from '@sirocco/eventstore';
import type { WorkflowDefinitionEvent, WorkflowDefinitionSavedData } from '@sirocco/workflow';

export interface DefinitionStreamState {
  /** The live definition, or undefined when the stream is absent or ends with a deletion. */
  readonly current: WorkflowDefinitionSavedData | undefined;
  /** Revision of the last event (for the next append), undefined when the stream does not exist. */
  readonly revision: number | undefined;
}

export async function readDefinitionStream(
  store: EventStore,
  streamId: string,
): Promise<DefinitionStreamState> {
  const events = await store.readStream(streamId);
  let current: WorkflowDefinitionSavedData | undefined;
  for (const recorded of events) {
    const event = { type: recorded.type, data: recorded.data } as WorkflowDefinitionEvent;
    if (event.type === 'WorkflowDefinitionDeleted') current = undefined;
    else if (event.type === 'WorkflowDefinitionCreated' || event.type === 'WorkflowDefinitionUpdated')
      current = event.data;
  }
  const last = events[events.length - 1];
  return { current, revision: last?.revision };
}
