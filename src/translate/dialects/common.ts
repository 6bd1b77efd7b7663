/**
 * Function renderings that most targets share (standard SQL / PostgreSQL spelling). A dialect
 * spreads this table and overrides only what differs, with a one-line reason per override.
 */
import type { FnName } from '../functions.js';
import { PATTERN_TOKENS } from '../lower/convert.js';
import type { FnRender, RenderContext } from './dialect.js';
import type { Fn } from '../ir.js';

export const BASE_FUNCTIONS: Readonly<Record<FnName, FnRender>> = {
  Length: 'length', ByteLength: 'octet_length', Upper: 'upper', Lower: 'lower',
  LTrim: 'ltrim', RTrim: 'rtrim', Trim: (a) => (a.length > 1 ? `trim(BOTH ${a[1]} FROM ${a[0]})` : `trim(${a[0]})`),
  Substring: 'substr', Left: 'left', Right: 'right',
  StrPosition: (a) => (a.length > 2 ? strposFrom(a[0]!, a[1]!, a[2]!, 'strpos') : `strpos(${a[0]}, ${a[1]})`),
  RegexpPosition: 'regexp_instr',
  Replace: 'replace', ReplaceCi: "regexp_replace({0}, {1}, {2}, 'gi')",
  // STUFF: NULL when start is outside the string; a NULL insert deletes.
  Stuff: (a) => `CASE WHEN ${a[1]} < 1 OR ${a[1]} > length(${a[0]}) THEN NULL ELSE left(${a[0]}, ${a[1]} - 1) || coalesce(${a[3]}, '') || substr(${a[0]}, ${a[1]} + ${a[2]}) END`,
  // REPLICATE with a negative count is NULL in SQL Server, '' in repeat().
  Repeat: (a) => `CASE WHEN ${a[1]} < 0 THEN NULL ELSE repeat(${a[0]}, ${a[1]}) END`,
  Reverse: 'reverse', Ascii: 'ascii', Chr: 'chr', Translate: 'translate', ConcatWs: 'concat_ws',
  StringAgg: (a, c, call) => `string_agg(CAST(${a[0]} AS VARCHAR), ${a[1]}${c.orderSuffix(call)})`,
  FormatDate: { unsupported: 'no date formatting function' },
  ParseDate: { unsupported: 'no date parsing function' },
  CurrentTimestamp: 'LOCALTIMESTAMP', CurrentUtcTimestamp: "(now() AT TIME ZONE 'UTC')", CurrentDate: 'CURRENT_DATE',
  DateAdd: { unsupported: 'no date arithmetic template' },
  DateDiff: { unsupported: 'no date difference template' },
  DatePart: { unsupported: 'no datepart template' },
  DateName: { unsupported: 'no datename template' },
  DateTrunc: (a, c, call) => dateTrunc(c.unit(call), a[1]!),
  EndOfMonth: "CAST(date_trunc('month', {0}) + INTERVAL '1 month' - INTERVAL '1 day' AS DATE)",
  DateFromParts: 'make_date',
  DateTimeFromParts: 'make_timestamp({0}, {1}, {2}, {3}, {4}, {5} + {6} / 1000.0)',
  Abs: 'abs', Ceiling: 'ceil', Floor: 'floor', Round: 'round', TruncateNum: 'trunc', Power: 'power', Sqrt: 'sqrt',
  Square: 'power({0}, 2)', Exp: 'exp', Ln: 'ln', LogBase: '(ln({0}) / ln({1}))', Log10: 'log10', Sign: 'sign', Pi: 'pi', Random: 'random',
  Sin: 'sin', Cos: 'cos', Tan: 'tan', Asin: 'asin', Acos: 'acos', Atan: 'atan', Atan2: 'atan2', Degrees: 'degrees', Radians: 'radians',
  Mod: '({0} % {1})',
  Coalesce: 'coalesce', NullIf: 'nullif', IsNull: 'coalesce',
  Iif: 'CASE WHEN {0} THEN {1} ELSE {2} END',
  Choose: { unsupported: 'CHOOSE is rewritten to CASE before generation' },
  Greatest: 'greatest', Least: 'least', NewId: 'gen_random_uuid',
  Count: 'count', Sum: 'sum',
  // AVG over integers returns an integer (truncated) in SQL Server.
  Avg: (a, c, call) => (c.argIs(call, 0, 'integer') ? `CAST(trunc(avg(${a[0]})) AS BIGINT)` : `avg(${a[0]})`),
  Min: 'min', Max: 'max', StdDev: 'stddev_samp', StdDevPop: 'stddev_pop', Variance: 'var_samp', VarPop: 'var_pop', Grouping: 'grouping',
  PercentileCont: (a, c, call) => `percentile_cont(${a[0]}) WITHIN GROUP (${c.orderSuffix(call).trim()})`,
  PercentileDisc: (a, c, call) => `percentile_disc(${a[0]}) WITHIN GROUP (${c.orderSuffix(call).trim()})`,
  RowNumber: 'row_number', Rank: 'rank', DenseRank: 'dense_rank', Ntile: 'ntile', Lag: 'lag', Lead: 'lead',
  FirstValue: 'first_value', LastValue: 'last_value', PercentRank: 'percent_rank', CumeDist: 'cume_dist',
  JsonValue: { unsupported: 'no JSON path function' },
  User: { unsupported: 'printed by name' },
};

/** CHARINDEX with a start position: search the tail, then shift the position back (0 stays 0). */
export function strposFrom(haystack: string, needle: string, start: string, strpos: string): string {
  const from = `greatest(${start}, 1)`;
  const found = `${strpos}(substr(${haystack}, ${from}), ${needle})`;
  return `CASE WHEN ${found} = 0 THEN 0 ELSE ${found} + ${from} - 1 END`;
}

/** DATETRUNC: T-SQL weeks start on Sunday, date_trunc's on Monday, so shift by a day around it. */
export function dateTrunc(unit: string, d: string): string {
  if (unit === 'week') return `(date_trunc('week', ${d} + INTERVAL '1 day') - INTERVAL '1 day')`;
  if (unit === 'iso_week') return `date_trunc('week', ${d})`;
  return `date_trunc('${unit === 'dayofyear' ? 'day' : unit}', ${d})`;
}

/**
 * Turns a neutral date pattern (yyyy MM dd HH mi ss fff Mon) into a target's format string using
 * a token table; characters outside the table are literal (`quoteLiteral` protects letters).
 */
export function formatPattern(pattern: string, tokens: Readonly<Record<string, string>>, quoteLiteral: (ch: string) => string = (c) => c): string {
  return (pattern.match(PATTERN_TOKENS) ?? []).map((tok) => tokens[tok] ?? quoteLiteral(tok)).join('');
}

/** The pattern literal of a FormatDate/ParseDate call (always a literal: lowering builds it). */
export function patternOf(c: RenderContext, call: Fn): string {
  return c.literal(call, 1) ?? '';
}

/**
 * T-SQL DATEPART(week): week 1 holds 1 January and weeks start on Sunday (DATEFIRST 7, the
 * us_english default). `dow` must give Sunday = 0 and `doy` the 1-based day of the year.
 */
export function tsqlWeek(doy: string, dowOfJan1: string): string {
  return `(CAST(floor((${doy} - 1 + ${dowOfJan1}) / 7) AS INTEGER) + 1)`;
}
