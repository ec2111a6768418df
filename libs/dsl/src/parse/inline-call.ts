// Mistral's one-line call syntax: `std.echo output="x y" n=1`, also used for
// `retry: count=3 delay=1`, ad-hoc action `base:` and transitions like
// `fail msg="oops"`. The rules below reproduce Mistral's (regex based) reading
// exactly, quirks included:
// - a value is recognised only when it is a "..." or '...' string, a <% %> or
//   {{ }} expression, a [...] list (greedy up to the last `]`), true, false,
//   null or a run of digits; anything else (`output=done`, `n=-1`) is dropped
//   silently, and `x=1.5` reads as 1 (the digits before the dot);
// - a recognised value that is not quoted is read as JSON when it parses,
//   else kept as text;
// - a string without a space is a bare name with no parameters.

// Python's `\w` on text: Unicode letters, digits and underscore.
const W = String.raw`\p{L}\p{N}_`;
const JINJA = String.raw`\{\{.*?\}\}`;
const YAQL = String.raw`<%.*?%>`;

const NAME_RE = new RegExp(String.raw`^(?:[${W}.]+[^=(\s"]*|${YAQL}|\{\{.*\}\}|\{%.*%\})`, 'u');

const PARAM_RE = new RegExp(
  String.raw`([-${W}]+)=("[^"]*"\s*|'[^']*'\s*|${JINJA}|${YAQL}|\[.*\]\s*|true|false|null|\p{Nd}+)`,
  'gu',
);

export type InlineCallResult =
  | { readonly ok: true; readonly name: string; readonly params: Record<string, unknown> }
  | { readonly ok: false; readonly message: string };

/** Reads a one-line call; `ok: false` only when the text does not start with a name or an expression. */
export function readInlineCall(text: string): InlineCallResult {
  if (!text.includes(' ')) return { ok: true, name: text, params: {} };

  const name = NAME_RE.exec(text)?.[0];
  if (name === undefined) {
    return {
      ok: false,
      message: `cannot read '${text}' as a call: it must start with a name (like std.echo) or an expression`,
    };
  }

  const params: Record<string, unknown> = {};
  for (const match of text.matchAll(PARAM_RE)) {
    const key = match[1] ?? '';
    const raw = (match[2] ?? '').trim();
    let value: unknown = raw;
    if (raw.startsWith('"') || raw.startsWith("'")) {
      value = raw.slice(1, -1);
    } else {
      try {
        value = JSON.parse(raw);
      } catch {
        // Not JSON (an expression, or a list like [a, b]): kept as text.
      }
    }
    if (key === '__proto__') {
      Object.defineProperty(params, key, { value, enumerable: true, writable: true, configurable: true });
    } else {
      params[key] = value;
    }
  }
  return { ok: true, name, params };
}

/**
 * Parse an inline one-line action/engine-command string like
 * `std.echo output="x y" n=1` into name + params, with Mistral's rules.
 * Throws when the text does not start with a name or an expression.
 */
export function parseInlineCall(text: string): { name: string; params: Record<string, unknown> } {
  const result = readInlineCall(text);
  if (!result.ok) throw new Error(result.message);
  return { name: result.name, params: result.params };
}
