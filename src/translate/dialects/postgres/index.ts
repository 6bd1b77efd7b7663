/** PostgreSQL (15+). Standard SQL spelling; date arithmetic via make_interval and extract. */
import type { DateUnit } from '../../ir.js';
import { BASE_FUNCTIONS, formatPattern, intArg, jsonPathSteps, patternOf, tsqlWeek, zeroPadded } from '../common.js';
import type { Dialect } from '../dialect.js';
import { POSTGRES_RESERVED } from './reserved.js';
import { POSTGRES_TYPES } from './types.js';

const FORMAT: Readonly<Record<string, string>> = { yyyy: 'YYYY', yy: 'YY', MM: 'MM', dd: 'DD', HH: 'HH24', mi: 'MI', ss: 'SS', fff: 'MS', Mon: 'Mon', Month: 'FMMonth' };
// to_char treats some letters as patterns; double quotes make them literal.
const quoteLetters = (c: string) => (/[A-Za-z]/.test(c) ? `"${c}"` : c);

const ts = (x: string) => (/^CAST\(.* AS TIMESTAMP(\(\d\))?\)$/.test(x) ? x : `CAST(${x} AS TIMESTAMP)`);

/** The interval DATEADD adds: `n` units. */
function intervalOf(unit: DateUnit, n: string): string {
  // make_interval takes integers for these fields; T-SQL truncates a fractional count the same way.
  const i = `CAST(trunc(${n}) AS INTEGER)`;
  switch (unit) {
    case 'year': return `make_interval(years => ${i})`;
    case 'quarter': return `make_interval(months => 3 * ${i})`;
    case 'month': return `make_interval(months => ${i})`;
    case 'week': return `make_interval(weeks => ${i})`;
    case 'day': case 'dayofyear': case 'weekday': return `make_interval(days => ${i})`;
    case 'hour': return `make_interval(hours => ${i})`;
    case 'minute': return `make_interval(mins => ${i})`;
    case 'second': return `make_interval(secs => ${i})`;
    case 'millisecond': return `make_interval(secs => ${i} / 1000.0)`;
    case 'microsecond': return `make_interval(secs => ${i} / 1000000.0)`;
    default: return `make_interval(secs => ${i} / 1000000000.0)`;
  }
}

/** Whole units between two timestamps after truncating both: the count of boundaries crossed. */
function dateDiff(unit: DateUnit, a: string, b: string): string {
  const y = (x: string) => `extract(year FROM ${ts(x)})`;
  const m = (x: string) => `extract(month FROM ${ts(x)})`;
  const q = (x: string) => `extract(quarter FROM ${ts(x)})`;
  const epoch = (u: string, div: string) => `CAST(floor(extract(epoch FROM date_trunc('${u}', ${ts(b)}) - date_trunc('${u}', ${ts(a)}))${div}) AS BIGINT)`;
  switch (unit) {
    case 'year': return `CAST(${y(b)} - ${y(a)} AS INTEGER)`;
    case 'quarter': return `CAST((${y(b)} * 4 + ${q(b)}) - (${y(a)} * 4 + ${q(a)}) AS INTEGER)`;
    case 'month': return `CAST((${y(b)} * 12 + ${m(b)}) - (${y(a)} * 12 + ${m(a)}) AS INTEGER)`;
    case 'day': case 'dayofyear': case 'weekday': return `(CAST(${b} AS DATE) - CAST(${a} AS DATE))`;
    // Sunday-based weeks: shifting a day forward makes date_trunc's Monday weeks start on Sunday.
    case 'week': return `((CAST(date_trunc('week', CAST(${b} AS DATE) + 1) AS DATE) - CAST(date_trunc('week', CAST(${a} AS DATE) + 1) AS DATE)) / 7)`;
    case 'iso_week': return `((CAST(date_trunc('week', CAST(${b} AS DATE)) AS DATE) - CAST(date_trunc('week', CAST(${a} AS DATE)) AS DATE)) / 7)`;
    case 'hour': return epoch('hour', ' / 3600');
    case 'minute': return epoch('minute', ' / 60');
    case 'second': return epoch('second', '');
    case 'millisecond': return epoch('milliseconds', ' * 1000');
    case 'microsecond': return epoch('microseconds', ' * 1000000');
    default: return epoch('microseconds', ' * 1000000000');
  }
}

function datePart(unit: DateUnit, d: string): string {
  const x = ts(d);
  const ex = (f: string) => `CAST(extract(${f} FROM ${x}) AS INTEGER)`;
  switch (unit) {
    case 'year': case 'quarter': case 'month': case 'day': case 'hour': case 'minute': return ex(unit);
    case 'dayofyear': return ex('doy');
    case 'weekday': return `(${ex('dow')} + 1)`;
    case 'week': return tsqlWeek(ex('doy'), `extract(dow FROM date_trunc('year', ${x}))`);
    case 'iso_week': return ex('week');
    case 'second': return `CAST(floor(extract(second FROM ${x})) AS INTEGER)`;
    case 'millisecond': return `(CAST(floor(extract(milliseconds FROM ${x})) AS INTEGER) % 1000)`;
    case 'microsecond': return `(CAST(floor(extract(microseconds FROM ${x})) AS INTEGER) % 1000000)`;
    case 'nanosecond': return `((CAST(floor(extract(microseconds FROM ${x})) AS INTEGER) % 1000000) * 1000)`;
    case 'tzoffset': return '0';
  }
}

/**
 * DATE_BUCKET: date_bin for fixed-length units (any origin); months, quarters and years are counted
 * from SQL Server's default origin 1900-01-01 (another origin: undefined, the caller marks it).
 */
function dateBucket(unit: DateUnit, a: readonly string[], isDate: boolean): string | undefined {
  const origin = a[3] ?? "TIMESTAMP '1900-01-01'";
  const months = unit === 'year' ? 12 : unit === 'quarter' ? 3 : unit === 'month' ? 1 : 0;
  let out: string;
  if (months) {
    if (a[3] !== undefined) return undefined;
    const d = ts(a[2]!);
    const width = `(${months} * CAST(trunc(${a[1]}) AS INTEGER))`;
    const since = `CAST((extract(year FROM ${d}) - 1900) * 12 + extract(month FROM ${d}) - 1 AS INTEGER)`;
    out = `(TIMESTAMP '1900-01-01' + make_interval(months => CAST(floor(CAST(${since} AS NUMERIC) / ${width}) AS INTEGER) * ${width}))`;
  } else {
    out = `date_bin(${intervalOf(unit, a[1]!)}, ${ts(a[2]!)}, ${origin})`;
  }
  return isDate ? `CAST(${out} AS DATE)` : out;
}

export const postgres: Dialect = {
  name: 'postgres',
  flags: {
    qualify: false, fetchWithTies: true, rowLimit: 'limit', lateral: 'lateral', ilike: true, typedDivision: true,
    recursiveKeyword: true, concatOperator: '||', createView: 'CREATE OR REPLACE VIEW', quote: ['"', '"'], likeBracketClasses: false, booleanLiterals: true,
    updateFrom: 'from', deleteUsing: 'using', dmlNeedsWhere: false, returning: true, mergeBySource: false, identity: 'generated',
  },
  types: POSTGRES_TYPES,
  reserved: POSTGRES_RESERVED,
  integerDivide: (l, r) => `${l} / ${r}`,
  regexMatch: (s, re, ci) => `${s} ${ci ? '~*' : '~'} ${re}`,
  functions: {
    ...BASE_FUNCTIONS,
    // round(double, n) does not exist and round(double) rounds half to even; numeric rounds half away from zero like T-SQL.
    Round: (a, c, call) => (c.argIs(call, 0, 'exact') || c.argIs(call, 0, 'integer') ? `round(${a[0]}, ${a[1]})` : `round(CAST(${a[0]} AS NUMERIC), ${a[1]})`),
    TruncateNum: (a, c, call) => (c.argIs(call, 0, 'exact') || c.argIs(call, 0, 'integer') ? `trunc(${a[0]}, ${a[1]})` : `trunc(CAST(${a[0]} AS NUMERIC), ${a[1]})`),
    RegexpPosition: 'regexp_instr',
    // The database collation may order 'abc' before 'ABC'; code-point order is every other target's.
    AnySpelling: 'min({0} COLLATE "C")',
    // numeric division rounds to a scale of its choosing: div() of the shifted dividend is the exact
    // quotient truncated toward zero, as SQL Server's; 1e<n> and 1e-<n> are exact numerics.
    DivideDecimal: (a, _c, call) => {
      const scale = intArg(call, 4);
      return `(div((${a[0]}) * 1e${scale}, ${a[1]}) * 1e-${scale})`;
    },
    FormatDate: (a, c, call) => `to_char(${a[0]}, ${c.quoteString(formatPattern(patternOf(c, call), FORMAT, quoteLetters))})`,
    ParseDate: (a, c, call) => `to_timestamp(${a[0]}, ${c.quoteString(formatPattern(patternOf(c, call), FORMAT, quoteLetters))})`,
    DateAdd: (a, c, call) => {
      const sum = `(${ts(a[2]!)} + ${intervalOf(c.unit(call), a[1]!)})`;
      // DATEADD keeps the type of its date argument.
      return c.argIs(call, 2, 'date') ? `CAST(${sum} AS DATE)` : sum;
    },
    DateDiff: (a, c, call) => dateDiff(c.unit(call), a[1]!, a[2]!),
    DatePart: (a, c, call) => datePart(c.unit(call), a[1]!),
    DateName: (a, c, call) => {
      const u = c.unit(call);
      if (u === 'month') return `trim(to_char(${ts(a[1]!)}, 'FMMonth'))`;
      if (u === 'weekday') return `trim(to_char(${ts(a[1]!)}, 'FMDay'))`;
      return `CAST(${datePart(u, a[1]!)} AS VARCHAR)`;
    },
    Log10: 'log',
    JsonValue: "(jsonb_path_query_first(CAST({0} AS JSONB), CAST({1} AS JSONPATH)) #>> '{}')",
    StringAgg: (a, c, call) => `string_agg(CAST(${a[0]} AS TEXT), ${a[1]}${c.orderSuffix(call)})`,
    // to_char rounds numeric half away from zero; FM drops the padding. 30 integer digits fit DECIMAL(38, ≤ 8).
    FormatNumber: (a, _c, call) => {
      const [d, grouping, digits] = [intArg(call, 1), intArg(call, 2), intArg(call, 3)];
      if (digits > 1) return zeroPadded(a[0]!, digits, 'TEXT');
      const fixed = `CAST(${a[0]} AS NUMERIC(38, ${d}))`;
      if (!grouping) return `CAST(${fixed} AS TEXT)`;
      return `to_char(${fixed}, 'FM${'999,'.repeat(9)}990${d ? '.' + '0'.repeat(d) : ''}')`;
    },
    DateBucket: (a, c, call) => dateBucket(c.unit(call), a, c.argIs(call, 2, 'date')) ?? c.unsupported(call, 'MD3010', { unit: c.unit(call), fn: 'DATE_BUCKET with an origin', target: 'postgres' }) + 'NULL',
    BitCount: 'bit_count(CAST(CAST({0} AS BIGINT) AS BIT(64)))',
    // md5() returns hex text; sha256/sha512 take bytea: the UTF-8 bytes of the text.
    HashMd5: "decode(md5({0}), 'hex')", HashSha1: { unsupported: 'SHA-1 needs the pgcrypto extension (digest(x, \'sha1\'))' },
    HashSha256: "sha256(convert_to({0}, 'UTF8'))", HashSha512: "sha512(convert_to({0}, 'UTF8'))",
    Checksum: 'hashtext(CAST(ROW({*}) AS TEXT))',
    JsonPathExists: 'CAST(jsonb_path_exists(CAST({0} AS JSONB), CAST({1} AS JSONPATH)) AS INTEGER)',
    // The json type (not jsonb) keeps the fragment's text as written, as SQL Server returns it.
    JsonQuery: (a, c, call) => {
      const steps = jsonPathSteps(c.literal(call, 1) ?? '!');
      if (!steps) return c.unsupported(call, 'MD3001', { construct: 'JSON_QUERY with a path that is not a literal of keys and indexes', target: 'postgres' }) + 'NULL';
      const x = steps.length ? `(CAST(${a[0]} AS JSON) #> ARRAY[${steps.map((s) => c.quoteString(s)).join(', ')}]::TEXT[])` : `CAST(${a[0]} AS JSON)`;
      return `CASE WHEN json_typeof(${x}) IN ('object', 'array') THEN CAST(${x} AS TEXT) END`;
    },
  },
};
