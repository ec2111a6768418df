/** YAQL abstract syntax tree. */
export type Node =
  | { readonly t: 'const'; readonly v: unknown }
  /** Bare identifier: a string constant (`ACTIVE`), also a name in `x => v` and `.x`. */
  | { readonly t: 'kw'; readonly name: string }
  /** `$`, `$1`, `$name`; `$` is normalised to `1` as in yaql. */
  | { readonly t: 'var'; readonly name: string }
  | { readonly t: 'unary'; readonly op: string; readonly x: Node }
  | { readonly t: 'binary'; readonly op: string; readonly l: Node; readonly r: Node }
  /** `recv.member` / `recv?.member`; member is a kw, a call (method) or any expression. */
  | { readonly t: 'dot'; readonly safe: boolean; readonly recv: Node; readonly member: Node }
  | { readonly t: 'call'; readonly name: string; readonly args: readonly Node[] }
  | { readonly t: 'index'; readonly recv: Node; readonly args: readonly Node[] }
  | { readonly t: 'list'; readonly items: readonly Node[] }
  | { readonly t: 'map'; readonly items: readonly Node[] }
  /** `key => value`, only as a call/list/map argument. */
  | { readonly t: 'mapping'; readonly key: Node; readonly value: Node }
  | { readonly t: 'paren'; readonly x: Node };
