/**
 * SQL Server reads 'yyyymmdd' strings as dates when compared with a date column; DuckDB does not.
 * A literal of that shape next to a value whose type is unknown or a date becomes 'yyyy-mm-dd',
 * which every target casts implicitly, with a warning because the column might be a string.
 */
import { diagnostic } from '../../diagnostics/index.js';
import { classOf } from '../infer.js';
import type { Expr, Lit } from '../ir.js';
import { mapStmt, type Pass, type PassContext } from './walk.js';

function isoOf(l: Expr): string | undefined {
  if (l.kind !== 'Lit' || l.type !== 'string' || !/^\d{8}$/.test(l.value)) return undefined;
  const [y, m, d] = [l.value.slice(0, 4), l.value.slice(4, 6), l.value.slice(6, 8)];
  const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(d)) return undefined;
  return `${y}-${m}-${d}`;
}

function rewrite(l: Expr, other: Expr, ctx: PassContext): Expr {
  const iso = isoOf(l);
  const c = classOf(other);
  if (!iso || c === 'string' || c === 'integer' || c === 'exact') return l;
  ctx.diagnostics.push(diagnostic('MD3005', { value: `'${(l as Lit).value}'`, iso }, l.span));
  return { ...(l as Lit), value: iso };
}

/** The expression kinds this pass rewrites (the walker skips the rest). */
export const EXPR_KINDS: ReadonlySet<Expr['kind']> = new Set(['Between', 'Binary']);

export const isoDateLiterals: Pass = (stmt, ctx) =>
  mapStmt(stmt, {
    exprKinds: EXPR_KINDS,
    expr(e) {
      if (e.kind === 'Between') return { ...e, low: rewrite(e.low, e.expr, ctx), high: rewrite(e.high, e.expr, ctx) };
      if (e.kind === 'Binary' && ['=', '<>', '<', '>', '<=', '>='].includes(e.op)) {
        return { ...e, left: rewrite(e.left, e.right, ctx), right: rewrite(e.right, e.left, ctx) };
      }
      return e;
    },
  });
