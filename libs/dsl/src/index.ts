export * from './spec.js';
export { formatProblems, type ParseResult } from './problems.js';
export type { ParseOptions } from './parse/options.js';
export { parseWorkflowsDocument, parseActionsDocument } from './parse/document.js';
export { parseWorkbookDocument } from './parse/workbook.js';
export { parseInlineCall } from './parse/inline-call.js';
export { extractWorkflowDefinition } from './definition/extract.js';
