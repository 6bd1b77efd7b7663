/**
 * The node kinds present in a statement, found in one read-only walk. The pass runner uses them to
 * skip passes that cannot apply: a pass declares the kinds it rewrites (its `reads`), and a statement
 * holding none of them is returned as it is without walking it. INSERT scripts are thousands of
 * statements made of literals only, which most passes would otherwise walk for nothing.
 */
import type { Expr, QueryBody, Source, Stmt } from '../ir.js';
import { mapStmt, type Visitor } from './walk.js';

/** Statement, query body (only `Select` is recorded), source and expression kinds. */
export type NodeKind = Stmt['kind'] | QueryBody['kind'] | Source['kind'] | Expr['kind'];

/** Every kind found in `stmt`, including those inside nested queries and VALUES rows. */
export function nodeKinds(stmt: Stmt): Set<NodeKind> {
  const kinds = new Set<NodeKind>([stmt.kind]);
  // A visitor that returns every node unchanged: mapStmt then allocates nothing.
  const record: Visitor = {
    expr(e) {
      kinds.add(e.kind);
      return e;
    },
    select(s) {
      kinds.add(s.kind);
      return s;
    },
    source(s) {
      kinds.add(s.kind);
      return s;
    },
  };
  mapStmt(stmt, record);
  return kinds;
}
