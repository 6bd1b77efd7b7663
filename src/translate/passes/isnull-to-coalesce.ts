/**
 * ISNULL(a, b) → COALESCE(a, b). ISNULL's result has the type of `a` (so the replacement is cast
 * and may be truncated); when that type is known the replacement gets an explicit cast, unless it
 * is already of that type or a literal the type holds as it is (a short string for a varchar, a small
 * integer for a number), where the cast could not change the value.
 */
import { typeOf } from '../infer.js';
import { fn, type Expr } from '../ir.js';
import { typeClass, type SqlType } from '../types.js';
import { mapStmt, type Pass } from './walk.js';

/** The expression kinds this pass rewrites (the walker skips the rest). */
export const EXPR_KINDS: ReadonlySet<Expr['kind']> = new Set(['Fn']);

const INT_RANGE: Partial<Record<SqlType['name'], readonly [number, number]>> = {
  tinyint: [0, 255], smallint: [-32768, 32767], int: [-2147483648, 2147483647], bigint: [-(2 ** 53), 2 ** 53],
};

function sameType(a: SqlType, b: SqlType): boolean {
  return a === b || (a.name === b.name && a.args.length === b.args.length && a.args.every((x, i) => x === b.args[i]));
}

/** `b` converted to `type` is `b` itself: no cast needed. */
function fits(b: Expr, type: SqlType): boolean {
  if (b.kind === 'Cast') return sameType(b.type, type);
  const neg = b.kind === 'Unary' && b.op === '-' && b.operand.kind === 'Lit' && b.operand.type === 'integer';
  const lit = neg ? (b.operand as Expr) : b;
  if (lit.kind !== 'Lit') return false;
  if (lit.type === 'string' && (type.name === 'varchar' || type.name === 'nvarchar')) {
    const n = type.args[0];
    return n === 'max' || (typeof n === 'number' && [...lit.value].length <= n) || (n === undefined && lit.value.length <= 1);
  }
  if (lit.type === 'integer' && INT_RANGE[type.name]) {
    const v = Number(lit.value) * (neg ? -1 : 1);
    const range = INT_RANGE[type.name]!;
    return v >= range[0] && v <= range[1];
  }
  // A number in a decimal/money column: the same number when its digits fit (the scale only adds zeros).
  if ((lit.type === 'integer' || lit.type === 'decimal') && typeClass(type) === 'exact' && /^\d*\.?\d*$/.test(lit.value)) {
    const [p, s] = type.name === 'decimal' ? [Number(type.args[0] ?? 18), Number(type.args[1] ?? 0)] : [type.name === 'money' ? 15 : 6, 4];
    const [whole = '', frac = ''] = lit.value.split('.');
    return whole.replace(/^0+/, '').length <= p - s && frac.replace(/0+$/, '').length <= s;
  }
  return false;
}

export const isnullToCoalesce: Pass = (stmt) =>
  mapStmt(stmt, {
    exprKinds: EXPR_KINDS,
    expr(e) {
      if (e.kind !== 'Fn' || e.fn !== 'IsNull') return e;
      const [a, b] = e.args as [Expr, Expr];
      const type = typeOf(a);
      const replacement: Expr = type && !fits(b, type) ? { kind: 'Cast', expr: b, type, safe: false } : b;
      return fn('Coalesce', [a, replacement], e.span ? { span: e.span } : {});
    },
  });
