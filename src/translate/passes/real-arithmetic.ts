/**
 * `real` (float4) arithmetic as SQL Server does it. By data type precedence real outranks decimal,
 * money and the integers, so `money * real` converts the money to real and multiplies in single
 * precision; PostgreSQL instead promotes numeric × real and int × real to double precision (DuckDB
 * keeps FLOAT), and a later rounding to money then differs by a cent. With both operand types known
 * (column-types pass), the non-real operand is cast to real, so every target computes in float4:
 *
 * - `+ - * /` and comparisons (incl. BETWEEN) between a real and an exact or integer operand: that
 *   operand becomes CAST(… AS real) (small integer literals in comparisons are exact either way);
 * - CAST(real AS decimal/money): through float first — PostgreSQL's float4 → numeric keeps only 6
 *   significant digits, SQL Server converts the binary value (float4 → float8 is exact);
 * - SUM(real): summed as float, which is SQL Server's result type (PostgreSQL's sum(real) is real,
 *   accumulated in single precision).
 */
import { numericType } from '../infer.js';
import type { Expr } from '../ir.js';
import { t, type SqlType } from '../types.js';
import { mapStmt, type Pass } from './walk.js';

const EXACT = new Set(['bit', 'tinyint', 'smallint', 'int', 'bigint', 'smallmoney', 'money', 'decimal']);
const ARITHMETIC = new Set(['+', '-', '*', '/']);
const COMPARISON = new Set(['=', '<>', '<', '>', '<=', '>=']);
const REAL: SqlType = t('real');
const FLOAT: SqlType = t('float');

const cast = (e: Expr, type: SqlType): Expr => ({ kind: 'Cast', expr: e, type, safe: false, ...(e.span ? { span: e.span } : {}) });

/** An integer literal that float4 holds exactly: comparing it needs no cast. */
const exactInReal = (e: Expr): boolean => e.kind === 'Lit' && e.type === 'integer' && Math.abs(Number(e.value)) < 2 ** 24;

/** `e` as a real operand next to a real: cast when it is an exact or integer type. */
function asReal(e: Expr, comparison: boolean): Expr {
  const n = numericType(e);
  if (n === undefined || !EXACT.has(n) || (comparison && exactInReal(e))) return e;
  return cast(e, REAL);
}

export const EXPR_KINDS: ReadonlySet<Expr['kind']> = new Set(['Binary', 'Between', 'Cast', 'Fn']);

export const realArithmetic: Pass = (stmt) =>
  mapStmt(stmt, {
    exprKinds: EXPR_KINDS,
    expr(e) {
      if (e.kind === 'Binary' && (ARITHMETIC.has(e.op) || COMPARISON.has(e.op))) {
        const l = numericType(e.left);
        const r = numericType(e.right);
        const comparison = COMPARISON.has(e.op);
        if (l === 'real' && r !== 'real' && r !== undefined) {
          const right = asReal(e.right, comparison);
          return right === e.right ? e : { ...e, right };
        }
        if (r === 'real' && l !== 'real' && l !== undefined) {
          const left = asReal(e.left, comparison);
          return left === e.left ? e : { ...e, left };
        }
        return e;
      }
      if (e.kind === 'Between' && numericType(e.expr) === 'real') {
        const low = asReal(e.low, true);
        const high = asReal(e.high, true);
        return low === e.low && high === e.high ? e : { ...e, low, high };
      }
      if (e.kind === 'Cast' && ['decimal', 'money', 'smallmoney'].includes(e.type.name) && numericType(e.expr) === 'real') {
        return { ...e, expr: cast(e.expr, FLOAT) };
      }
      if (e.kind === 'Fn' && e.fn === 'Sum' && e.args.length === 1 && numericType(e.args[0]!) === 'real') {
        return { ...e, args: [cast(e.args[0]!, FLOAT)] };
      }
      return e;
    },
  });
