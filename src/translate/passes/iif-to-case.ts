/** IIF(c, a, b) → CASE WHEN c THEN a ELSE b END; CHOOSE(i, a, b, …) → CASE i WHEN 1 THEN a … END (NULL when out of range, as in T-SQL). */
import { lit, type Expr } from '../ir.js';
import { mapStmt, type Pass } from './walk.js';

/** The expression kinds this pass rewrites (the walker skips the rest). */
export const EXPR_KINDS: ReadonlySet<Expr['kind']> = new Set(['Fn']);

export const iifToCase: Pass = (stmt) =>
  mapStmt(stmt, {
    exprKinds: EXPR_KINDS,
    expr(e): Expr {
      if (e.kind !== 'Fn') return e;
      const span = e.span ? { span: e.span } : {};
      if (e.fn === 'Iif') {
        const [c, a, b] = e.args as [Expr, Expr, Expr];
        return { kind: 'Case', whens: [{ when: c, then: a }], else: b, ...span };
      }
      if (e.fn === 'Choose') {
        const [i, ...values] = e.args as [Expr, ...Expr[]];
        return { kind: 'Case', operand: i, whens: values.map((v, n) => ({ when: lit(String(n + 1), 'integer'), then: v })), ...span };
      }
      return e;
    },
  });
