/**
 * Function renderings that most targets share (standard SQL / PostgreSQL spelling). A dialect
 * spreads this table and overrides only what differs, with a one-line reason per override.
 */
import type { FnName } from '../functions.js';
import { PATTERN_TOKENS } from '../lower/convert.js';
import { SQL_SERVER_ONLY, UNTRANSLATED_FORMS } from '../sqlserver-only.js';
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
  // Targets whose quotient scale follows their own rules: the digits past the target's scale may differ.
  DivideDecimal: (a, c, call) => c.unsupported(call, 'MD3002', {
    name: 'decimal division', target: c.target, detail: `SQL Server truncates the quotient to ${a[4]} decimals; the target's division may keep fewer`,
  }) + `trunc((${a[0]}) / (${a[1]}), ${a[4]})`,
  Coalesce: 'coalesce', NullIf: 'nullif', IsNull: 'coalesce',
  Iif: 'CASE WHEN {0} THEN {1} ELSE {2} END',
  Choose: { unsupported: 'CHOOSE is rewritten to CASE before generation' },
  Greatest: 'greatest', Least: 'least', NewId: 'gen_random_uuid',
  Count: 'count', Sum: 'sum',
  // AVG over integers returns an integer (truncated) in SQL Server.
  Avg: (a, c, call) => (c.argIs(call, 0, 'integer') ? `CAST(trunc(avg(${a[0]})) AS BIGINT)` : `avg(${a[0]})`),
  Min: 'min', Max: 'max', AnySpelling: 'min', StdDev: 'stddev_samp', StdDevPop: 'stddev_pop', Variance: 'var_samp', VarPop: 'var_pop', Grouping: 'grouping',
  PercentileCont: (a, c, call) => `percentile_cont(${a[0]}) WITHIN GROUP (${c.orderSuffix(call).trim()})`,
  PercentileDisc: (a, c, call) => `percentile_disc(${a[0]}) WITHIN GROUP (${c.orderSuffix(call).trim()})`,
  RowNumber: 'row_number', Rank: 'rank', DenseRank: 'dense_rank', Ntile: 'ntile', Lag: 'lag', Lead: 'lead',
  FirstValue: 'first_value', LastValue: 'last_value', PercentRank: 'percent_rank', CumeDist: 'cume_dist',
  JsonValue: { unsupported: 'no JSON path function' },
  // --- added with the 150-function set; PostgreSQL/DuckDB spellings unless said otherwise ---
  QuoteName: 'CASE WHEN length({0}) > 128 THEN NULL ELSE {1} || replace({0}, {2}, {3}) || {2} END',
  Str: (a, _c, call) => strText(a[0]!, call, (d) => `CAST(CAST(${a[0]} AS NUMERIC(38, ${d})) AS VARCHAR)`, 'lpad'),
  FormatNumber: { unsupported: 'no en-US number formatting function; format with the target function' },
  JsonEscape: (a) => jsonEscape(a[0]!, '\\'),
  IsNumeric: (a) => `CASE WHEN CAST(${a[0]} AS VARCHAR) ~ '${ISNUMERIC_RE}' THEN 1 ELSE 0 END`,
  IsDate: { unsupported: 'no safe conversion to test a date string with (PostgreSQL 15 raises on a bad value)' },
  DateTime2FromParts: 'make_timestamp({0}, {1}, {2}, {3}, {4}, {5} + {6} / power(10, {7}))',
  TimeFromParts: 'make_time({0}, {1}, {2} + {3} / power(10, {4}))',
  DateBucket: { unsupported: 'no bucketing function with an arbitrary origin (SQL Server counts from 1900-01-01)' },
  CurrentTimestampTz: 'CURRENT_TIMESTAMP',
  Cot: 'cot', BitCount: { unsupported: 'no integer bit count' },
  ShiftLeft: '({0} << {1})', ShiftRight: '({0} >> {1})', GetBit: '(({0} >> {1}) & 1)',
  SetBit: (a) => setBit(a, (x, m) => `(${x} | ${m})`, (x, m) => `(${x} & ~${m})`, (n) => `(1 << ${n})`),
  CurrentUser: 'CURRENT_USER', SessionUser: 'SESSION_USER', CurrentDatabase: 'current_database', CurrentSchema: 'current_schema',
  HashMd5: { unsupported: 'no binary MD5' }, HashSha1: { unsupported: 'no SHA-1' }, HashSha256: { unsupported: 'no binary SHA-256' }, HashSha512: { unsupported: 'no SHA-512' },
  Checksum: { unsupported: 'no row hash' },
  SqlServerOnly: (a, c, call) => sqlServerOnly(a, c, call),
  GroupingId: 'grouping', ApproxCountDistinct: 'count(DISTINCT {0})',
  IsJson: { unsupported: 'no JSON validation without raising an error (IS JSON arrives in PostgreSQL 16)' },
  JsonPathExists: { unsupported: 'no JSON path test' },
  JsonQuery: { unsupported: 'no JSON fragment function that returns NULL for scalars' },
  // PostgreSQL 15 has the regexp_* family; `\&` is its whole-match reference.
  RegexpLike: 'regexp_like({0}, {1}, {2})',
  RegexpReplace: (a, c, call) => `regexp_replace(${a[0]}, ${a[1]}, ${regexReplacement(a[2]!, c, call, '\\&')}, ${c.quoteString(regexFlags(call))})`,
  RegexpCount: 'regexp_count({0}, {1}, 1, {2})',
  RegexpSubstr: 'regexp_substr({0}, {1}, 1, 1, {2})',
  RegexpInstr: 'regexp_instr({0}, {1}, 1, 1, 0, {2})',
  // '' splits into one empty value in SQL Server; string_to_array('', …) is empty on PostgreSQL.
  SplitToTable: (a) => `unnest(CASE WHEN ${a[0]} = '' THEN ARRAY[''] ELSE string_to_array(${a[0]}, ${a[1]}) END)${a[2] === '1' ? ' WITH ORDINALITY' : ''}`,
  User: { unsupported: 'printed by name' },
};

/** REGEXP_REPLACE's option letters: g (every match) and i (case-insensitive). */
export function regexFlags(call: Fn): string {
  const lit = (i: number) => { const a = call.args[i]; return a && a.kind === 'Lit' ? a.value : ''; };
  return lit(3) + (lit(4) === 'i' ? 'i' : '');
}

/**
 * REGEXP_REPLACE's replacement: `\1`…`\9` are groups (the same on the targets) and `&` is the whole
 * match, which the targets spell `whole`. A computed replacement cannot be converted and is marked.
 */
export function regexReplacement(printed: string, c: RenderContext, call: Fn, whole: string): string {
  const r = c.literal(call, 2);
  if (r === undefined) {
    return c.unsupported(call, 'MD3002', { name: 'REGEXP_REPLACE', target: c.target, detail: "a computed replacement is used as is: its '&' (the whole match in SQL Server) is not converted" }) + printed;
  }
  return c.quoteString(r.replace(/\\.|&/g, (m) => (m === '&' ? whole : m)));
}

/** The name a `SqlServerOnly` call keeps. */
/** 10^n as an integer literal. */
export const powerOfTen = (n: number): string => `1${'0'.repeat(n)}`;
/** 10^-n as an exact decimal literal (0.001 for 3). */
export const tenthPower = (n: number): string => (n === 0 ? '1' : `0.${'0'.repeat(n - 1)}1`);

export const keptName = (call: Fn) => call.name?.map((p) => p.name).join('.') ?? 'function';

/** A SQL Server-only built-in on a non-T-SQL target: MD3001 with the reason, the call kept by name. */
export function sqlServerOnly(args: readonly string[], c: RenderContext, call: Fn): string {
  const name = keptName(call);
  const why = SQL_SERVER_ONLY[name.toUpperCase()] ?? UNTRANSLATED_FORMS[name.toUpperCase()] ?? 'no equivalent';
  return c.unsupported(call, 'MD3001', { construct: `${name}() (${why})`, target: c.target }) + `${name}(${args.join(', ')})`;
}

/** The integer value of a literal argument (lowering guarantees literals where this is used). */
export const intArg = (call: Fn, i: number): number => {
  const a = call.args[i];
  return a && a.kind === 'Lit' ? Number(a.value) : 0;
};

/**
 * STR(x, length, decimals): right-aligned in `length` characters; when the decimals do not fit,
 * fewer are shown (rounded again), and when even the integer part does not, `length` asterisks.
 * `fixed(d)` prints x rounded half away from zero to d decimals.
 */
export function strText(x: string, call: Fn, fixed: (d: number) => string, lpad: string): string {
  const len = intArg(call, 1);
  const whens = [`WHEN ${x} IS NULL THEN NULL`];
  for (let d = intArg(call, 2); d >= 0; d--) {
    const t = fixed(d);
    whens.push(`WHEN length(${t}) <= ${len} THEN ${lpad}(${t}, ${len}, ' ')`);
  }
  return `CASE ${whens.join(' ')} ELSE ${`repeat('*', ${len})`} END`;
}

/** x's decimal text zero-padded to n integer digits, sign first (.NET 'D5': -5 → '-00005'). */
export function zeroPadded(x: string, n: number, text: string): string {
  const t = `CAST(abs(CAST(${x} AS NUMERIC(38, 0))) AS ${text})`;
  return `(CASE WHEN ${x} < 0 THEN '-' ELSE '' END || lpad(${t}, CAST(greatest(${n}, length(${t})) AS INTEGER), '0'))`;
}

/**
 * STRING_ESCAPE(s, 'json'): backslash first, then quote, solidus and the named control characters.
 * `bs` is one backslash as written inside a string literal of the target.
 */
export function jsonEscape(s: string, bs: string, chr = 'chr'): string {
  const pairs: [string, string][] = [[`'${bs}'`, `'${bs}${bs}'`], [`'"'`, `'${bs}"'`], [`'/'`, `'${bs}/'`],
    [`${chr}(8)`, `'${bs}b'`], [`${chr}(12)`, `'${bs}f'`], [`${chr}(10)`, `'${bs}n'`], [`${chr}(13)`, `'${bs}r'`], [`${chr}(9)`, `'${bs}t'`]];
  return pairs.reduce((acc, [from, to]) => `replace(${acc}, ${from}, ${to})`, s);
}

/** SET_BIT(x, n [, v]): v = 0 clears the bit, anything else (default 1) sets it. */
export function setBit(a: readonly string[], or: (x: string, m: string) => string, andNot: (x: string, m: string) => string, mask: (n: string) => string): string {
  const m = mask(a[1]!);
  if (a.length < 3) return or(a[0]!, m);
  return `CASE WHEN ${a[2]} = 0 THEN ${andNot(a[0]!, m)} ELSE ${or(a[0]!, m)} END`;
}

/**
 * ISNUMERIC's accepted shapes (a POSIX/RE2 pattern over the value as text): optional blanks, a sign
 * and a currency symbol, digits with thousands commas, a decimal point, an e/d exponent — and the
 * documented oddities: a lone sign, currency symbol, '.' or ',' is numeric too.
 * https://learn.microsoft.com/en-us/sql/t-sql/functions/isnumeric-transact-sql
 */
export const ISNUMERIC_RE = '^\\s*([-+]?[$€£¥]?[-+]?(([0-9][0-9,]*(\\.[0-9]*)?|\\.[0-9]+)([eEdD][-+]?[0-9]+)?)|[-+$€£¥.,])\\s*$';

/**
 * A literal SQL/JSON path of keys and indexes ($.a.b[0], $."a b") as its steps; undefined for
 * anything else (filters, wildcards, strict mode). A leading 'lax ' is SQL Server's default mode.
 */
export function jsonPathSteps(path: string): string[] | undefined {
  const m = /^(?:lax\s+)?\$(.*)$/.exec(path.trim());
  if (!m) return undefined;
  const steps: string[] = [];
  const re = /\.([A-Za-z_][\w$]*)|\."((?:[^"\\]|\\.)*)"|\[(\d+)\]/y;
  let rest = m[1]!;
  while (rest.length) {
    re.lastIndex = 0;
    const s = re.exec(rest);
    if (!s) return undefined;
    steps.push(s[1] ?? s[2]?.replace(/\\(.)/g, '$1') ?? s[3]!);
    rest = rest.slice(s[0].length);
  }
  return steps;
}

/** JSON kinds as the lowering lists them → the names a target's JSON type function returns. */
export function jsonKinds(list: string, names: Readonly<Record<string, readonly string[]>>): string {
  return list.split(',').flatMap((k) => names[k] ?? []).map((n) => `'${n}'`).join(', ');
}

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
