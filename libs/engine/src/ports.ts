// What the engine needs from outside the core, besides the store and bus.
import type { WorkflowSpec } from '@sirocco/dsl';
import type { ActionDescriptor } from '@sirocco/workflow';

export interface ResolvedWorkflow {
  readonly workflowId: string;
  readonly name: string;
  readonly namespace: string;
  readonly spec: WorkflowSpec;
  /** Revision of the definition stream: the exact version an execution runs. */
  readonly revision: number;
}

export interface WorkflowResolver {
  /** By name (namespace first, then the default namespace '') or by id; undefined when unknown. */
  resolve(ref: { name?: string; id?: string; namespace: string }): Promise<ResolvedWorkflow | undefined>;
}

export type ActionResolver = (name: string, namespace: string) => ActionDescriptor | undefined;

/** The clock and id source, injected so tests control them. */
export interface Clock {
  now(): Date;
}
export type IdGenerator = () => string;

/** Stored environments (`/v2/environments`), for `params.env` given as a name. */
export interface EnvironmentResolver {
  resolve(name: string): Promise<Readonly<Record<string, unknown>> | undefined>;
}
