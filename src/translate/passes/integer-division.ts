/**
 * `/` between two integer operands truncates in SQL Server (integer division). Lowering turns `/` into
 * DIV when both operands are integer literals or casts; operands whose type only the column-types pass
 * knows (two int columns, `Quantity / 2`) are turned into DIV here, so no target divides exactly.
 */
import { numericType } from '../infer.js';
import type { Expr } from '../ir.js';
import { mapStmt, type Pass } from './walk.js';

const INTEGER = new Set(['bit', 'tinyint', 'smallint', 'int', 'bigint']);
const EXPR_KINDS: ReadonlySet<Expr['kind']> = new Set(['Binary']);

export const integerDivision: Pass = (stmt) =>
  mapStmt(stmt, {
    exprKinds: EXPR_KINDS,
    expr(e) {
      if (e.kind !== 'Binary' || e.op !== '/') return e;
      const l = numericType(e.left);
      const r = numericType(e.right);
      return l !== undefined && r !== undefined && INTEGER.has(l) && INTEGER.has(r) ? { ...e, op: 'DIV' } : e;
    },
  });
