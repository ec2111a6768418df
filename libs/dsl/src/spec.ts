// Typed, normalised form of a Mistral v2 DSL document. The parser turns every
// accepted spelling (one-line forms, list vs. dict transitions, task-defaults)
// into this one shape, so the engine never looks at raw YAML.
//
// Values that may hold expressions are kept as `unknown` (a string with
// `<% %>` / `{{ }}`, or a structure containing such strings): the workflow
// core evaluates them at run time. Everything here is plain JSON, so a spec
// can be stored inside an event and replayed.

/** 1-based line and column of a node in the source document. */
export interface SourceLocation {
  readonly line: number;
  readonly column: number;
}

export type WorkflowType = 'direct' | 'reverse';

/** One declared workflow input: a name, and a default when one is given. */
export interface InputParamSpec {
  readonly name: string;
  /** Present only when the document gives a default (`- name: default`). */
  readonly hasDefault: boolean;
  readonly default?: unknown;
}

export interface RetryPolicySpec {
  /** Number of retries (not attempts); may be an expression. */
  readonly count: number | string;
  /** Seconds between attempts; may be an expression. */
  readonly delay: number | string;
  readonly breakOn?: unknown;
  readonly continueOn?: unknown;
}

/** Task policies, after task-defaults were merged in. */
export interface PoliciesSpec {
  readonly retry?: RetryPolicySpec;
  readonly waitBefore?: number | string;
  readonly waitAfter?: number | string;
  readonly timeout?: number | string;
  readonly pauseBefore?: boolean | string;
  readonly concurrency?: number | string;
  readonly failOn?: unknown;
  readonly safeRerun?: boolean | string;
}

export type EngineCommandName = 'fail' | 'succeed' | 'pause' | 'noop';

/** One entry of `on-success` / `on-error` / `on-complete`. */
export type TransitionSpec =
  | {
      readonly kind: 'task';
      readonly task: string;
      /** Condition value; absent means "always". */
      readonly condition?: unknown;
      /** Params given in the one-line form `task_name param=value`. */
      readonly params?: Readonly<Record<string, unknown>>;
    }
  | {
      readonly kind: 'engine';
      readonly command: EngineCommandName;
      readonly condition?: unknown;
      /** e.g. `{ msg: 'text' }` from `fail msg="text"`. */
      readonly params: Readonly<Record<string, unknown>>;
    };

/** The advanced on-clause form's publish block. */
export interface OnClausePublishSpec {
  readonly branch?: Readonly<Record<string, unknown>>;
  readonly global?: Readonly<Record<string, unknown>>;
  readonly atomic?: Readonly<Record<string, unknown>>;
}

export interface OnClauseSpec {
  readonly next: readonly TransitionSpec[];
  readonly publish?: OnClausePublishSpec;
}

export type JoinSpec = 'all' | 'one' | number;

/** `with-items`: one or more `name in <list expression>` pairs, zipped. */
export interface WithItemsSpec {
  readonly items: readonly { readonly variable: string; readonly source: unknown }[];
}

export interface TaskSpec {
  readonly name: string;
  readonly description?: string;
  /** 'action' also covers tasks with neither action nor workflow (implicit std.noop). */
  readonly type: 'action' | 'workflow';
  /** Action name (e.g. `std.echo`); `std.noop` when the task names none. */
  readonly action?: string;
  /** Subworkflow name; may be an expression. */
  readonly workflow?: string;
  /** Action or subworkflow input: inline one-line params merged with `input`. */
  readonly input: Readonly<Record<string, unknown>>;
  /**
   * Set when the document gives `input` as one expression (`input: <% $.params %>`),
   * which Mistral evaluates to the whole input mapping; `input` is then `{}`.
   */
  readonly inputExpression?: string;
  readonly publish?: Readonly<Record<string, unknown>>;
  readonly publishOnError?: Readonly<Record<string, unknown>>;
  readonly withItems?: WithItemsSpec;
  readonly keepResult?: boolean | string;
  readonly target?: string;
  readonly policies: PoliciesSpec;
  readonly onSuccess?: OnClauseSpec;
  readonly onError?: OnClauseSpec;
  readonly onComplete?: OnClauseSpec;
  readonly join?: JoinSpec;
  /** Reverse workflows: names of tasks this one needs. */
  readonly requires: readonly string[];
  readonly location: SourceLocation;
}

export interface WorkflowSpec {
  readonly name: string;
  readonly type: WorkflowType;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly input: readonly InputParamSpec[];
  readonly output?: unknown;
  readonly outputOnError?: unknown;
  readonly vars: Readonly<Record<string, unknown>>;
  /** Tasks in document order; task-defaults are already applied to each. */
  readonly tasks: readonly TaskSpec[];
  readonly location: SourceLocation;
}

export interface AdHocActionSpec {
  readonly name: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly base: string;
  readonly baseInput: Readonly<Record<string, unknown>>;
  readonly input: readonly InputParamSpec[];
  readonly output?: unknown;
  readonly location: SourceLocation;
}

/** A whole document: a workflows file, an actions file or a workbook. */
export interface DocumentSpec {
  readonly version: '2.0';
  /** Workbook name, when the document is a workbook. */
  readonly name?: string;
  readonly workflows: readonly WorkflowSpec[];
  readonly actions: readonly AdHocActionSpec[];
}

/** One problem found in a document, pointing at where it is. */
export interface DslProblem {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  /** Path of keys to the offending node, e.g. `my_wf.tasks.t1.retry`. */
  readonly path: string;
}
