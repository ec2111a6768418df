// The `definition` Mistral stores for each workflow of a POST /v2/workflows:
// - a document with one workflow: the text exactly as sent;
// - several workflows: each gets its own document, re-serialised by PyYAML
//   (`yaml.safe_dump({'version': ..., name: ...}, sort_keys=False)`), so
//   comments and the original layout are lost.
// PyYAML's emitter is imitated closely (block style, lists not indented under
// their key, single quotes, values that would read as non-text quoted, lines
// folded at 80 columns); rare differences remain for very long or multi-line
// strings and for non-ASCII text (PyYAML escapes it by default).
import { Document, isMap, Scalar, visit } from 'yaml';
import { ProblemList } from '../problems.js';
import { pyyamlTags } from '../yaml/pyyaml-schema.js';
import { YamlSource } from '../yaml/source.js';

export function extractWorkflowDefinition(text: string, workflowName: string): string {
  const src = new YamlSource(text, new ProblemList());
  const root = src.root;
  if (root === null || !isMap(root)) throw new Error('the document is not a mapping of workflows');
  const entries = src.entries(root);
  const workflows = entries.filter((e) => e.key !== 'version');
  const wf = workflows.find((e) => e.key === workflowName);
  if (wf === undefined) throw new Error(`the document has no workflow '${workflowName}'`);
  if (workflows.length === 1) return text;

  const version = entries.find((e) => e.key === 'version')?.value ?? null;
  return dumpLikePyYaml({ version, [workflowName]: wf.value });
}

/** `yaml.safe_dump(value, sort_keys=False)` look-alike. */
export function dumpLikePyYaml(value: unknown): string {
  const doc = new Document(value, { version: '1.1', customTags: pyyamlTags });
  visit(doc, {
    Scalar(_, node: Scalar) {
      // PyYAML never uses block scalars (| or >) unless asked: multi-line text is quoted.
      if (typeof node.value === 'string' && node.value.includes('\n')) node.type = Scalar.QUOTE_SINGLE;
    },
  });
  return doc.toString({
    indentSeq: false,
    singleQuote: true,
    lineWidth: 80,
    minContentWidth: 0,
    nullStr: 'null',
    trueStr: 'true',
    falseStr: 'false',
  });
}
