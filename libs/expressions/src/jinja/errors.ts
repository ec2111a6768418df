/** A Jinja template syntax error (TemplateSyntaxError). */
export class JinjaSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
    this.name = 'TemplateSyntaxError';
  }
}
