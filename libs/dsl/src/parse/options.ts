import type { YamlSource } from '../yaml/source.js';

export interface ParseOptions {
  /**
   * Syntax check (default: @sirocco/expressions' checkSyntax) of one string that
   * holds an expression (`<% %>` YAQL, `{{ }}` / `{% %}` Jinja), passed whole
   * as written in the document, e.g. `"<% $.a + + %>"` or `"x={{ _.y }}"`.
   * Return an error message, or undefined when the text is fine.
   * It is called only where Mistral checks expressions at registration
   * (output, vars, input, publish, policies, with-items, transitions, ...),
   * and never for a string that mixes YAQL and Jinja (already a problem).
   */
  readonly checkExpressionSyntax?: (text: string) => string | undefined;
}

/** What every parse step needs: the source (positions + problem list) and the options. */
export interface ParseContext {
  readonly src: YamlSource;
  readonly options: ParseOptions;
}
