/**
 * The semantic functions of the neutral tree. Each dialect's function table is a Record over
 * `FnName`, so adding a function here breaks the build until every target says how to print it.
 * Argument order is fixed here, whatever the T-SQL spelling (`StrPosition(haystack, needle, start?)`
 * although CHARINDEX takes the needle first).
 */
import type { Expr } from './ir.js';
import type { TypeClass } from './types.js';

/**
 * What every non-T-SQL target loses when it emulates the function: the generator prints an MD3002
 * marker with this detail (T-SQL targets call the built-in itself), unless `exact` says this call is safe.
 */
interface Caveat {
  readonly name: string;
  readonly detail: string;
  readonly exact?: (args: readonly Expr[]) => boolean;
}

interface FnInfo {
  /** Result type class; 'arg0' = that of the first argument. */
  readonly returns: TypeClass | 'arg0' | 'unknown';
  readonly aggregate?: true;
  /** Argument signature, for the README and error messages. */
  readonly sig: string;
  readonly caveat?: Caveat;
}

/** A non-negative integer literal argument's value. */
const nat = (e: Expr | undefined): number | undefined => (e && e.kind === 'Lit' && e.type === 'integer' ? Number(e.value) : undefined);
/**
 * Bit functions work on the argument's own width in SQL Server (int: 32 bits, two's complement,
 * logical shifts, overflow bits dropped); the targets agree for non-negative values within 31 bits.
 */
const bits = (name: string, fits: (x: number, n: number) => boolean): Caveat => ({
  name,
  detail: "exact for non-negative values within 31 bits; SQL Server works on the argument type's width (negative values, overflow and negative shift amounts differ)",
  exact: (args) => {
    const x = nat(args[0]);
    const n = args.length > 1 ? nat(args[1]) : 0;
    return x !== undefined && n !== undefined && fits(x, n);
  },
});
const CHECKSUM_CAVEAT: Caveat = { name: 'CHECKSUM', detail: "a different hash: values differ from SQL Server's; compare only checksums computed on the target" };

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
  // SQL Server 2025's REGEXP_* (RE2 syntax, like DuckDB; PostgreSQL's ARE agrees on the common syntax). flags: 'c' or 'i'.
  RegexpLike: { returns: 'bool', sig: '(s, regex, flags) the regex matches somewhere in s' },
  RegexpReplace: { returns: 'string', sig: "(s, regex, replacement, all, flags) all: 'g' for every match, '' for the first; replacement in SQL Server's syntax (\\n groups, & the match)" },
  RegexpCount: { returns: 'integer', sig: '(s, regex, flags) number of matches' },
  RegexpSubstr: { returns: 'string', sig: '(s, regex, flags) first match, NULL when none' },
  RegexpInstr: { returns: 'integer', sig: '(s, regex, flags) 1-based position of the first match, 0 when none' },
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
  QuoteName: { returns: 'string', sig: "(s, open, close, close × 2) delimited identifier, close doubled inside; NULL past 128 characters" },
  Str: { returns: 'string', sig: "(x, length, decimals) STR: right-aligned fixed-point text, fewer decimals when they do not fit, '*' × length when the integer part does not; length and decimals are integer literals" },
  FormatNumber: { returns: 'string', sig: "(x, decimals, grouping, digits, original) en-US number text: digits = minimum integer digits (zero-padded), grouping 1 = ',' every 3 digits; original = the .NET pattern (for T-SQL targets)" },
  JsonEscape: { returns: 'string', sig: "(s) STRING_ESCAPE(s, 'json'): backslash, quote, slash and the named control characters (b f n r t) escaped", caveat: { name: 'STRING_ESCAPE', detail: 'control characters other than \\b \\f \\n \\r \\t are not escaped as \\u00XX' } },
  IsNumeric: { returns: 'integer', sig: "(x) 1 when x reads as a number SQL Server's way (sign, currency symbol, commas, exponent), else 0", caveat: { name: 'ISNUMERIC', detail: 'matched with a pattern (sign, $ € £ ¥, thousands commas, decimal point, e/d exponent); other currency symbols and control characters may differ' } },
  IsDate: { returns: 'integer', sig: "(s) 1 when s converts to datetime (1753-01-01 … 9999-12-31), else 0", caveat: { name: 'ISDATE', detail: "ISO 8601 strings are recognised; SQL Server also accepts language-dependent forms ('Jan 1 2020', '01/02/2020' under SET DATEFORMAT)" } },
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
  DateTime2FromParts: { returns: 'datetime', sig: '(y, m, d, h, mi, s, fractions, precision) seconds + fractions / 10^precision' },
  TimeFromParts: { returns: 'time', sig: '(h, mi, s, fractions, precision) a time of day' },
  DateBucket: { returns: 'arg0', sig: '(unit, n, d, origin?) start of the n-unit bucket holding d, counted from origin (default 1900-01-01)' },
  CurrentTimestampTz: { returns: 'datetime', sig: '() now, with the session time zone offset' },
  // --- math ---
  Abs: { returns: 'arg0', sig: '(x)' },
  Ceiling: { returns: 'arg0', sig: '(x)' },
  Floor: { returns: 'arg0', sig: '(x)' },
  Round: { returns: 'arg0', sig: '(x, n) half away from zero' },
  TruncateNum: { returns: 'arg0', sig: '(x, n) toward zero' },
  DivideDecimal: { returns: 'exact', sig: "(x, y, xScale, yScale, scale) x / y truncated toward zero to `scale` decimals, computed exactly: SQL Server's decimal division (scales are integer literals; see decimal.ts)" },
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
  Cot: { returns: 'approx', sig: '(x)' },
  BitCount: { returns: 'integer', sig: '(x) bits set', caveat: bits('BIT_COUNT', (x) => x < 2 ** 31) },
  ShiftLeft: { returns: 'arg0', sig: '(x, n)', caveat: bits('LEFT_SHIFT', (x, n) => n < 31 && x * 2 ** n < 2 ** 31) },
  ShiftRight: { returns: 'arg0', sig: '(x, n)', caveat: bits('RIGHT_SHIFT', (x, n) => x < 2 ** 31 && n < 31) },
  GetBit: { returns: 'integer', sig: '(x, offset) 0 or 1', caveat: bits('GET_BIT', (x, n) => x < 2 ** 31 && n < 31) },
  SetBit: { returns: 'arg0', sig: '(x, offset, bit?) bit defaults to 1', caveat: bits('SET_BIT', (x, n) => x < 2 ** 31 && n < 31) },
  // --- null handling and logic (IsNull and Iif are rewritten by passes) ---
  Coalesce: { returns: 'arg0', sig: '(a, b, …)' },
  NullIf: { returns: 'arg0', sig: '(a, b)' },
  IsNull: { returns: 'arg0', sig: '(a, b) result has the type of a' },
  Iif: { returns: 'unknown', sig: '(cond, then, else)' },
  Choose: { returns: 'unknown', sig: '(index, v1, v2, …) 1-based' },
  Greatest: { returns: 'arg0', sig: '(a, …) NULLs ignored' },
  Least: { returns: 'arg0', sig: '(a, …) NULLs ignored' },
  NewId: { returns: 'string', sig: '()' },
  // --- session and hashing ---
  CurrentUser: { returns: 'string', sig: '() the database user running the statement' },
  SessionUser: { returns: 'string', sig: '() the login (session) user' },
  CurrentDatabase: { returns: 'string', sig: '()' },
  CurrentSchema: { returns: 'string', sig: '() the default schema' },
  HashMd5: { returns: 'binary', sig: '(s) 16 bytes, of the UTF-8 text' },
  HashSha1: { returns: 'binary', sig: '(s) 20 bytes, of the UTF-8 text' },
  HashSha256: { returns: 'binary', sig: '(s) 32 bytes, of the UTF-8 text' },
  HashSha512: { returns: 'binary', sig: '(s) 64 bytes, of the UTF-8 text' },
  Checksum: { returns: 'integer', sig: "(a, …) a row hash; values differ from SQL Server's", caveat: CHECKSUM_CAVEAT },
  SqlServerOnly: { returns: 'unknown', sig: '(…) a SQL Server built-in without an equivalent: kept by name (`name`) on T-SQL targets, MD3001 elsewhere' },
  // --- aggregates ---
  Count: { returns: 'integer', aggregate: true, sig: '(x | *)' },
  Sum: { returns: 'arg0', aggregate: true, sig: '(x)' },
  Avg: { returns: 'arg0', aggregate: true, sig: '(x)' },
  Min: { returns: 'arg0', aggregate: true, sig: '(x)' },
  AnySpelling: { returns: 'arg0', aggregate: true, sig: "(x) one spelling of a case-insensitive group's string: the smallest in code-point order, so every target shows the same one (passes/ci-grouping.ts)" },
  Max: { returns: 'arg0', aggregate: true, sig: '(x)' },
  StdDev: { returns: 'approx', aggregate: true, sig: '(x) sample' },
  StdDevPop: { returns: 'approx', aggregate: true, sig: '(x)' },
  Variance: { returns: 'approx', aggregate: true, sig: '(x) sample' },
  VarPop: { returns: 'approx', aggregate: true, sig: '(x)' },
  Grouping: { returns: 'integer', aggregate: true, sig: '(col)' },
  PercentileCont: { returns: 'approx', aggregate: true, sig: '(fraction) withinGroup order' },
  PercentileDisc: { returns: 'arg0', aggregate: true, sig: '(fraction) withinGroup order' },
  GroupingId: { returns: 'integer', aggregate: true, sig: '(col, …) bit mask of GROUPING() over the columns' },
  ApproxCountDistinct: { returns: 'integer', aggregate: true, sig: '(x) approximate; an exact count is a valid answer' },
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
  JsonQuery: { returns: 'string', sig: "(json, path = '$') object or array as text, NULL for a scalar (lax mode)" },
  IsJson: { returns: 'integer', sig: "(s, kinds) 1 when s is valid JSON whose top-level kind is in the literal list kinds ('object,array' by default), NULL for NULL" },
  JsonPathExists: { returns: 'integer', sig: '(json, path) 1/0, NULL for NULL' },
  // --- table-valued (FROM / APPLY) ---
  SplitToTable: { returns: 'unknown', sig: "(s, separator, ordinal) rows `value` (and `ordinal`, 1-based, when ordinal is 1); '' gives one empty row" },
  // --- not a built-in: printed with its own name ---
  User: { returns: 'unknown', sig: '(…) a user-defined or unknown function' },
} as const satisfies Record<string, FnInfo>;

/** The caveat of a neutral function, if it has one. */
export const caveatOf = (name: FnName): Caveat | undefined => (FUNCTIONS[name] as FnInfo).caveat;

export type FnName = keyof typeof FUNCTIONS;
