/**
 * Table references → caller-given text (option `relation`): the dbt generator turns `dbo.Orders` into
 * `{{ ref('stg_northwind__orders') }}` or `{{ source('northwind', 'Orders') }}`. Runs first, so the
 * resolver sees names as written (before map-schemas drops `dbo`).
 *
 * The printed relation is no longer named like the table, so a reference without an alias gets the
 * table's own name as alias (`FROM {{ ref('…') }} AS Orders`): `Orders.OrderID` still resolves. Column
 * references qualified by schema (`Sales.Orders.OrderID`) are shortened to that alias. DML targets
 * (UPDATE/DELETE/MERGE) keep their names: they are the model being built, not something it reads.
 * One-part names that are CTEs of the statement are never offered to the resolver.
 */
import type { Cte, Expr, Ident, Stmt } from '../ir.js';
import { mapStmt, relationName, type Pass } from './walk.js';

const EXPR_KINDS: ReadonlySet<Expr['kind']> = new Set(['Col', 'Star']);

const key = (parts: readonly Ident[]): string => parts.map((p) => p.name.toLowerCase()).join('.');

/** CTE names anywhere in the statement (a CTE shadows a table of the same name). */
function cteNames(stmt: Stmt): Set<string> {
  const names = new Set<string>();
  const add = (ctes: readonly Cte[] | undefined) => ctes?.forEach((c) => names.add(c.name.name.toLowerCase()));
  if ('with' in stmt && stmt.with) add(stmt.with.ctes);
  mapStmt(stmt, {
    query(q) {
      add(q.with?.ctes);
      return q;
    },
  });
  return names;
}

export const relations: Pass = (stmt, ctx) => {
  const resolve = ctx.relation;
  if (!resolve || stmt.kind === 'CreateTable' || stmt.kind === 'Truncate' || stmt.kind === 'Unsupported') return stmt;
  const ctes = cteNames(stmt);
  // Multi-part table names replaced without an alias: their column qualifiers are shortened below.
  const qualified = new Map<string, Ident>();
  const target = stmt.kind === 'Update' || stmt.kind === 'Delete' || stmt.kind === 'Merge' ? stmt.target : undefined;
  let out = mapStmt(stmt, {
    source(s) {
      if (s.kind !== 'TableRef' || s.relation !== undefined || s === target) return s;
      if (s.name.length === 1 && ctes.has(s.name[0]!.name.toLowerCase())) return s;
      const text = resolve(relationName(s.name));
      if (text === undefined) return s;
      if (s.alias) return { ...s, relation: text };
      const alias = s.name[s.name.length - 1]!;
      if (s.name.length > 1) qualified.set(key(s.name), alias);
      return { ...s, relation: text, alias };
    },
  });
  if (qualified.size) {
    out = mapStmt(out, {
      exprKinds: EXPR_KINDS,
      expr(e) {
        if (e.kind === 'Col' && e.parts.length >= 3) {
          const alias = qualified.get(key(e.parts.slice(0, -1)));
          return alias ? { ...e, parts: [alias, e.parts[e.parts.length - 1]!] } : e;
        }
        if (e.kind === 'Star' && e.qualifier && e.qualifier.length >= 2) {
          const alias = qualified.get(key(e.qualifier));
          return alias ? { ...e, qualifier: [alias] } : e;
        }
        return e;
      },
    });
  }
  // The written table of UPDATE/DELETE/MERGE (skipped above) is what the model replaces, never a ref() to itself.
  return out;
};
