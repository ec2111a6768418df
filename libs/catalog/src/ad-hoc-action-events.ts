// Events of ad-hoc action definitions: one stream per action,
// `action-<namespace>/<name>`, like workflow definitions.
import type { AdHocActionSpec } from '@sirocco/dsl';
import type { Scope } from './scope.js';

export const AD_HOC_ACTION_STREAM_PREFIX = 'action-';

export const adHocActionStreamId = (namespace: string, name: string): string =>
  `${AD_HOC_ACTION_STREAM_PREFIX}${namespace}/${name}`;

export interface AdHocActionSavedData {
  readonly actionId: string;
  /** The registered name: `<workbook>.<action>` for a workbook's action; `spec.name` is the same. */
  readonly name: string;
  readonly namespace: string;
  /** What Mistral shows as `definition`: the whole document POSTed, or the workbook's cut. */
  readonly definition: string;
  readonly spec: AdHocActionSpec;
  readonly scope: Scope;
  /** Set for the actions of a workbook (engine: short names resolve there first). */
  readonly workbookName?: string;
  readonly at: string;
}

export interface AdHocActionDeletedData {
  readonly actionId: string;
  readonly name: string;
  readonly namespace: string;
  readonly at: string;
}

export type AdHocActionEvent =
  | { readonly type: 'AdHocActionCreated'; readonly data: AdHocActionSavedData }
  | { readonly type: 'AdHocActionUpdated'; readonly data: AdHocActionSavedData }
  | { readonly type: 'AdHocActionDeleted'; readonly data: AdHocActionDeletedData };

export const AD_HOC_ACTION_EVENT_TYPES: ReadonlySet<string> = new Set([
  'AdHocActionCreated',
  'AdHocActionUpdated',
  'AdHocActionDeleted',
]);
