/** Jinja2 template and expression AST. */
export type JExpr =
  | { readonly t: 'const'; readonly v: unknown }
  | { readonly t: 'name'; readonly name: string }
  | { readonly t: 'list'; readonly items: readonly JExpr[] }
  | { readonly t: 'tuple'; readonly items: readonly JExpr[] }
  | { readonly t: 'dict'; readonly items: readonly (readonly [JExpr, JExpr])[] }
  | { readonly t: 'getattr'; readonly obj: JExpr; readonly name: string }
  | { readonly t: 'getitem'; readonly obj: JExpr; readonly key: JExpr }
  | { readonly t: 'slice'; readonly start?: JExpr; readonly stop?: JExpr; readonly step?: JExpr }
  | {
      readonly t: 'call';
      readonly fn: JExpr;
      readonly args: readonly JExpr[];
      readonly kwargs: readonly (readonly [string, JExpr])[];
    }
  | {
      readonly t: 'filter';
      readonly x: JExpr | null;
      readonly name: string;
      readonly args: readonly JExpr[];
      readonly kwargs: readonly (readonly [string, JExpr])[];
    }
  | {
      readonly t: 'test';
      readonly x: JExpr;
      readonly name: string;
      readonly args: readonly JExpr[];
      readonly kwargs: readonly (readonly [string, JExpr])[];
      readonly negate: boolean;
    }
  | { readonly t: 'unary'; readonly op: '-' | '+' | 'not'; readonly x: JExpr }
  | { readonly t: 'binary'; readonly op: string; readonly l: JExpr; readonly r: JExpr }
  | { readonly t: 'compare'; readonly first: JExpr; readonly ops: readonly (readonly [string, JExpr])[] }
  | { readonly t: 'cond'; readonly test: JExpr; readonly then: JExpr; readonly else?: JExpr };

export type Target =
  | { readonly t: 'name'; readonly name: string }
  | { readonly t: 'tuple'; readonly items: readonly Target[] }
  | { readonly t: 'nsattr'; readonly ns: string; readonly attr: string };

export type JStmt =
  | { readonly t: 'text'; readonly text: string }
  | { readonly t: 'print'; readonly x: JExpr }
  | {
      readonly t: 'if';
      readonly branches: readonly (readonly [JExpr, readonly JStmt[]])[];
      readonly else?: readonly JStmt[];
    }
  | {
      readonly t: 'for';
      readonly target: Target;
      readonly iter: JExpr;
      readonly body: readonly JStmt[];
      readonly else?: readonly JStmt[];
      readonly cond?: JExpr;
    }
  | { readonly t: 'set'; readonly target: Target; readonly x: JExpr }
  | { readonly t: 'setblock'; readonly name: string; readonly body: readonly JStmt[] }
  | {
      readonly t: 'with';
      readonly assigns: readonly (readonly [Target, JExpr])[];
      readonly body: readonly JStmt[];
    }
  | { readonly t: 'filterblock'; readonly filter: JExpr; readonly body: readonly JStmt[] };
