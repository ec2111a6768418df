import type { DslProblem, SourceLocation } from './spec.js';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: DslProblem[] };

/** A path of keys (strings) and list indexes (numbers) to a node. */
export type PathSegment = string | number;
export type Path = readonly PathSegment[];

/** `wf.tasks.t1.on-success[0]`: keys joined by dots, list indexes in brackets. */
export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/** Collects every problem of one parse; checks keep going after a problem so all are reported. */
export class ProblemList {
  readonly items: DslProblem[] = [];

  add(at: SourceLocation, path: Path, message: string): void {
    this.items.push({ message, line: at.line, column: at.column, path: formatPath(path) });
  }

  get empty(): boolean {
    return this.items.length === 0;
  }

  /** Problems in document order (checks run per concern, not top to bottom). */
  sorted(): DslProblem[] {
    return [...this.items].sort((a, b) => a.line - b.line || a.column - b.column);
  }
}

/** Human text of problems, one per line: `line 4, column 7: wf.tasks.t1: unknown key ...`. */
export function formatProblems(problems: readonly DslProblem[]): string {
  return problems
    .map((p) => `line ${p.line}, column ${p.column}: ${p.path === '' ? '' : `${p.path}: `}${p.message}`)
    .join('\n');
}

/** The closest candidate to a misspelt word, or undefined when nothing is close enough. */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  // Allow roughly one typo per three letters, at least one; beyond that a suggestion misleads.
  const allowed = Math.max(1, Math.floor(word.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** ` (did you mean 'x'?)` or the empty string. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? '' : ` (did you mean '${match}'?)`;
}

/** Damerau-Levenshtein (optimal string alignment): a swapped pair of letters counts as one typo. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, at(i - 2, j - 2) + 1);
      }
      d[i * cols + j] = v;
    }
  }
  return at(a.length, b.length);
}
