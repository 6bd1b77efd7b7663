/**
 * T-SQL `+` concatenates when either operand is a string and the other is a string too (or of
 * unknown type), and yields NULL if either is NULL (CONCAT_NULL_YIELDS_NULL is always ON in current
 * versions). Such `+` become a null-propagating Concat (`||` on most targets). A string next to a
 * value known to be a number or date is converted to that type (data type precedence: `'1' + 1` is
 * 2): it stays an addition, with the string cast when the other side's type is known exactly. When
 * neither side's type is known, numeric addition is assumed and a warning says so.
 */
import { diagnostic } from '../../diagnostics/index.js';
import { classOf, outranksString, typeOf } from '../infer.js';
import type { Expr } from '../ir.js';
import { mapStmt, type Pass } from './walk.js';

function unknownOperand(e: Expr): boolean {
  return classOf(e) === undefined && !(e.kind === 'Lit' && e.type === 'null');
}

/** The expression kinds this pass rewrites (the walker skips the rest). */
export const EXPR_KINDS: ReadonlySet<Expr['kind']> = new Set(['Binary']);

export const stringConcat: Pass = (stmt, ctx) =>
  mapStmt(stmt, {
    exprKinds: EXPR_KINDS,
    expr(e) {
      if (e.kind !== 'Binary' || e.op !== '+') return e;
      const l = classOf(e.left);
      const r = classOf(e.right);
      if ((l === 'string' && outranksString(r)) || (r === 'string' && outranksString(l))) {
        const other = typeOf(l === 'string' ? e.right : e.left);
        if (!other) return e;
        const cast = (x: Expr): Expr => ({ kind: 'Cast', expr: x, type: other, safe: false, ...(x.span ? { span: x.span } : {}) });
        return l === 'string' ? { ...e, left: cast(e.left) } : { ...e, right: cast(e.right) };
      }
      if (l === 'string' || r === 'string') {
        // Flatten a + b + c into one Concat so the output reads a || b || c.
        const parts = [e.left, e.right].flatMap((x) => (x.kind === 'Concat' && x.nullPropagating ? x.args : [x]));
        return { kind: 'Concat', args: parts, nullPropagating: true, ...(e.span ? { span: e.span } : {}) };
      }
      if (unknownOperand(e.left) && unknownOperand(e.right) && (e.left.kind === 'Col' || e.right.kind === 'Col' || e.left.kind === 'Param')) {
        ctx.diagnostics.push(diagnostic('MD3006', {}, e.span, 'CAST one operand, or give the catalog so column types are known.'));
      }
      return e;
    },
  });
