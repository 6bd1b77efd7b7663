/** DuckDB (1.x), the embedded default. date_diff already counts boundaries, as DATEDIFF does. */
import type { DateUnit } from '../../ir.js';
import { BASE_FUNCTIONS, formatPattern, intArg, ISNUMERIC_RE, jsonKinds, jsonPathSteps, patternOf, powerOfTen, regexFlags, regexReplacement, tenthPower, tsqlWeek, zeroPadded } from '../common.js';
import type { Dialect } from '../dialect.js';
import { POSTGRES_RESERVED } from '../postgres/reserved.js';
import { DUCKDB_TYPES } from './types.js';

const FORMAT: Readonly<Record<string, string>> = { yyyy: '%Y', yy: '%y', MM: '%m', dd: '%d', HH: '%H', mi: '%M', ss: '%S', fff: '%g', Mon: '%b', Month: '%B', '%': '%%' };

/** json_type() names per JSON kind. */
const JSON_TYPES: Readonly<Record<string, readonly string[]>> = {
  object: ['OBJECT'], array: ['ARRAY'], string: ['VARCHAR'], number: ['BIGINT', 'UBIGINT', 'DOUBLE', 'HUGEINT'], boolean: ['BOOLEAN'], null: ['NULL'],
};

const ts = (x: string) => (/^CAST\(.* AS TIMESTAMP\)$/.test(x) ? x : `CAST(${x} AS TIMESTAMP)`);

function interval(unit: DateUnit, n: string): string {
  const i = `CAST(trunc(${n}) AS BIGINT)`;
  switch (unit) {
    case 'year': return `to_years(CAST(trunc(${n}) AS INTEGER))`;
    case 'quarter': return `to_months(CAST(3 * trunc(${n}) AS INTEGER))`;
    case 'month': return `to_months(CAST(trunc(${n}) AS INTEGER))`;
    case 'week': return `to_days(CAST(7 * trunc(${n}) AS INTEGER))`;
    case 'day': case 'dayofyear': case 'weekday': return `to_days(CAST(trunc(${n}) AS INTEGER))`;
    case 'hour': return `to_hours(${i})`;
    case 'minute': return `to_minutes(${i})`;
    case 'second': return `to_seconds(${i})`;
    case 'millisecond': return `to_milliseconds(${i})`;
    case 'microsecond': return `to_microseconds(${i})`;
    default: return `to_microseconds(${i} // 1000)`;
  }
}

function dateDiff(unit: DateUnit, a: string, b: string): string {
  switch (unit) {
    // T-SQL weeks start on Sunday; date_diff('week') counts ISO (Monday) weeks. Shift both a day forward.
    case 'week': return `(date_diff('day', date_trunc('week', ${ts(a)} + INTERVAL 1 DAY), date_trunc('week', ${ts(b)} + INTERVAL 1 DAY)) // 7)`;
    case 'iso_week': return `(date_diff('day', date_trunc('week', ${ts(a)}), date_trunc('week', ${ts(b)})) // 7)`;
    case 'dayofyear': case 'weekday': return `date_diff('day', ${ts(a)}, ${ts(b)})`;
    case 'nanosecond': return `(date_diff('microsecond', ${ts(a)}, ${ts(b)}) * 1000)`;
    case 'tzoffset': return '0';
    default: return `date_diff('${unit}', ${ts(a)}, ${ts(b)})`;
  }
}

function datePart(unit: DateUnit, d: string): string {
  const x = ts(d);
  switch (unit) {
    case 'year': case 'quarter': case 'month': case 'day': case 'dayofyear': case 'hour': case 'minute': case 'second':
      return `${unit}(${x})`;
    case 'weekday': return `(dayofweek(${x}) + 1)`;
    case 'week': return tsqlWeek(`dayofyear(${x})`, `dayofweek(date_trunc('year', ${x}))`);
    case 'iso_week': return `week(${x})`;
    case 'millisecond': return `(millisecond(${x}) % 1000)`;
    case 'microsecond': return `(microsecond(${x}) % 1000000)`;
    case 'nanosecond': return `((microsecond(${x}) % 1000000) * 1000)`;
    case 'tzoffset': return '0';
  }
}

export const duckdb: Dialect = {
  name: 'duckdb',
  flags: {
    qualify: true, fetchWithTies: false, rowLimit: 'limit', lateral: 'lateral', ilike: true, typedDivision: false,
    recursiveKeyword: true, concatOperator: '||', createView: 'CREATE OR REPLACE VIEW', quote: ['"', '"'], likeBracketClasses: false, booleanLiterals: true,
    updateFrom: 'from', deleteUsing: 'using', dmlNeedsWhere: false, returning: true, mergeBySource: true, identity: 'sequence',
  },
  types: DUCKDB_TYPES,
  // DuckDB's reserved words are PostgreSQL's (same grammar lineage).
  reserved: new Set([...POSTGRES_RESERVED, 'QUALIFY', 'PIVOT', 'UNPIVOT']),
  integerDivide: (l, r) => `${l} // ${r}`,
  regexMatch: (s, re, ci) => `regexp_full_match(${s}, ${re}${ci ? ", 'i'" : ''})`,
  functions: {
    ...BASE_FUNCTIONS,
    ByteLength: 'strlen',
    // DECIMAL / DECIMAL is a DOUBLE here. Exactly instead: both operands as unscaled 128-bit integers,
    // the dividend shifted so the integer quotient (// truncates toward zero, as SQL Server does)
    // carries `scale` decimals, then scaled back as a DECIMAL. The shifted dividend has at most the
    // result's precision in digits, within 38, so it fits a HUGEINT; only when the quotient's integral
    // part needs 32+ digits (SQL Server then keeps 6 decimals) can a huge dividend overflow, loudly.
    DivideDecimal: (a, _c, call) => {
      const [xScale, yScale, scale] = [intArg(call, 2), intArg(call, 3), intArg(call, 4)];
      // Widened first: DuckDB keeps DECIMAL(18, 4) * 10000 at 18 digits and overflows.
      const unscaled = (x: string, n: number) => (n === 0 ? `CAST(${x} AS HUGEINT)` : `CAST(CAST(${x} AS DECIMAL(38, ${n})) * ${powerOfTen(n)} AS HUGEINT)`);
      const shift = scale + yScale - xScale;
      const dividend = shift > 0 ? `${unscaled(a[0]!, xScale)} * CAST('${powerOfTen(shift)}' AS HUGEINT)` : unscaled(a[0]!, xScale);
      const divisor = shift < 0 ? `${unscaled(a[1]!, yScale)} * CAST('${powerOfTen(-shift)}' AS HUGEINT)` : unscaled(a[1]!, yScale);
      return `(CAST(${dividend} // ${divisor} AS DECIMAL(38, 0)) * ${tenthPower(scale)})`;
    },
    // No regexp_instr: the position is the length of the shortest prefix before the first match, plus one.
    RegexpPosition: (a, c, call) => {
      const re = c.literal(call, 1) ?? '';
      if (re.startsWith('^')) return `CASE WHEN regexp_matches(${a[0]}, ${a[1]}) THEN 1 ELSE 0 END`;
      return `CASE WHEN regexp_matches(${a[0]}, ${a[1]}) THEN length(regexp_extract(${a[0]}, ${c.quoteString(`^(.*?)(?:${re})`)}, 1)) + 1 ELSE 0 END`;
    },
    FormatDate: (a, c, call) => `strftime(${ts(a[0]!)}, ${c.quoteString(formatPattern(patternOf(c, call), FORMAT))})`,
    ParseDate: (a, c, call) => `strptime(${a[0]}, ${c.quoteString(formatPattern(patternOf(c, call), FORMAT))})`,
    CurrentTimestamp: 'current_localtimestamp', CurrentUtcTimestamp: "CAST(timezone('UTC', now()) AS TIMESTAMP)",
    DateAdd: (a, c, call) => {
      const sum = `(${ts(a[2]!)} + ${interval(c.unit(call), a[1]!)})`;
      return c.argIs(call, 2, 'date') ? `CAST(${sum} AS DATE)` : sum;
    },
    DateDiff: (a, c, call) => dateDiff(c.unit(call), a[1]!, a[2]!),
    DatePart: (a, c, call) => datePart(c.unit(call), a[1]!),
    DateName: (a, c, call) => {
      const u = c.unit(call);
      if (u === 'month') return `monthname(${ts(a[1]!)})`;
      if (u === 'weekday') return `dayname(${ts(a[1]!)})`;
      return `CAST(${datePart(u, a[1]!)} AS VARCHAR)`;
    },
    EndOfMonth: 'last_day(CAST({0} AS DATE))',
    DateTimeFromParts: 'make_timestamp({0}, {1}, {2}, {3}, {4}, {5} + {6} / 1000.0)',
    NewId: 'uuid',
    JsonValue: 'json_extract_string({0}, {1})',
    // Ordered-set aggregates are also window functions in SQL Server; DuckDB spells them quantile_*.
    PercentileCont: (a, c, call) => `quantile_cont(${c.orderSuffix(call).replace(/^ ORDER BY /, '')}, ${a[0]})`,
    PercentileDisc: (a, c, call) => `quantile_disc(${c.orderSuffix(call).replace(/^ ORDER BY /, '')}, ${a[0]})`,
    // format() is fmt's: '{:,.2f}' groups thousands with ','. Rounding happens in the DECIMAL cast (half away from zero).
    FormatNumber: (a, _c, call) => {
      const [d, grouping, digits] = [intArg(call, 1), intArg(call, 2), intArg(call, 3)];
      if (digits > 1) return zeroPadded(a[0]!, digits, 'VARCHAR');
      const fixed = `CAST(${a[0]} AS DECIMAL(38, ${d}))`;
      return grouping ? `format('{:,.${d}f}', CAST(${fixed} AS DOUBLE))` : `CAST(${fixed} AS VARCHAR)`;
    },
    IsNumeric: (a) => `CASE WHEN regexp_full_match(CAST(${a[0]} AS VARCHAR), '${ISNUMERIC_RE}') THEN 1 ELSE 0 END`,
    // datetime's range starts in 1753; TRY_CAST accepts ISO 8601 text.
    IsDate: (a) => `CASE WHEN TRY_CAST(${a[0]} AS TIMESTAMP) BETWEEN TIMESTAMP '1753-01-01' AND TIMESTAMP '9999-12-31 23:59:59.997' THEN 1 ELSE 0 END`,
    // time_bucket with an explicit origin: SQL Server's default is 1900-01-01 (DuckDB's is 2000-01-03).
    DateBucket: (a, c, call) => {
      const origin = a[3] ?? (c.argIs(call, 2, 'date') ? "DATE '1900-01-01'" : "TIMESTAMP '1900-01-01'");
      return `time_bucket(${interval(c.unit(call), a[1]!)}, ${a[2]}, ${origin})`;
    },
    BitCount: 'bit_count',
    HashMd5: 'unhex(md5({0}))', HashSha1: 'unhex(sha1({0}))', HashSha256: 'unhex(sha256({0}))',
    HashSha512: { unsupported: 'DuckDB has no SHA-512' },
    // hash() is 64-bit unsigned; folded into int's range as CHECKSUM returns int.
    Checksum: 'CAST(hash({*}) % 2147483648 AS INTEGER)',
    ApproxCountDistinct: 'approx_count_distinct',
    IsJson: (a, _c, call) => {
      const kinds = jsonKinds(call.args[1]?.kind === 'Lit' ? call.args[1].value : '', JSON_TYPES);
      return `CASE WHEN ${a[0]} IS NULL THEN NULL WHEN json_valid(${a[0]}) THEN CASE WHEN json_type(${a[0]}) IN (${kinds}) THEN 1 ELSE 0 END ELSE 0 END`;
    },
    JsonPathExists: 'CAST(json_exists({0}, {1}) AS INTEGER)',
    // RE2, like SQL Server's regular expressions; options are the same letters (c, i, g).
    RegexpLike: 'regexp_matches({0}, {1}, {2})',
    RegexpReplace: (a, c, call) => `regexp_replace(${a[0]}, ${a[1]}, ${regexReplacement(a[2]!, c, call, '\\0')}, ${c.quoteString(regexFlags(call))})`,
    RegexpCount: 'length(regexp_extract_all({0}, {1}, 0, {2}))',
    // regexp_extract gives '' when nothing matches; REGEXP_SUBSTR gives NULL.
    RegexpSubstr: 'CASE WHEN regexp_matches({0}, {1}, {2}) THEN regexp_extract({0}, {1}, 0, {2}) END',
    // No regexp_instr: one plus the length of the shortest prefix before the first match.
    RegexpInstr: "CASE WHEN regexp_matches({0}, {1}, {2}) THEN length(regexp_extract({0}, '^((?s:.*?))(?:' || {1} || ')', 1, {2})) + 1 ELSE 0 END",
    // json_extract re-serialises the fragment: same JSON, but whitespace inside it is dropped.
    JsonQuery: (a, c, call) => {
      const path = c.literal(call, 1);
      if (path !== undefined && jsonPathSteps(path) === undefined) return c.unsupported(call, 'MD3001', { construct: `JSON_QUERY path '${path}'`, target: 'duckdb' }) + 'NULL';
      const p = path !== undefined ? c.quoteString(path.replace(/^lax\s+/, '')) : a[1];
      const x = `json_extract(${a[0]}, ${p})`;
      return c.unsupported(call, 'MD3002', { name: 'JSON_QUERY', target: 'duckdb', detail: 'the fragment is re-serialised without whitespace' }) +
        `CASE WHEN json_type(${x}) IN ('OBJECT', 'ARRAY') THEN CAST(${x} AS VARCHAR) END`;
    },
  },
};
