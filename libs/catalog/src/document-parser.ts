// The part of @sirocco/dsl the catalog needs, as a port: the lead passes the
// real module (`import * as dsl from '@sirocco/dsl'`), tests may pass a
// stand-in. Keeps the catalog compiling while the parser is written.
import type { DocumentSpec, DslProblem } from '@sirocco/dsl';

export type ParseResult =
  | { readonly ok: true; readonly value: DocumentSpec }
  | { readonly ok: false; readonly problems: readonly DslProblem[] };

interface ProblemFormatter {
  /** Problems as one message, each with its line and column. */
  formatProblems(problems: readonly DslProblem[]): string;
}

export interface WorkflowDocumentParser extends ProblemFormatter {
  parseWorkflowsDocument(text: string): ParseResult;
  /** The YAML of one workflow of a multi-workflow document, with its `version`. */
  extractWorkflowDefinition(text: string, name: string): string;
}

/** POST /v2/actions documents: `version: '2.0'` plus ad-hoc actions. */
export interface ActionsDocumentParser extends ProblemFormatter {
  parseActionsDocument(text: string): ParseResult;
}

/** POST /v2/workbooks documents: name, workflows:, actions:. */
export interface WorkbookDocumentParser extends ProblemFormatter {
  parseWorkbookDocument(text: string): ParseResult;
}
