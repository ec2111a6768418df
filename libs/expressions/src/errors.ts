/** The public error type. */
export class ExpressionError extends Error {
  /**
   * The Mistral exception class: 'YaqlEvaluationException', 'JinjaEvaluationException',
   * 'YaqlGrammarException', 'JinjaGrammarException', 'ExpressionGrammarException'.
   */
  readonly kind: string;
  /** The inner Python-level error class (KeyError, TypeError, LimitExceeded, ...). */
  readonly causeType: string;
  readonly expression: string;

  constructor(kind: string, expression: string, causeType: string, detail: string) {
    const lang = kind.startsWith('Jinja') ? 'Jinja' : 'YAQL';
    super(`Can not evaluate ${lang} expression [expression=${expression}, error=${causeType}: ${detail}]`);
    this.name = 'ExpressionError';
    this.kind = kind;
    this.causeType = causeType;
    this.expression = expression;
  }
}
