// Events of environments: one stream per environment, `environment-<name>`
// (Mistral's environments have no namespace).
import type { Scope } from './scope.js';

export const ENVIRONMENT_STREAM_PREFIX = 'environment-';

export const environmentStreamId = (name: string): string => `${ENVIRONMENT_STREAM_PREFIX}${name}`;

/** The whole environment after the change (a PUT merges into the previous one). */
export interface EnvironmentSavedData {
  readonly environmentId: string;
  readonly name: string;
  /** Null when never given (Mistral then leaves the field out). */
  readonly description: string | null;
  readonly variables: Readonly<Record<string, unknown>> | null;
  readonly scope: Scope;
  readonly at: string;
}

export interface EnvironmentDeletedData {
  readonly environmentId: string;
  readonly name: string;
  readonly at: string;
}

export type EnvironmentEvent =
  | { readonly type: 'EnvironmentCreated'; readonly data: EnvironmentSavedData }
  | { readonly type: 'EnvironmentUpdated'; readonly data: EnvironmentSavedData }
  | { readonly type: 'EnvironmentDeleted'; readonly data: EnvironmentDeletedData };
