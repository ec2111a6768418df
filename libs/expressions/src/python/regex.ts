/** Python `re` patterns on top of JS RegExp (translating the common syntax differences). */
import { PyError } from './errors.js';

export class PyRegex {
  readonly re: RegExp;
  constructor(
    readonly pattern: string,
    readonly ignoreCase = false,
    readonly multiLine = false,
    readonly dotAll = false,
  ) {
    let src = pattern;
    let flags = '';
    let ic = ignoreCase;
    let ml = multiLine;
    let da = dotAll;
    // Leading inline flags such as (?i) or (?ims).
    const lead = /^\(\?([aiLmsux]+)\)/.exec(src);
    if (lead) {
      src = src.slice(lead[0].length);
      const f = lead[1] ?? '';
      if (f.includes('i')) ic = true;
      if (f.includes('m')) ml = true;
      if (f.includes('s')) da = true;
    }
    src = src
      .replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>')
      .replace(/\(\?P=([A-Za-z_]\w*)\)/g, '\\k<$1>')
      .replace(/\\Z/g, '$(?![\\s\\S])')
      .replace(/\\A/g, '^');
    flags += 'd'; // match indices, for group start/end
    if (ic) flags += 'i';
    if (ml) flags += 'm';
    if (da) flags += 's';
    try {
      this.re = new RegExp(src, flags);
    } catch (e) {
      throw new PyError(
        'error',
        `invalid regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}`,
      );
    }
  }

  /** A fresh global copy for iterating matches. */
  global(): RegExp {
    return new RegExp(this.re.source, this.re.flags + 'g');
  }
}

const cache = new Map<string, PyRegex>();

export function compileRegex(
  pattern: string,
  ignoreCase = false,
  multiLine = false,
  dotAll = false,
): PyRegex {
  const key = `${ignoreCase ? 1 : 0}${multiLine ? 1 : 0}${dotAll ? 1 : 0}${pattern}`;
  let r = cache.get(key);
  if (!r) {
    r = new PyRegex(pattern, ignoreCase, multiLine, dotAll);
    if (cache.size > 500) cache.clear();
    cache.set(key, r);
  }
  return r;
}

/** Python `re.escape`. */
export function escapeRegex(s: string): string {
  return s.replace(/[^A-Za-z0-9_\u0080-\uffff]/g, (c) => '\\' + c);
}
