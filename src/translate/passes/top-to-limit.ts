/**
 * `SELECT TOP (n) [PERCENT] [WITH TIES] …` → the query's `limit`. The generator prints LIMIT,
 * FETCH … WITH TIES or a QUALIFY/percent emulation according to the target's flags.
 */
import type { Query } from '../ir.js';
import { mapStmt, type Pass } from './walk.js';

export const topToLimit: Pass = (stmt) =>
  mapStmt(stmt, {
    query(q): Query {
      if (q.body.kind !== 'Select' || !q.body.top || q.limit) return q;
      const { top, ...select } = q.body;
      return { ...q, body: select, limit: top };
    },
  });
