/**
 * `--collation ci` (SQL Server's default collations are case-insensitive): string comparisons
 * fold both sides with Lower and LIKE becomes case-insensitive. Only comparisons where one side is
 * known to be a string are rewritten; column-to-column comparisons (joins) are folded when a column's
 * type is known (column-types pass: the script's CREATE TABLEs or the caller's catalog), else left alone. Grouping
 * (GROUP BY, DISTINCT, PARTITION BY) is ci-grouping.ts. Accent sensitivity and trailing-space padding are not emulated here (see MD3007's doc).
 */
import { diagnostic } from '../../diagnostics/index.js';
import { classOf, comparedAsText } from '../infer.js';
import { fn, type Expr } from '../ir.js';
import { mapStmt, type Pass } from './walk.js';

const COMPARISONS = new Set(['=', '<>', '<', '>', '<=', '>=']);

/** A literal without letters compares the same in any case; folding it would only add noise. */
function caseless(e: Expr): boolean {
  return e.kind === 'Lit' && !/[a-zA-Z\u00C0-\uFFFF]/.test(e.value);
}

function fold(e: Expr): Expr {
  if (e.kind === 'Lit' && e.type === 'string') return { ...e, value: e.value.toLowerCase() };
  return fn('Lower', [e]);
}

/** The expression kinds this pass rewrites (the walker skips the rest). */
export const EXPR_KINDS: ReadonlySet<Expr['kind']> = new Set(['Like', 'Binary', 'Between', 'Fn', 'InList', 'Case']);

export const collationCi: Pass = (stmt, ctx) => {
  if (ctx.collation !== 'ci') return stmt;
  return mapStmt(stmt, {
    exprKinds: EXPR_KINDS,
    expr(e) {
      if (e.kind === 'Like') {
        return e.caseInsensitive ? e : { ...e, caseInsensitive: true };
      }
      if (e.kind === 'Binary' && COMPARISONS.has(e.op)) {
        if (!comparedAsText([e.left, e.right]) || caseless(e.left) || caseless(e.right)) return e;
        ctx.diagnostics.push(diagnostic('MD3007', { construct: 'comparison', how: 'lower() on both sides' }, e.span));
        return { ...e, left: fold(e.left), right: fold(e.right) };
      }
      if (e.kind === 'Between' && comparedAsText([e.expr, e.low, e.high]) && ![e.low, e.high].every(caseless)) {
        ctx.diagnostics.push(diagnostic('MD3007', { construct: 'BETWEEN', how: 'lower() on every operand' }, e.span));
        return { ...e, expr: fold(e.expr), low: fold(e.low), high: fold(e.high) };
      }
      // CASE s WHEN 'a' …: each WHEN compares with the operand.
      if (e.kind === 'Case' && e.operand && comparedAsText([e.operand, ...e.whens.map((w) => w.when)]) && !e.whens.every((w) => caseless(w.when))) {
        ctx.diagnostics.push(diagnostic('MD3007', { construct: 'CASE … WHEN comparison', how: 'lower() on the operand and every WHEN' }, e.span));
        return { ...e, operand: fold(e.operand), whens: e.whens.map((w) => ({ ...w, when: fold(w.when) })) };
      }
      // CHARINDEX, PATINDEX and REPLACE follow the collation too.
      if (e.kind === 'Fn' && (e.fn === 'StrPosition' || e.fn === 'RegexpPosition') && e.args.length >= 2) {
        const [h, n, ...rest] = e.args as [Expr, Expr, ...Expr[]];
        if (caseless(n)) return e;
        return { ...e, args: [fold(h), fold(n), ...rest] };
      }
      if (e.kind === 'Fn' && e.fn === 'Replace' && e.args.length === 3) {
        const [s, from, to] = e.args as [Expr, Expr, Expr];
        if (from.kind !== 'Lit' || from.type !== 'string' || caseless(from)) return e;
        ctx.diagnostics.push(diagnostic('MD3007', { construct: 'REPLACE', how: 'a case-insensitive regular expression' }, e.span));
        const pattern = from.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const replacement = to.kind === 'Lit' && to.type === 'string' ? { ...to, value: to.value.replace(/\\/g, '\\\\') } : to;
        return { ...e, fn: 'ReplaceCi', args: [s, { ...from, value: pattern }, replacement] };
      }
      if (e.kind === 'InList' && e.list.every((x) => classOf(x) === 'string') && comparedAsText([e.expr, ...e.list]) && e.list.some((x) => !caseless(x))) {
        ctx.diagnostics.push(diagnostic('MD3007', { construct: 'IN list', how: 'lower() on both sides' }, e.span));
        return { ...e, expr: fold(e.expr), list: e.list.map(fold) };
      }
      return e;
    },
  });
};
