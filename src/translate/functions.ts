/**
 * The semantic functions of the neutral tree. Each dialect's function table is a Record over
 * `FnName`, so adding a function here breaks the build until every target says how to print it.
 * Argument order is fixed here, whatever the T-SQL spelling (`StrPosition(haystack, needle, start?)`
 * although CHARINDEX takes the needle first).
 */
import type { TypeClass } from './types.js';

interface FnInfo {
  /** Result type class; 'arg0' = that of the first argument. */
  readonly returns: TypeClass | 'arg0' | 'unknown';
  readonly aggregate?: true;
  /** Argument signature, for the README and error messages. */
  readonly sig: string;
}

export const FUNCTIONS = {
  // --- strings ---
  Length: { returns: 'integer', sig: '(s) characters, trailing spaces counted' },
  ByteLength: { returns: 'integer', sig: '(s) bytes' },
  Upper: { returns: 'string', sig: '(s)' },
  Lower: { returns: 'string', sig: '(s)' },
  LTrim: { returns: 'string', sig: '(s, chars?)' },
  RTrim: { returns: 'string', sig: '(s, chars?)' },
  Trim: { returns: 'string', sig: '(s, chars?)' },
  Substring: { returns: 'string', sig: '(s, start, length) 1-based, SQL-standard start<1 rule' },
  Left: { returns: 'string', sig: '(s, n)' },
  Right: { returns: 'string', sig: '(s, n)' },
  StrPosition: { returns: 'integer', sig: '(haystack, needle, start?) 0 when absent' },
  RegexpPosition: { returns: 'integer', sig: '(s, regex) 1-based position of first match, 0 when absent' },
  Replace: { returns: 'string', sig: '(s, from, to)' },
  ReplaceCi: { returns: 'string', sig: '(s, fromRegex, to) case-insensitive replace (from is a regex literal)' },
  Stuff: { returns: 'string', sig: '(s, start, length, insert)' },
  Repeat: { returns: 'string', sig: '(s, n)' },
  Reverse: { returns: 'string', sig: '(s)' },
  Ascii: { returns: 'integer', sig: '(s)' },
  Chr: { returns: 'string', sig: '(n)' },
  Translate: { returns: 'string', sig: '(s, from, to)' },
  ConcatWs: { returns: 'string', sig: '(sep, args…) NULLs skipped' },
  StringAgg: { returns: 'string', aggregate: true, sig: '(expr, sep) ordered by withinGroup' },
  FormatDate: { returns: 'string', sig: "(d, fmt) fmt is a neutral pattern literal: yyyy MM dd HH mi ss fff Mon" },
  ParseDate: { returns: 'datetime', sig: '(s, fmt) neutral pattern literal as for FormatDate' },
  // --- date and time ---
  CurrentTimestamp: { returns: 'datetime', sig: '() local time, no zone' },
  CurrentUtcTimestamp: { returns: 'datetime', sig: '()' },
  CurrentDate: { returns: 'date', sig: '()' },
  DateAdd: { returns: 'arg0', sig: '(unit, n, d)' },
  DateDiff: { returns: 'integer', sig: '(unit, start, end) boundaries crossed, weeks start on Sunday' },
  DatePart: { returns: 'integer', sig: '(unit, d) weekday: Sunday = 1 (DATEFIRST 7)' },
  DateName: { returns: 'string', sig: '(unit, d) English names' },
  DateTrunc: { returns: 'arg0', sig: '(unit, d)' },
  EndOfMonth: { returns: 'date', sig: '(d)' },
  DateFromParts: { returns: 'date', sig: '(y, m, d)' },
  DateTimeFromParts: { returns: 'datetime', sig: '(y, m, d, h, mi, s, ms)' },
  // --- math ---
  Abs: { returns: 'arg0', sig: '(x)' },
  Ceiling: { returns: 'arg0', sig: '(x)' },
  Floor: { returns: 'arg0', sig: '(x)' },
  Round: { returns: 'arg0', sig: '(x, n) half away from zero' },
  TruncateNum: { returns: 'arg0', sig: '(x, n) toward zero' },
  Power: { returns: 'arg0', sig: '(x, y)' },
  Sqrt: { returns: 'approx', sig: '(x)' },
  Square: { returns: 'approx', sig: '(x)' },
  Exp: { returns: 'approx', sig: '(x)' },
  Ln: { returns: 'approx', sig: '(x)' },
  LogBase: { returns: 'approx', sig: '(x, base)' },
  Log10: { returns: 'approx', sig: '(x)' },
  Sign: { returns: 'arg0', sig: '(x)' },
  Pi: { returns: 'approx', sig: '()' },
  Random: { returns: 'approx', sig: '()' },
  Sin: { returns: 'approx', sig: '(x)' },
  Cos: { returns: 'approx', sig: '(x)' },
  Tan: { returns: 'approx', sig: '(x)' },
  Asin: { returns: 'approx', sig: '(x)' },
  Acos: { returns: 'approx', sig: '(x)' },
  Atan: { returns: 'approx', sig: '(x)' },
  Atan2: { returns: 'approx', sig: '(y, x)' },
  Degrees: { returns: 'approx', sig: '(x)' },
  Radians: { returns: 'approx', sig: '(x)' },
  Mod: { returns: 'arg0', sig: '(x, y) sign of the dividend' },
  // --- null handling and logic (IsNull and Iif are rewritten by passes) ---
  Coalesce: { returns: 'arg0', sig: '(a, b, …)' },
  NullIf: { returns: 'arg0', sig: '(a, b)' },
  IsNull: { returns: 'arg0', sig: '(a, b) result has the type of a' },
  Iif: { returns: 'unknown', sig: '(cond, then, else)' },
  Choose: { returns: 'unknown', sig: '(index, v1, v2, …) 1-based' },
  Greatest: { returns: 'arg0', sig: '(a, …) NULLs ignored' },
  Least: { returns: 'arg0', sig: '(a, …) NULLs ignored' },
  NewId: { returns: 'string', sig: '()' },
  // --- aggregates ---
  Count: { returns: 'integer', aggregate: true, sig: '(x | *)' },
  Sum: { returns: 'arg0', aggregate: true, sig: '(x)' },
  Avg: { returns: 'arg0', aggregate: true, sig: '(x)' },
  Min: { returns: 'arg0', aggregate: true, sig: '(x)' },
  Max: { returns: 'arg0', aggregate: true, sig: '(x)' },
  StdDev: { returns: 'approx', aggregate: true, sig: '(x) sample' },
  StdDevPop: { returns: 'approx', aggregate: true, sig: '(x)' },
  Variance: { returns: 'approx', aggregate: true, sig: '(x) sample' },
  VarPop: { returns: 'approx', aggregate: true, sig: '(x)' },
  Grouping: { returns: 'integer', aggregate: true, sig: '(col)' },
  PercentileCont: { returns: 'approx', aggregate: true, sig: '(fraction) withinGroup order' },
  PercentileDisc: { returns: 'arg0', aggregate: true, sig: '(fraction) withinGroup order' },
  // --- window ---
  RowNumber: { returns: 'integer', sig: '()' },
  Rank: { returns: 'integer', sig: '()' },
  DenseRank: { returns: 'integer', sig: '()' },
  Ntile: { returns: 'integer', sig: '(n)' },
  Lag: { returns: 'arg0', sig: '(x, offset?, default?)' },
  Lead: { returns: 'arg0', sig: '(x, offset?, default?)' },
  FirstValue: { returns: 'arg0', sig: '(x)' },
  LastValue: { returns: 'arg0', sig: '(x)' },
  PercentRank: { returns: 'approx', sig: '()' },
  CumeDist: { returns: 'approx', sig: '()' },
  // --- JSON ---
  JsonValue: { returns: 'string', sig: '(json, path) scalar as text' },
  // --- not a built-in: printed with its own name ---
  User: { returns: 'unknown', sig: '(…) a user-defined or unknown function' },
} as const satisfies Record<string, FnInfo>;

export type FnName = keyof typeof FUNCTIONS;
