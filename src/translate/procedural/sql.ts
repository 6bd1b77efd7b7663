/**
 * The statement translation inside a routine: the same lowering and passes as `transpile`, with the
 * routine's variables in the lowering context, printed by the script's generator.
 */
import type * as A from '../../tsql/ast/index.js';
import type { Generator } from '../generate/generator.js';
import type { Expr, Stmt } from '../ir.js';
import { typeClass, type SqlType } from '../types.js';
import type { LowerContext } from '../lower/context.js';
import { lowerExpr } from '../lower/expressions.js';
import { lowerStatement } from '../lower/statements.js';
import { runPasses, type PassContext } from '../passes/index.js';

export type RoutineContext = PassContext & LowerContext;

export class RoutineSql {
  constructor(readonly ctx: RoutineContext, readonly gen: Generator) {}

  statement(s: A.Statement): Stmt {
    return runPasses(lowerStatement(this.ctx, s), this.ctx);
  }

  /**
   * An expression with every pass applied: rewritten as the only column of a FROM-less SELECT, then taken
   * out again. `assignedTo`: the type of the variable it is assigned to, for a string literal that SQL
   * Server converts to a date or time on assignment: the conversion is spelled out (a CAST), so the
   * literal is read as one (passes/iso-date-literals.ts) instead of being left to the target's parser.
   */
  exprNode(e: A.Expression, assignedTo?: SqlType): Expr {
    let x = lowerExpr(this.ctx, e);
    if (assignedTo && x.kind === 'Lit' && x.type === 'string' && ['date', 'datetime', 'time'].includes(typeClass(assignedTo))) {
      x = { kind: 'Cast', expr: x, type: assignedTo, safe: false, ...(x.span ? { span: x.span } : {}) };
    }
    let n: Stmt = { kind: 'QueryStmt', query: { kind: 'Query', body: { kind: 'Select', distinct: false, columns: [{ expr: x }], from: [] } } };
    n = runPasses(n, this.ctx);
    if (n.kind !== 'QueryStmt' || n.query.body.kind !== 'Select') throw new Error('expression wrapper changed shape');
    return n.query.body.columns[0]!.expr;
  }

  expr(e: A.Expression, assignedTo?: SqlType): string {
    return this.gen.expr(this.exprNode(e, assignedTo));
  }
}
