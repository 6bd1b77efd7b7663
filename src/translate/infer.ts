/**
 * Best-effort type inference over the neutral tree. Without a catalog, column types are unknown
 * (undefined); callers must treat undefined as "don't know", never as "not a string".
 */
import { FUNCTIONS } from './functions.js';
import type { Expr } from './ir.js';
import { typeClass, type SqlType, type TypeClass } from './types.js';

export function classOf(e: Expr): TypeClass | undefined {
  switch (e.kind) {
    case 'Lit':
      switch (e.type) {
        case 'string': return 'string';
        case 'integer': return 'integer';
        case 'decimal': return 'exact';
        case 'float': return 'approx';
        case 'binary': return 'binary';
        case 'bool': return 'bool';
        case 'null': return undefined;
      }
      return undefined;
    case 'Concat': return 'string';
    case 'Cast': return typeClass(e.type);
    case 'Paren': case 'Marked': return classOf(e.expr);
    case 'Unary': return e.op === 'NOT' ? 'bool' : classOf(e.operand);
    case 'Binary': {
      if (e.op === 'DIV' || e.op === '%') return 'integer';
      if (['=', '<>', '<', '>', '<=', '>=', 'AND', 'OR'].includes(e.op)) return 'bool';
      const l = classOf(e.left);
      const r = classOf(e.right);
      if (e.op === '+' && (l === 'string' || r === 'string')) return 'string';
      if (l === r) return l;
      if (l === undefined || r === undefined) return undefined;
      // Precedence of SQL Server types: approx > exact > integer.
      const rank: Partial<Record<TypeClass, number>> = { integer: 1, exact: 2, approx: 3 };
      return (rank[l] ?? 0) >= (rank[r] ?? 0) ? l : r;
    }
    case 'Case': {
      for (const w of e.whens) {
        const c = classOf(w.then);
        if (c) return c;
      }
      return e.else ? classOf(e.else) : undefined;
    }
    case 'Fn': {
      const info = FUNCTIONS[e.fn];
      if (info.returns === 'arg0') return e.args[0] ? classOf(e.args[0]) : undefined;
      if (e.fn === 'Iif') return e.args[1] ? classOf(e.args[1]) ?? (e.args[2] ? classOf(e.args[2]) : undefined) : undefined;
      if (e.fn === 'Choose') {
        for (const a of e.args.slice(1)) {
          const c = classOf(a);
          if (c) return c;
        }
        return undefined;
      }
      return info.returns === 'unknown' ? undefined : info.returns;
    }
    case 'Between': case 'InList': case 'InQuery': case 'Like': case 'IsNullTest': case 'Exists': case 'Quantified':
      return 'bool';
    default:
      return undefined;
  }
}

/** The full type when it is known exactly (an explicit CAST), else undefined. */
export function typeOf(e: Expr): SqlType | undefined {
  if (e.kind === 'Cast') return e.type;
  if (e.kind === 'Paren') return typeOf(e.expr);
  return undefined;
}
