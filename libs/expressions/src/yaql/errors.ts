/** A YAQL lexical or grammar error (reported by `checkSyntax`, and at run time). */
export class YaqlSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: number,
    readonly pyType: 'YaqlLexicalException' | 'YaqlGrammarException' = 'YaqlGrammarException',
  ) {
    super(message);
    this.name = pyType;
  }
}
