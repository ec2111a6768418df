// Loads a DSL text into a YAML syntax tree that keeps positions, and turns
// nodes into plain JSON values the way Mistral's loader would.
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
  type YAMLMap,
} from 'yaml';
import type { Path, ProblemList } from '../problems.js';
import type { SourceLocation } from '../spec.js';
import { pyyamlTags } from './pyyaml-schema.js';

/** One `key: value` of a mapping, with the nodes kept for positions. */
export interface Entry {
  readonly key: string;
  readonly keyNode: Node;
  /** Null when the document writes `key:` with nothing after it. */
  readonly valueNode: Node | null;
  readonly value: unknown;
}

export class YamlSource {
  readonly lineCounter = new LineCounter();
  readonly doc: Document.Parsed;

  constructor(
    readonly text: string,
    readonly problems: ProblemList,
  ) {
    this.doc = parseDocument(text, {
      lineCounter: this.lineCounter,
      version: '1.1',
      customTags: pyyamlTags,
      // PyYAML keeps the last of duplicated keys instead of failing.
      uniqueKeys: false,
      merge: false,
      prettyErrors: true,
    });
    this.reportSyntax();
  }

  /** The root node, or null for an empty document. */
  get root(): Node | null {
    const contents = this.doc.contents as Node | null;
    return contents;
  }

  /** 1-based position of a node; the document start when there is none. */
  loc(node: Node | null | undefined, fallback?: SourceLocation): SourceLocation {
    const offset = node?.range?.[0];
    if (offset === undefined) return fallback ?? { line: 1, column: 1 };
    const pos = this.lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  }

  report(node: Node | null | undefined, path: Path, message: string, fallback?: SourceLocation): void {
    this.problems.add(this.loc(node, fallback), path, message);
  }

  /** Entries of a mapping; a repeated key keeps its first place and its last value (PyYAML). */
  entries(map: YAMLMap): Entry[] {
    const byKey = new Map<string, Entry>();
    for (const pair of map.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const key = keyText(keyNode);
      const valueNode = (pair.value as Node | null) ?? null;
      const entry: Entry = { key, keyNode: keyNode ?? map, valueNode, value: this.toValue(valueNode) };
      // Map.set keeps the first insertion place, as a Python dict does for a repeated key.
      byKey.set(key, entry);
    }
    return [...byKey.values()];
  }

  /** Plain JSON value of a node, as Mistral's loader would build it. */
  toValue(node: Node | null | undefined): unknown {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return `*${node.source}`;
    if (isScalar(node)) {
      const v = node.value;
      if (node.anchor !== undefined) return `&${node.anchor} ${String(node.source ?? v)}`;
      if (v instanceof Date) return String(node.source);
      if (typeof v === 'bigint') return Number(v);
      return v;
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const e of this.entries(node)) setOwn(out, e.key, e.value);
      return out;
    }
    if (isSeq(node)) return node.items.map((item) => this.toValue(item as Node | null));
    return null;
  }

  /** YAML errors, and the YAML features Mistral's loader rejects or reads differently. */
  private reportSyntax(): void {
    for (const error of this.doc.errors) {
      // Mistral's loader allows a plain value to start with '@'.
      if (error.code === 'BAD_SCALAR_START' && this.text[error.pos[0]] === '@') continue;
      const at = error.linePos?.[0];
      const message =
        error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.message;
      this.problems.add(
        at ? { line: at.line, column: at.col } : { line: 1, column: 1 },
        [],
        `YAML syntax: ${message}`,
      );
    }
    for (const warning of this.doc.warnings) {
      if (warning.code !== 'TAG_RESOLVE_FAILED') continue;
      const at = warning.linePos?.[0];
      this.problems.add(
        at ? { line: at.line, column: at.col } : { line: 1, column: 1 },
        [],
        `YAML: ${warning.message.split('\n')[0] ?? ''}`,
      );
    }
    visit(this.doc, {
      Pair: (_, pair) => {
        const key = pair.key as Node | null;
        if (key !== null && !isScalar(key) && !isAlias(key)) {
          this.report(key, [], 'a mapping key must be a plain value, not a list or mapping');
        }
      },
      Map: (_, node) => this.reportCollectionAnchor(node),
      Seq: (_, node) => this.reportCollectionAnchor(node),
    });
  }

  private reportCollectionAnchor(node: Node): void {
    if (node.anchor !== undefined) {
      // Mistral's loader reads '&name' as text, so an anchored block cannot mean what it says.
      this.report(
        node,
        [],
        `YAML anchors ('&${node.anchor}') are not supported: Mistral reads them as plain text`,
      );
    }
  }
}

function keyText(node: Node | null): string {
  if (node === null) return 'null';
  if (isAlias(node)) return `*${node.source}`;
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'null';
    if (v instanceof Date) return String(node.source);
    return String(v);
  }
  return String(node);
}

/** Assigns a key even when it is `__proto__`, which plain assignment would swallow. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
