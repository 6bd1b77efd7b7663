/**
 * CROSS APPLY → CROSS JOIN LATERAL, OUTER APPLY → LEFT JOIN LATERAL … ON TRUE. The right side is
 * flagged `lateral`; a target without LATERAL (Fabric keeps APPLY) prints it back as APPLY.
 */
import type { Source } from '../ir.js';
import { mapStmt, type Pass } from './walk.js';

function lateral(s: Source): Source {
  if (s.kind === 'DerivedTable' || s.kind === 'TableFn') return { ...s, lateral: true };
  return s;
}

export const applyToLateral: Pass = (stmt) =>
  mapStmt(stmt, {
    source(s) {
      if (s.kind !== 'Join') return s;
      if (s.type === 'CROSS APPLY') return { ...s, type: 'CROSS', right: lateral(s.right) };
      if (s.type === 'OUTER APPLY') return { ...s, type: 'LEFT', right: lateral(s.right), on: { kind: 'Lit', type: 'bool', value: 'TRUE' } };
      return s;
    },
  });
