/**
 * Decimal division as SQL Server computes it: the quotient has the precision and scale that the
 * operand types give (decimal.ts) and is truncated to that scale, toward zero. `2.0 / 3` is
 * 0.666666 there; DuckDB divides decimals in DOUBLE (0.6666666666666666) and PostgreSQL rounds to
 * at least 16 digits (0.66666666666666666667). With both operand types known (literals, casts,
 * columns resolved by the column-types pass), the division becomes
 * CAST(DivideDecimal(x, y, xScale, yScale, scale) AS decimal(p, s)), which each target computes
 * exactly (dialect templates).
 *
 * AVG over a decimal is, by definition, SUM(x) (decimal(38, s)) divided by COUNT(x) (decimal(10, 0))
 * (https://learn.microsoft.com/en-us/sql/t-sql/functions/avg-transact-sql, "Return types"), and gets
 * the same treatment; DISTINCT and OVER carry over to both aggregates.
 */
import { exactNumericType } from '../decimal.js';
import { numericType } from '../infer.js';
import { fn, lit, type Expr, type Fn } from '../ir.js';
import { mapStmt, type Pass } from './walk.js';

export const EXPR_KINDS: ReadonlySet<Expr['kind']> = new Set(['Binary', 'Fn']);

/** x / y as SQL Server's decimal division, or undefined when a type is unknown or the result is not a decimal. */
function exactQuotient(x: Expr, y: Expr, type: Expr): Expr | undefined {
  if (numericType(type) !== 'decimal') return undefined;
  const xt = exactNumericType(x);
  const yt = exactNumericType(y);
  const result = exactNumericType(type);
  if (!xt || !yt || !result) return undefined;
  const n = (v: number) => lit(String(v), 'integer');
  const span = type.span ? { span: type.span } : {};
  return {
    kind: 'Cast',
    expr: fn('DivideDecimal', [x, y, n(xt.scale), n(yt.scale), n(result.scale)], span),
    type: { name: 'decimal', args: [result.precision, result.scale] },
    safe: false,
    ...span,
  };
}

/** SUM(x) and COUNT(x) with the AVG's DISTINCT and OVER. */
function avgParts(avg: Fn): [Fn, Fn] {
  const extra: Partial<Fn> = { ...(avg.distinct ? { distinct: true } : {}), ...(avg.over ? { over: avg.over } : {}) };
  return [fn('Sum', avg.args, extra), fn('Count', avg.args, extra)];
}

export const decimalDivision: Pass = (stmt) =>
  mapStmt(stmt, {
    exprKinds: EXPR_KINDS,
    expr(e) {
      if (e.kind === 'Binary' && e.op === '/') return exactQuotient(e.left, e.right, e) ?? e;
      if (e.kind === 'Fn' && e.fn === 'Avg' && e.args.length === 1 && !e.withinGroup) {
        const [sum, count] = avgParts(e);
        return exactQuotient(sum, count, e) ?? e;
      }
      return e;
    },
  });
