/** Python `str.format()` and `%`-formatting for the common cases. */
import { PyError, typeError, valueError } from './errors.js';
import { floatRepr, pyRepr, pyStr } from './format.js';
import { dictGet, dictHas } from './ops.js';
import { isTuple } from './types.js';

function formatNumber(
  v: bigint | number,
  spec: { type: string; precision?: number; sign: string; comma: boolean; alt: boolean },
): string {
  let t = spec.type;
  let body: string;
  const neg = typeof v === 'bigint' ? v < 0n : v < 0 || Object.is(v, -0);
  const abs = typeof v === 'bigint' ? (v < 0n ? -v : v) : Math.abs(v);
  if (t === '' && typeof abs === 'number' && spec.precision !== undefined) t = 'g';
  switch (t) {
    case 'd':
    case 'n':
      if (typeof abs !== 'bigint') throw valueError(`Unknown format code 'd' for object of type 'float'`);
      body = abs.toString();
      break;
    case 'x':
    case 'X':
    case 'o':
    case 'b': {
      if (typeof abs !== 'bigint') throw valueError(`Unknown format code '${t}' for object of type 'float'`);
      const radix = t === 'o' ? 8 : t === 'b' ? 2 : 16;
      body = abs.toString(radix);
      if (t === 'X') body = body.toUpperCase();
      if (spec.alt) body = `0${t === 'X' ? 'X' : t}` + body;
      break;
    }
    case 'f':
    case 'F':
      body = Number(abs).toFixed(spec.precision ?? 6);
      break;
    case 'e':
    case 'E': {
      const s = Number(abs).toExponential(spec.precision ?? 6);
      body = s.replace(/e([+-])(\d)$/, 'e$10$2');
      if (t === 'E') body = body.toUpperCase();
      break;
    }
    case '%':
      body = (Number(abs) * 100).toFixed(spec.precision ?? 6) + '%';
      break;
    case 'g':
    case 'G': {
      const p = spec.precision === 0 ? 1 : (spec.precision ?? 6);
      const n = Number(abs);
      const exp = n === 0 ? 0 : Math.floor(Math.log10(n));
      if (exp < -4 || exp >= p) {
        body = n
          .toExponential(p - 1)
          .replace(/\.?0+e/, 'e')
          .replace(/e([+-])(\d)$/, 'e$10$2');
      } else {
        body = n.toFixed(Math.max(0, p - 1 - exp));
        if (body.includes('.')) body = body.replace(/\.?0+$/, '');
      }
      break;
    }
    default:
      body = typeof abs === 'bigint' ? abs.toString() : floatRepr(abs);
  }
  if (spec.comma) {
    const [ip, fp] = body.split('.');
    body = (ip ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fp !== undefined ? '.' + fp : '');
  }
  const sign = neg ? '-' : spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : '';
  return sign + body;
}

const SPEC_RE = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?(,)?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/su;

/** Applies a Python format spec (`>10`, `.2f`, `,d`, ...) to a value. */
export function applyFormatSpec(v: unknown, spec: string): string {
  if (spec === '') return pyStr(v);
  const m = SPEC_RE.exec(spec);
  if (!m) throw valueError(`Invalid format specifier '${spec}'`);
  const [, fillCh, alignCh, signCh, altCh, zero, widthS, comma, precS, typeCh] = m;
  let fill = fillCh ?? ' ';
  let align = alignCh ?? '';
  const width = widthS ? Number(widthS) : 0;
  const precision = precS !== undefined ? Number(precS) : undefined;
  const type = typeCh ?? '';
  let body: string;
  const isNum = typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean';
  if (isNum) {
    const n = typeof v === 'boolean' ? (v ? 1n : 0n) : (v as bigint | number);
    if (type === 's') throw valueError(`Unknown format code 's' for object of type 'int'`);
    body = formatNumber(typeof n === 'bigint' && 'eEfFgG%'.includes(type) && type !== '' ? Number(n) : n, {
      type,
      precision,
      sign: signCh ?? '',
      comma: comma !== undefined,
      alt: altCh !== undefined,
    });
    if (zero && !alignCh) {
      fill = '0';
      align = '=';
    }
    if (!align) align = '>';
  } else {
    if (type !== '' && type !== 's')
      throw valueError(`Unknown format code '${type}' for object of type 'str'`);
    body = pyStr(v);
    if (precision !== undefined) body = Array.from(body).slice(0, precision).join('');
    if (!align) align = '<';
  }
  const len = Array.from(body).length;
  if (len >= width) return body;
  const pad = width - len;
  switch (align) {
    case '<':
      return body + fill.repeat(pad);
    case '>':
      return fill.repeat(pad) + body;
    case '^':
      return fill.repeat(Math.floor(pad / 2)) + body + fill.repeat(pad - Math.floor(pad / 2));
    default: {
      const signMatch = /^[+\- ]/.exec(body);
      const s = signMatch ? signMatch[0] : '';
      return s + fill.repeat(pad) + body.slice(s.length);
    }
  }
}

function lookupField(
  name: string,
  args: readonly unknown[],
  kwargs: Map<string, unknown>,
  auto: { n: number },
): unknown {
  const m = /^([^.[]*)(.*)$/s.exec(name) as RegExpExecArray;
  const first = m[1] ?? '';
  let value: unknown;
  if (first === '') {
    if (auto.n < 0)
      throw valueError('cannot switch from manual field specification to automatic field numbering');
    const i = auto.n++;
    if (i >= args.length)
      throw new PyError('IndexError', `Replacement index ${i} out of range for positional args tuple`);
    value = args[i];
  } else if (/^\d+$/.test(first)) {
    if (auto.n > 0)
      throw valueError('cannot switch from automatic field numbering to manual field specification');
    auto.n = -1;
    const i = Number(first);
    if (i >= args.length)
      throw new PyError('IndexError', `Replacement index ${i} out of range for positional args tuple`);
    value = args[i];
  } else {
    if (!kwargs.has(first)) throw new PyError('KeyError', pyRepr(first));
    value = kwargs.get(first);
  }
  let rest = m[2] ?? '';
  while (rest) {
    const am = /^\.(\w+)|^\[([^\]]+)\]/.exec(rest);
    if (!am) throw valueError("Only '.' or '[' may follow ']' in format field specifier");
    if (am[1] !== undefined) {
      throw new PyError('AttributeError', `object has no attribute '${am[1]}'`);
    }
    const key = am[2] as string;
    if (value instanceof Map) {
      const k = /^\d+$/.test(key) && !dictHas(value, key) ? BigInt(key) : key;
      if (!dictHas(value, k)) throw new PyError('KeyError', pyRepr(key));
      value = dictGet(value, k);
    } else if (Array.isArray(value) && /^\d+$/.test(key)) {
      const i = Number(key);
      if (i >= value.length) throw new PyError('IndexError', 'index out of range');
      value = value[i];
    } else throw typeError('object is not subscriptable');
    rest = rest.slice(am[0].length);
  }
  return value;
}

/** Python `fmt.format(*args, **kwargs)`; `str` converts values (Python str by default). */
export function pyFormat(fmt: string, args: readonly unknown[], kwargs: Map<string, unknown>): string {
  const auto = { n: 0 };
  let out = '';
  let i = 0;
  while (i < fmt.length) {
    const ch = fmt[i] as string;
    if (ch === '{') {
      if (fmt[i + 1] === '{') {
        out += '{';
        i += 2;
        continue;
      }
      let depth = 1;
      let j = i + 1;
      while (j < fmt.length && depth > 0) {
        if (fmt[j] === '{') depth++;
        else if (fmt[j] === '}') depth--;
        if (depth > 0) j++;
      }
      if (depth !== 0) throw valueError("Single '{' encountered in format string");
      const field = fmt.slice(i + 1, j);
      const fm = /^([^!:]*)(?:!([rsa]))?(?::(.*))?$/s.exec(field);
      if (!fm) throw valueError('bad format field');
      let value = lookupField(fm[1] ?? '', args, kwargs, auto);
      if (fm[2] === 'r' || fm[2] === 'a') value = pyRepr(value);
      else if (fm[2] === 's') value = pyStr(value);
      const spec = (fm[3] ?? '').replace(/\{([^}]*)\}/g, (_w, n: string) =>
        pyStr(lookupField(n, args, kwargs, auto)),
      );
      out += applyFormatSpec(value, spec);
      i = j + 1;
    } else if (ch === '}') {
      if (fmt[i + 1] === '}') {
        out += '}';
        i += 2;
        continue;
      }
      throw valueError("Single '}' encountered in format string");
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** Python `fmt % args` for %s %r %d %i %f %x %% with flags/width/precision. */
export function percentFormat(fmt: string, argsIn: unknown): string {
  // Only a tuple supplies several arguments; a list is one value (as in Python).
  const args = Array.isArray(argsIn) && isTuple(argsIn) ? argsIn : [argsIn];
  const mapping = argsIn instanceof Map ? argsIn : undefined;
  let ai = 0;
  const out = fmt.replace(
    /%(\(([^)]*)\))?([-+ #0]*)(\d+|\*)?(?:\.(\d+))?([diouxXeEfFgGcrsa%])/g,
    (
      _w,
      _k,
      key: string | undefined,
      flags: string,
      width: string | undefined,
      prec: string | undefined,
      conv: string,
    ) => {
      if (conv === '%') return '%';
      let v: unknown;
      if (key !== undefined) {
        if (!mapping || !dictHas(mapping, key)) throw new PyError('KeyError', pyRepr(key));
        v = dictGet(mapping, key);
      } else {
        if (ai >= args.length) throw typeError('not enough arguments for format string');
        v = args[ai++];
      }
      let spec = '';
      if (flags.includes('-')) spec += '<';
      else if (flags.includes('0') && 'diouxXeEfFgG'.includes(conv)) spec += '0';
      if (flags.includes('+')) spec = spec === '<' ? '<+' : '+' + spec;
      spec += width ?? '';
      if (prec !== undefined) spec += '.' + prec;
      if (conv === 's') return applyFormatSpec(pyStr(v), spec.replace(/^0/, ''));
      if (conv === 'r' || conv === 'a') return applyFormatSpec(pyRepr(v), spec.replace(/^0/, ''));
      if (conv === 'c') return typeof v === 'bigint' ? String.fromCodePoint(Number(v)) : pyStr(v);
      if (typeof v === 'string' || v === null || Array.isArray(v) || v instanceof Map) {
        throw typeError(
          `%${conv} format: a real number is required, not ${typeof v === 'string' ? 'str' : 'object'}`,
        );
      }
      let n = typeof v === 'boolean' ? (v ? 1n : 0n) : (v as bigint | number);
      if ('diu'.includes(conv)) {
        n = typeof n === 'number' ? BigInt(Math.trunc(n)) : n;
        return applyFormatSpec(n, spec + 'd');
      }
      if ('xXo'.includes(conv)) {
        if (typeof n !== 'bigint') throw typeError(`%${conv} format: an integer is required, not float`);
        return applyFormatSpec(n, (flags.includes('#') ? '#' : '') + spec + conv);
      }
      return applyFormatSpec(
        Number(n),
        spec + (prec === undefined && 'eEfFgG'.includes(conv) ? '.6' : '') + conv,
      );
    },
  );
  if (!mapping && ai < args.length) throw typeError('not all arguments converted during string formatting');
  return out;
}
