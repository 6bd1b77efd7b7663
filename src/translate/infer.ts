/**
 * Best-effort type inference over the neutral tree. Column types are known where the column-types
 * pass resolved them (`Col.type`: CREATE TABLEs of the script, the caller's catalog); otherwise
 * undefined, which callers must treat as "don't know", never as "not a string".
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
    case 'Col': case 'Param': return e.type ? typeClass(e.type) : undefined;
    case 'Cast': return typeClass(e.type);
    case 'Paren': case 'Marked': return classOf(e.expr);
    case 'Unary': return e.op === 'NOT' ? 'bool' : classOf(e.operand);
    case 'Binary': {
      if (e.op === 'DIV' || e.op === '%') return 'integer';
      if (['=', '<>', '<', '>', '<=', '>=', 'AND', 'OR'].includes(e.op)) return 'bool';
      const l = classOf(e.left);
      const r = classOf(e.right);
      // A string next to a number or date converts to it (data type precedence); next to a string or an unknown, `+` concatenates.
      if (e.op === '+' && (l === 'string' || r === 'string')) return outranksString(l === 'string' ? r : l) ?? 'string';
      if (l === r) return l;
      if (l === undefined || r === undefined) return undefined;
      return (RANK[l] ?? 0) >= (RANK[r] ?? 0) ? l : r;
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

/** SQL Server's data type precedence between classes (docs: data-type-precedence-transact-sql), higher wins. */
const RANK: Partial<Record<TypeClass, number>> = { string: 1, bool: 2, integer: 3, exact: 4, approx: 5, time: 6, date: 7, datetime: 8 };

/** The class a string operand converts to next to `other`, when `other` is known to outrank strings. */
export function outranksString(other: TypeClass | undefined): TypeClass | undefined {
  return other !== undefined && other !== 'string' && (RANK[other] ?? 0) > RANK.string! ? other : undefined;
}

/** The full type when it is known exactly (an explicit CAST, a resolved column), else undefined. */
export function typeOf(e: Expr): SqlType | undefined {
  if (e.kind === 'Cast') return e.type;
  if (e.kind === 'Col' || e.kind === 'Param') return e.type;
  if (e.kind === 'Paren') return typeOf(e.expr);
  return undefined;
}

/**
 * A value of the string class that is not compared as text: a uniqueidentifier compares by its GUID
 * value (any letter case), xml and json not at all. Case folding and trimming do not apply to them
 * (and lower()/rtrim() of a PostgreSQL uuid does not exist).
 */
export function valueNotText(e: Expr): boolean {
  const t = typeOf(e);
  return t !== undefined && (t.name === 'uniqueidentifier' || t.name === 'xml' || t.name === 'json');
}

/** A character string compared as text: the string class, and not a GUID, xml or json value. */
export const isText = (e: Expr): boolean => classOf(e) === 'string' && !valueNotText(e);

/**
 * Operands that SQL Server compares as text: one is a string and none is known to be anything else
 * (a string beside a number or a date converts to it; a GUID compares by value). Untyped operands
 * are allowed: the string side decides.
 */
export function comparedAsText(operands: readonly Expr[]): boolean {
  let string = false;
  for (const e of operands) {
    const c = classOf(e);
    if (c === 'string') string = true;
    else if (c !== undefined) return false;
    if (valueNotText(e)) return false;
  }
  return string;
}

/** Numeric types in SQL Server's precedence order, lowest first. */
const NUMERIC_RANK: readonly string[] = ['bit', 'tinyint', 'smallint', 'int', 'bigint', 'smallmoney', 'money', 'decimal', 'real', 'float'];

/** float(1)…float(24) is real (docs: float and real). */
function numericName(t: SqlType): string | undefined {
  if (t.name === 'float' && typeof t.args[0] === 'number' && t.args[0] <= 24) return 'real';
  return NUMERIC_RANK.includes(t.name) ? t.name : undefined;
}

/**
 * The numeric type name of an arithmetic expression as SQL Server computes it ('real', 'decimal',
 * 'int' …: the operand of highest precedence), when every operand's type is known; else undefined.
 * Only the name: decimal precision and scale are not derived.
 */
export function numericType(e: Expr): string | undefined {
  switch (e.kind) {
    case 'Lit': return e.type === 'integer' ? 'int' : e.type === 'decimal' ? 'decimal' : e.type === 'float' ? 'float' : undefined;
    case 'Col': case 'Cast': case 'Param': return e.type ? numericName(e.type) : undefined;
    case 'Paren': case 'Marked': return numericType(e.expr);
    case 'Unary': return e.op === '-' || e.op === '+' ? numericType(e.operand) : undefined;
    case 'Binary': {
      if (!['+', '-', '*', '/', 'DIV', '%'].includes(e.op)) return undefined;
      const l = numericType(e.left);
      const r = numericType(e.right);
      if (l === undefined || r === undefined) return undefined;
      const t = NUMERIC_RANK.indexOf(l) >= NUMERIC_RANK.indexOf(r) ? l : r;
      // Arithmetic on bit yields int.
      return t === 'bit' ? 'int' : t;
    }
    case 'Fn': {
      if (e.fn === 'Abs' || e.fn === 'Round' || e.fn === 'Min' || e.fn === 'Max') return e.args[0] ? numericType(e.args[0]) : undefined;
      // SUM and AVG of real or float return float (docs: SUM, AVG).
      if (e.fn === 'Sum' || e.fn === 'Avg') {
        const a = e.args[0] ? numericType(e.args[0]) : undefined;
        return a === 'real' ? 'float' : a;
      }
      return undefined;
    }
    default: return undefined;
  }
}
