// Events of workbooks: one stream per workbook, `workbook-<namespace>/<name>`.
// The workflows and actions a workbook defines live in their own streams
// (`<workbook>.<item>`), as Mistral keeps them in their own tables.
import type { Scope } from './scope.js';

export const WORKBOOK_STREAM_PREFIX = 'workbook-';

export const workbookStreamId = (namespace: string, name: string): string =>
  `${WORKBOOK_STREAM_PREFIX}${namespace}/${name}`;

export interface WorkbookSavedData {
  readonly workbookId: string;
  readonly name: string;
  readonly namespace: string;
  /** The document as sent. */
  readonly definition: string;
  readonly tags: readonly string[];
  readonly scope: Scope;
  readonly at: string;
}

export interface WorkbookDeletedData {
  readonly workbookId: string;
  readonly name: string;
  readonly namespace: string;
  readonly at: string;
}

export type WorkbookEvent =
  | { readonly type: 'WorkbookCreated'; readonly data: WorkbookSavedData }
  | { readonly type: 'WorkbookUpdated'; readonly data: WorkbookSavedData }
  | { readonly type: 'WorkbookDeleted'; readonly data: WorkbookDeletedData };
