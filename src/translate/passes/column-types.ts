/**
 * Column references get their declared type (`Col.type`) by scope resolution (scope.ts): tables
 * created earlier in the script and the caller's catalog (option `columns`), through aliases, joins,
 * derived tables, CTEs and correlated subqueries. Runs first, on names as written; the passes after
 * it (string-concat, collation-ci, real-arithmetic, isnull-to-coalesce …) read the types through
 * infer.ts. Unknown stays unknown.
 */
import { annotateStmt } from '../scope.js';
import type { Pass } from './walk.js';

export const columnTypes: Pass = (stmt, ctx) => annotateStmt(stmt, ctx.columns);
