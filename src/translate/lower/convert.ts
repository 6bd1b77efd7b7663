/**
 * CONVERT / TRY_CONVERT. Without a style it is a cast. With a date style code it formats a date as
 * text (or parses text as a date) with a neutral pattern that each dialect turns into its own
 * formatting language. Styles: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql#date-and-time-styles
 */
import type * as A from '../../tsql/ast/index.js';
import { classOf } from '../infer.js';
import { fn, lit, type Expr } from '../ir.js';
import { typeClass } from '../types.js';
import { mark, type LowerContext } from './context.js';
import { lowerExpr, lowerType } from './expressions.js';

/** Neutral patterns: yyyy yy MM dd HH mi ss fff Mon Month (full English name, from FORMAT); any other character is literal. */
export const DATE_STYLES: Readonly<Record<number, string>> = {
  1: 'MM/dd/yy', 101: 'MM/dd/yyyy',
  2: 'yy.MM.dd', 102: 'yyyy.MM.dd',
  3: 'dd/MM/yy', 103: 'dd/MM/yyyy',
  4: 'dd.MM.yy', 104: 'dd.MM.yyyy',
  5: 'dd-MM-yy', 105: 'dd-MM-yyyy',
  6: 'dd Mon yy', 106: 'dd Mon yyyy',
  7: 'Mon dd, yy', 107: 'Mon dd, yyyy',
  8: 'HH:mi:ss', 108: 'HH:mi:ss', 24: 'HH:mi:ss',
  10: 'MM-dd-yy', 110: 'MM-dd-yyyy',
  11: 'yy/MM/dd', 111: 'yyyy/MM/dd',
  12: 'yyMMdd', 112: 'yyyyMMdd',
  20: 'yyyy-MM-dd HH:mi:ss', 120: 'yyyy-MM-dd HH:mi:ss',
  21: 'yyyy-MM-dd HH:mi:ss.fff', 121: 'yyyy-MM-dd HH:mi:ss.fff', 25: 'yyyy-MM-dd HH:mi:ss.fff',
  23: 'yyyy-MM-dd',
  126: 'yyyy-MM-ddTHH:mi:ss.fff',
};

export const PATTERN_TOKENS = /yyyy|yy|MM|dd|HH|mi|ss|fff|Month|Mon|[^]/g;

/** Characters the pattern produces, to apply CONVERT(varchar(n), …)'s truncation. */
export function patternLength(p: string): number {
  return (p.match(PATTERN_TOKENS) ?? []).reduce((n, tok) => n + (tok === 'yyyy' ? 4 : tok === 'fff' || tok === 'Mon' ? 3 : tok.length === 2 && /\w\w/.test(tok) ? 2 : 1), 0);
}

export function lowerConvert(ctx: LowerContext, e: A.Convert): Expr {
  const type = lowerType(ctx, e.type);
  const value = lowerExpr(ctx, e.expr);
  const safe = e.fn === 'TRY_CONVERT';
  const cast: Expr = { kind: 'Cast', expr: value, type, safe, span: e.span };
  if (!e.style) return cast;
  const styleNo = e.style.kind === 'Literal' && e.style.type === 'integer' ? Number(e.style.value) : undefined;
  const to = typeClass(type);
  const from = classOf(value);
  // Style 0/100 is the default and number styles only matter for money/float text: a cast is exact enough.
  if (styleNo === 0 || (styleNo !== undefined && styleNo < 3 && (from === 'exact' || from === 'approx' || from === 'integer'))) return cast;
  const pattern = styleNo !== undefined ? DATE_STYLES[styleNo] : undefined;
  if (!pattern) {
    return mark(ctx, 'MD3009', { style: styleNo ?? 'expression', type: e.type.name.parts.at(-1)?.name ?? '' }, e.style.span, cast,
      'Use an explicit format function on the target, or pick a style listed in the translator README.');
  }
  if (to === 'string' && from !== 'string') {
    const formatted = fn('FormatDate', [value, lit(pattern)], { span: e.span });
    const len = type.args[0];
    // CONVERT(varchar(10), d, 120) keeps the first 10 characters: a common way to get 'yyyy-mm-dd'.
    return typeof len === 'number' && len < patternLength(pattern) ? fn('Left', [formatted, lit(String(len), 'integer')], { span: e.span }) : formatted;
  }
  if ((to === 'date' || to === 'datetime') && from !== 'date' && from !== 'datetime') {
    if (/(^|[^y])yy([^y]|$)/.test(pattern)) {
      return mark(ctx, 'MD3009', { style: styleNo!, type: 'two-digit years' }, e.style.span, cast, 'Use the four-digit-year style (style + 100).');
    }
    const parsed = fn('ParseDate', [value, lit(pattern)], { span: e.span });
    return { kind: 'Cast', expr: parsed, type, safe, span: e.span };
  }
  return cast;
}
