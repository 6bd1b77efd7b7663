/**
 * ISNULL(a, b) → COALESCE(a, b). ISNULL's result has the type of `a` (so the replacement is cast
 * and may be truncated); when that type is known the replacement gets an explicit cast.
 */
import { typeOf } from '../infer.js';
import { fn, type Expr } from '../ir.js';
import { mapStmt, type Pass } from './walk.js';

/** The expression kinds this pass rewrites (the walker skips the rest). */
const EXPR_KINDS: ReadonlySet<Expr['kind']> = new Set(['Fn']);

export const isnullToCoalesce: Pass = (stmt) =>
  mapStmt(stmt, {
    exprKinds: EXPR_KINDS,
    expr(e) {
      if (e.kind !== 'Fn' || e.fn !== 'IsNull') return e;
      const [a, b] = e.args as [Expr, Expr];
      const type = typeOf(a);
      const replacement: Expr = type && !(b.kind === 'Cast' && b.type === type) ? { kind: 'Cast', expr: b, type, safe: false } : b;
      return fn('Coalesce', [a, replacement], e.span ? { span: e.span } : {});
    },
  });
