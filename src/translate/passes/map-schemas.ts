/**
 * Two- and three-part names: SQL Server resolves an unqualified name in `dbo`, the targets in their
 * default schema, so `dbo.T` and `T` must print alike. The schema map (default `{ dbo: null }`)
 * renames schemas or drops them (null); database parts of three-part names are dropped with them.
 */
import type { Ident } from '../ir.js';
import type { Expr } from '../ir.js';
import { mapStmt, type Pass, type PassContext } from './walk.js';

/** A table name under the schema map (also used for routine names, procedural/). */
export function mapName(parts: readonly Ident[], ctx: PassContext, objectParts = 1): readonly Ident[] {
  const map = ctx.schemas ?? { dbo: null };
  if (parts.length <= objectParts) return parts;
  const schema = parts[parts.length - objectParts - 1]!;
  const key = Object.keys(map).find((k) => k.toLowerCase() === schema.name.toLowerCase());
  if (key === undefined) return parts;
  const to = map[key];
  const object = parts.slice(parts.length - objectParts);
  return to === null || to === undefined ? object : [{ name: to, quoted: false }, ...object];
}

/** The expression kinds this pass rewrites (the walker skips the rest). */
const EXPR_KINDS: ReadonlySet<Expr['kind']> = new Set(['Col', 'Star', 'Fn']);

export const mapSchemas: Pass = (stmt, ctx) => {
  const renamed = mapStmt(stmt, {
    exprKinds: EXPR_KINDS,
    select(s) {
      const into = s.into && mapName(s.into, ctx);
      return into === s.into ? s : { ...s, into };
    },
    source(s) {
      if (s.kind !== 'TableRef') return s;
      const name = mapName(s.name, ctx);
      return name === s.name ? s : { ...s, name };
    },
    expr(e) {
      // dbo.T.col and dbo.T.* name the table with its schema.
      if (e.kind === 'Col' && e.parts.length >= 3) {
        const parts = mapName(e.parts, ctx, 2);
        return parts === e.parts ? e : { ...e, parts };
      }
      // dbo.fn(x): the function is created under the same map (procedural/ names routines with mapName).
      if (e.kind === 'Fn' && e.fn === 'User' && e.name && e.name.length >= 2) {
        const name = mapName(e.name, ctx);
        return name === e.name ? e : { ...e, name, written: e.written ?? e.name };
      }
      if (e.kind === 'Star' && e.qualifier && e.qualifier.length >= 2) {
        const qualifier = mapName(e.qualifier, ctx);
        return qualifier === e.qualifier ? e : { ...e, qualifier };
      }
      return e;
    },
  });
  switch (renamed.kind) {
    case 'CreateTable': case 'CreateView': {
      const name = mapName(renamed.name, ctx);
      return name === renamed.name ? renamed : { ...renamed, name };
    }
    case 'Insert': case 'Truncate': {
      const table = mapName(renamed.table, ctx);
      return table === renamed.table ? renamed : { ...renamed, table };
    }
    default: return renamed;
  }
};
