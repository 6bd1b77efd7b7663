/** Table hints (NOLOCK, INDEX(…), …) steer SQL Server's locking and plans; targets have no use for them. */
import { diagnostic } from '../../diagnostics/index.js';
import { mapStmt, type Pass } from './walk.js';

export const dropTableHints: Pass = (stmt, ctx) =>
  mapStmt(stmt, {
    source(s) {
      if (s.kind !== 'TableRef' || !s.hints?.length) return s;
      for (const h of s.hints) ctx.diagnostics.push(diagnostic('MD3003', { hint: h.name }, h.span ?? s.span));
      const { hints: _dropped, ...rest } = s;
      return rest;
    },
  });
