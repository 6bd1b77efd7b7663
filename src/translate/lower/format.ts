/**
 * FORMAT(value, pattern [, culture]) and STR(x [, length [, decimals]]).
 *
 * FORMAT runs a .NET format string (https://learn.microsoft.com/en-us/sql/t-sql/functions/format-transact-sql).
 * The patterns translated exactly, for the en-US culture (the default of a us_english session):
 *  - custom date patterns made of yyyy yy MMMM MMM MM dd HH mm ss fff and the separators - / : . , space T
 *    (→ FormatDate with a neutral pattern; single letters, 12-hour clocks, day names are not);
 *  - Nn (grouped, n decimals, default 2), Fn (fixed, default 2), Dn (integers, zero-padded to n digits);
 *  - custom number patterns 0, 0.00, #,##0, #,##0.00 (zeros after the point; one zero before, or only
 *    zeros for zero-padding without decimals).
 * Anything else (currency, percent, exponent, other cultures) keeps the call behind a marker.
 */
import type * as A from '../../tsql/ast/index.js';
import { classOf } from '../infer.js';
import { fn, lit, type Expr } from '../ir.js';
import { mark, type LowerContext } from './context.js';
import { lowerExpr } from './expressions.js';

/** .NET custom date specifiers (runs of one letter) → neutral pattern tokens. */
const DATE_TOKENS: Readonly<Record<string, string>> = {
  yyyy: 'yyyy', yy: 'yy', MMMM: 'Month', MMM: 'Mon', MM: 'MM', dd: 'dd', HH: 'HH', mm: 'mi', ss: 'ss', fff: 'fff',
};

/** A .NET custom date pattern as a neutral pattern, or undefined when it uses anything else. */
export function netDatePattern(p: string): string | undefined {
  if (p.length < 2) return undefined; // one character is a standard format ('d', 'D', 'T' …): culture-specific
  let out = '';
  for (const run of p.match(/([A-Za-z])\1*|[^A-Za-z]/g) ?? []) {
    const tok = DATE_TOKENS[run];
    if (tok) out += tok;
    else if (run === 'T' || /^[-/:., ]$/.test(run)) out += run; // '/' and ':' are en-US's separators
    else return undefined;
  }
  return /[a-z]/i.test(out.replace(/T/g, '')) ? out : undefined;
}

interface NumberSpec {
  readonly decimals: number;
  readonly grouping: boolean;
  /** Minimum integer digits (zero-padded); only with 0 decimals and no grouping when above 1. */
  readonly digits: number;
  readonly integersOnly?: true;
}

/** A .NET numeric format (standard N/F/D or a simple custom pattern) as a spec, or undefined. */
export function netNumberPattern(p: string): NumberSpec | undefined {
  let m = /^([NnFfDd])(\d{0,2})$/.exec(p);
  if (m) {
    const n = m[2] ? Number(m[2]) : undefined;
    const kind = m[1]!.toUpperCase();
    if (kind === 'D') return { decimals: 0, grouping: false, digits: Math.max(n ?? 1, 1), integersOnly: true };
    return { decimals: n ?? 2, grouping: kind === 'N', digits: 1 };
  }
  m = /^(#,#*)?(0+)(?:\.(0+))?$/.exec(p);
  if (!m) return undefined;
  const zeros = m[2]!.length;
  const decimals = m[3]?.length ?? 0;
  const grouping = m[1] !== undefined;
  if (zeros > 1 && (decimals > 0 || grouping)) return undefined;
  return { decimals, grouping, digits: zeros };
}

const isText = (e: A.Expression | undefined): e is A.Literal => e?.kind === 'Literal' && (e.type === 'string' || e.type === 'nstring');

export function lowerFormat(ctx: LowerContext, args: readonly A.Expression[], call: A.FunctionCall): Expr {
  const [value, pattern, culture] = args;
  // Untranslated forms stay FORMAT(…): printed back on T-SQL targets, behind an MD3001 marker elsewhere.
  const keep = () => fn('SqlServerOnly', args.map((a) => lowerExpr(ctx, a)), { name: [{ name: 'FORMAT', quoted: false }] });
  if (!value || !isText(pattern)) return keep();
  const x = lowerExpr(ctx, value);
  let out: Expr;
  const date = netDatePattern(pattern.value);
  const num = date === undefined ? netNumberPattern(pattern.value) : undefined;
  if (date !== undefined) {
    out = fn('FormatDate', [x, lit(date), lit(pattern.value)]);
  } else if (num) {
    out = fn('FormatNumber', [x, lit(String(num.decimals), 'integer'), lit(num.grouping ? '1' : '0', 'integer'), lit(String(num.digits), 'integer'), lit(pattern.value)]);
    if (num.integersOnly && classOf(x) !== 'integer') {
      out = mark(ctx, 'MD3002', { name: `FORMAT(…, '${pattern.value}')`, target: 'the target', detail: 'D formats integers only; SQL Server returns NULL for a decimal or float value, this rounds it' }, call.span, out);
    }
  } else {
    return keep();
  }
  if (culture && !(isText(culture) && culture.value.toLowerCase() === 'en-us')) {
    const name = isText(culture) ? `'${culture.value}'` : 'a computed culture';
    return mark(ctx, 'MD3002', { name: 'FORMAT', target: 'the target', detail: `culture ${name} is formatted as en-US (names, separators and grouping may differ)` }, culture.span, out);
  }
  return out;
}

/** STR(x, length = 10, decimals = 0): length and decimals must be literals (the output shape depends on them). */
export function lowerStr(ctx: LowerContext, args: readonly A.Expression[]): Expr {
  const int = (e: A.Expression | undefined, dflt: number) => (e === undefined ? dflt : e.kind === 'Literal' && e.type === 'integer' ? Number(e.value) : undefined);
  const len = int(args[1], 10);
  const dec = int(args[2], 0);
  const x = lowerExpr(ctx, args[0]!);
  if (len === undefined || dec === undefined || len < 1) {
    return fn('SqlServerOnly', args.map((a) => lowerExpr(ctx, a)), { name: [{ name: 'STR', quoted: false }] });
  }
  // "decimal must be less than or equal to 16; if more, the result is truncated to 16 places".
  return fn('Str', [x, lit(String(len), 'integer'), lit(String(Math.min(dec, 16)), 'integer')]);
}
