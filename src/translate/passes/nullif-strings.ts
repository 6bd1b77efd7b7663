/**
 * NULLIF(a, b) is CASE WHEN a = b THEN NULL ELSE a END (https://learn.microsoft.com/en-us/sql/t-sql/language-elements/nullif-transact-sql),
 * and over strings that `=` is SQL Server's: NULLIF(Name, '') is NULL for '   ' too, and NULLIF('A', 'a')
 * under a case-insensitive collation. The targets' nullif() compares exactly, so over strings the
 * CASE is written out and the comparison gets the semantics of the passes after this one
 * (trailing-spaces, collation-ci). Numbers keep nullif().
 */
import { lit, type Expr } from '../ir.js';
import { isText } from '../infer.js';
import { mapStmt, type Pass } from './walk.js';

export const EXPR_KINDS: ReadonlySet<Expr['kind']> = new Set(['Fn']);

export const nullifStrings: Pass = (stmt, ctx) => {
  if (ctx.collation === 'cs' && ctx.trailingSpaces === 'keep') return stmt;
  return mapStmt(stmt, {
    exprKinds: EXPR_KINDS,
    expr(e): Expr {
      if (e.kind !== 'Fn' || e.fn !== 'NullIf' || e.args.length !== 2) return e;
      const [a, b] = e.args as [Expr, Expr];
      // The first argument decides: its type is the result's, and an untyped one may be a number ('' is 0 then).
      if (!isText(a) || (b.kind === 'Lit' && b.type !== 'string')) return e;
      const span = e.span ? { span: e.span } : {};
      return { kind: 'Case', whens: [{ when: { kind: 'Binary', op: '=', left: a, right: b, ...span }, then: lit('NULL', 'null') }], else: a, ...span };
    },
  });
};
