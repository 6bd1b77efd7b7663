/**
 * Integer arithmetic that truncates in SQL Server:
 * - `/` between two integer operands (integer division). Lowering turns `/` into DIV when both
 *   operands are integer literals or casts; operands whose type only the column-types pass knows (two
 *   int columns, `Quantity / 2`) are turned into DIV here, so no target divides exactly.
 * - AVG over an integer expression returns an integer, truncated toward zero (AVG of 1 and 2 is 1;
 *   https://learn.microsoft.com/en-us/sql/t-sql/functions/avg-transact-sql, "Return types"), where
 *   every target returns the exact mean: the mean is truncated and cast back (int, or bigint for bigint).
 */
import { numericType } from '../infer.js';
import { fn, lit, type Expr } from '../ir.js';
import { mapStmt, type Pass } from './walk.js';

const INTEGER = new Set(['bit', 'tinyint', 'smallint', 'int', 'bigint']);
export const EXPR_KINDS: ReadonlySet<Expr['kind']> = new Set(['Binary', 'Fn']);

export const integerDivision: Pass = (stmt) =>
  mapStmt(stmt, {
    exprKinds: EXPR_KINDS,
    expr(e) {
      if (e.kind === 'Fn' && e.fn === 'Avg' && e.args.length === 1) {
        const t = numericType(e.args[0]!);
        // bit is not a valid AVG argument in SQL Server; the others average to their own type (int at least).
        if (t === undefined || t === 'bit' || !INTEGER.has(t)) return e;
        return { kind: 'Cast', expr: fn('TruncateNum', [e, lit('0', 'integer')]), type: { name: t === 'bigint' ? 'bigint' : 'int', args: [] }, safe: false };
      }
      if (e.kind !== 'Binary' || e.op !== '/') return e;
      const l = numericType(e.left);
      const r = numericType(e.right);
      return l !== undefined && r !== undefined && INTEGER.has(l) && INTEGER.has(r) ? { ...e, op: 'DIV' } : e;
    },
  });
