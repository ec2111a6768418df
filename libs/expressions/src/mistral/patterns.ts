/**
 * Mistral's detection regexes. Python's `.` excludes only `\n`, so `[^\n]` is used
 * instead of JS `.` (which also excludes `\r`, U+2028, U+2029).
 */
export const YAQL_INLINE_RE = /<%[^\n]*?%>/g;
export const JINJA_VAR_RE = /\{\{([^\n]*?)\}\}/;
export const JINJA_BLOCK_RE = /\{%[^\n]*?%\}/;

export function isJinja(s: string): boolean {
  return JINJA_VAR_RE.test(s) || JINJA_BLOCK_RE.test(s);
}

export function isYaql(s: string): boolean {
  YAQL_INLINE_RE.lastIndex = 0;
  return YAQL_INLINE_RE.test(s);
}

export function findYaql(s: string): string[] {
  return s.match(YAQL_INLINE_RE) ?? [];
}

/** Python `str.strip(chars)`. */
export function stripChars(s: string, chars: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && chars.includes(s[a] as string)) a++;
  while (b > a && chars.includes(s[b - 1] as string)) b--;
  return s.slice(a, b);
}
