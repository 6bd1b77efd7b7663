/**
 * SQL Server's precision and scale of exact numeric expressions
 * (https://learn.microsoft.com/en-us/sql/t-sql/data-types/precision-scale-and-length-transact-sql).
 * They decide how many decimals a result keeps: `CAST(1.67574 AS decimal(38, 10)) / 10000.0` is
 * decimal(38, 6) and gives 0.000167, truncated. The targets type decimal results by other rules
 * (DuckDB divides in DOUBLE, PostgreSQL keeps 16 or more digits), so the decimal-division pass asks
 * this module for the type SQL Server would give and has the target compute exactly that.
 */
import { numericType } from './infer.js';
import type { Expr } from './ir.js';
import type { SqlType, TypeName } from './types.js';

export interface DecimalType {
  readonly precision: number;
  readonly scale: number;
}

/** SQL Server's maximum decimal precision. */
const MAX_PRECISION = 38;

/** Precision and scale of the exact numeric types that are not decimal (docs: int, money). */
const FIXED: Partial<Record<TypeName, DecimalType>> = {
  bit: { precision: 1, scale: 0 },
  tinyint: { precision: 3, scale: 0 },
  smallint: { precision: 5, scale: 0 },
  int: { precision: 10, scale: 0 },
  bigint: { precision: 19, scale: 0 },
  smallmoney: { precision: 10, scale: 4 },
  money: { precision: 19, scale: 4 },
};

/** The precision and scale of an exact numeric type; undefined for any other type. */
export function decimalOfType(t: SqlType): DecimalType | undefined {
  if (t.name === 'decimal') {
    // decimal without arguments is decimal(18, 0); decimal(p) is decimal(p, 0).
    const precision = typeof t.args[0] === 'number' ? t.args[0] : 18;
    const scale = typeof t.args[1] === 'number' ? t.args[1] : 0;
    return { precision, scale };
  }
  return FIXED[t.name];
}

/**
 * A numeric constant "is converted into a numeric data value, using the minimum precision and
 * scale necessary" (docs: constants): 12.345 is decimal(5, 3), 0.5 is decimal(1, 1). An integer
 * constant next to a decimal counts by its digits too (10000 is decimal(5, 0)), which is why
 * `1.0 / 3` has 6 decimals and not 12.
 */
export function decimalOfLiteral(text: string): DecimalType {
  const unsigned = text.replace(/^[-+]/, '');
  const dot = unsigned.indexOf('.');
  const whole = (dot < 0 ? unsigned : unsigned.slice(0, dot)).replace(/^0+/, '');
  const scale = dot < 0 ? 0 : unsigned.length - dot - 1;
  return { precision: Math.max(1, whole.length + scale), scale };
}

/**
 * The result type of `a op b` when the result is a decimal (docs table: e1 + e2 … e1 % e2),
 * with the reductions that keep precision within 38.
 */
export function decimalResult(op: string, a: DecimalType, b: DecimalType): DecimalType {
  const { precision: p1, scale: s1 } = a;
  const { precision: p2, scale: s2 } = b;
  switch (op) {
    case '+': case '-': {
      const integral = Math.max(p1 - s1, p2 - s2);
      const scale = Math.max(s1, s2);
      const precision = integral + scale + 1;
      // "The resulting scale is min(precision, 38) - max(p1 - s1, p2 - s2)."
      if (precision <= MAX_PRECISION) return { precision, scale };
      return { precision: MAX_PRECISION, scale: Math.max(0, Math.min(scale, MAX_PRECISION - integral)) };
    }
    case '*':
      return reduced(p1 + p2 + 1, s1 + s2);
    case '/': {
      const scale = Math.max(6, s1 + p2 + 1);
      return reduced(p1 - s1 + s2 + scale, scale);
    }
    default: {
      // %: min(p1 - s1, p2 - s2) + max(s1, s2), scale max(s1, s2).
      const scale = Math.max(s1, s2);
      return { precision: Math.min(MAX_PRECISION, Math.max(1, Math.min(p1 - s1, p2 - s2) + scale)), scale };
    }
  }
}

/**
 * Multiplication and division over 38 digits: the integral part keeps its digits while it is
 * under 32, at the cost of the scale; past that the scale drops to 6 (or stays, when below 6).
 */
function reduced(precision: number, scale: number): DecimalType {
  if (precision <= MAX_PRECISION) return { precision, scale };
  const integral = precision - scale;
  if (integral < 32) return { precision: MAX_PRECISION, scale: Math.min(scale, MAX_PRECISION - integral) };
  return { precision: MAX_PRECISION, scale: scale < 6 ? scale : 6 };
}

/**
 * The precision and scale SQL Server gives an exact numeric expression, when every type in it is
 * known (literals, casts, resolved columns, arithmetic and the aggregates over them); undefined
 * otherwise, and for approximate (float, real) results.
 */
export function exactNumericType(e: Expr): DecimalType | undefined {
  switch (e.kind) {
    case 'Lit':
      return e.type === 'integer' || e.type === 'decimal' ? decimalOfLiteral(e.value) : undefined;
    case 'Col': case 'Param': case 'Cast':
      return e.type ? decimalOfType(e.type) : undefined;
    case 'Paren': case 'Marked':
      return exactNumericType(e.expr);
    case 'Unary':
      return e.op === '-' || e.op === '+' ? exactNumericType(e.operand) : undefined;
    case 'Binary': {
      const name = numericType(e);
      if (name !== 'decimal') return name === undefined ? undefined : FIXED[name as TypeName];
      const l = exactNumericType(e.left);
      const r = exactNumericType(e.right);
      return l && r ? decimalResult(e.op, l, r) : undefined;
    }
    case 'Fn': {
      const arg = e.args[0];
      switch (e.fn) {
        case 'Count': return FIXED.int;
        case 'Abs': case 'Min': case 'Max': case 'Round': return arg ? exactNumericType(arg) : undefined;
        case 'Sum': case 'Avg': {
          const name = arg ? numericType(arg) : undefined;
          // Over tinyint and smallint the sum and the average are int (docs: SUM, AVG "Return types").
          if (name === 'tinyint' || name === 'smallint') return FIXED.int;
          if (name !== 'decimal') return name === undefined ? undefined : FIXED[name as TypeName];
          const t = exactNumericType(arg!);
          if (!t) return undefined;
          // SUM of decimal(p, s) is decimal(38, s); AVG is that divided by decimal(10, 0) (docs: SUM, AVG).
          const sum = { precision: MAX_PRECISION, scale: t.scale };
          return e.fn === 'Sum' ? sum : decimalResult('/', sum, FIXED.int!);
        }
        default: return undefined;
      }
    }
    default:
      return undefined;
  }
}
