/**
 * `INSERT INTO t VALUES (…)` without a column list into a table with an IDENTITY column: SQL Server
 * fills every column but the identity one (and the computed ones), positionally; the targets would
 * put the first value into the identity column. The column list is made explicit, for tables created
 * earlier in the same script (PassContext.insertColumns).
 * https://learn.microsoft.com/en-us/sql/t-sql/statements/insert-transact-sql ("column_list")
 */
import type { Pass } from './walk.js';

export const insertColumns: Pass = (stmt, ctx) => {
  if (stmt.kind !== 'Insert' || stmt.columns || !ctx.insertColumns) return stmt;
  const columns = ctx.insertColumns.get(stmt.table.at(-1)?.name.toLowerCase() ?? '');
  return columns ? { ...stmt, columns } : stmt;
};
