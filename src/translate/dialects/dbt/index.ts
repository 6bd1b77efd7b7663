/**
 * `dbt`: SQL for a dbt project that must run on any warehouse. Where the spelling differs between
 * warehouses, dbt's cross-database macros are emitted
 * (https://docs.getdbt.com/reference/dbt-jinja-functions/cross-database-macros: `dateadd(datepart,
 * interval, from_date_or_timestamp)`, `datediff(first_date, second_date, datepart)`,
 * `concat(fields)`, `position(substring_text, string_text)`, `length(expression)`,
 * `replace(field, old_chars, new_chars)`, `right(string_text, length_expression)`,
 * `listagg(measure, delimiter_text, order_by_clause, limit_num)`, `date_trunc(datepart, date)`,
 * `last_day(date, datepart)`, `safe_cast(field, type)`, `cast(field, type)`, `current_timestamp()`
 * and the `type_*()` macros). Where no macro covers the T-SQL semantics, the output is ANSI SQL
 * that runs on both DuckDB and PostgreSQL (the two engines the tests execute on).
 */
import type { DateUnit } from '../../ir.js';
import type { SqlType, TypeName } from '../../types.js';
import { BASE_FUNCTIONS, dateTrunc, intArg, strposFrom } from '../common.js';
import type { Dialect, TypeRender } from '../dialect.js';
import { POSTGRES_RESERVED } from '../postgres/reserved.js';
import { jarg, macro } from './jinja.js';

const T = (name: string) => `{{ dbt.type_${name}() }}`;
const len = (base: string, fallback?: number) => (t: SqlType) => {
  const n = t.args[0];
  if (n === 'max') return T('string');
  return n !== undefined ? `${base}(${n})` : fallback !== undefined ? `${base}(${fallback})` : T('string');
};

const TYPES: Readonly<Record<TypeName, TypeRender>> = {
  bigint: { sql: T('bigint') }, int: { sql: T('int') }, smallint: { sql: 'SMALLINT' }, tinyint: { sql: 'SMALLINT' },
  // bit is numeric in T-SQL (bit = 0 is idiomatic): a small integer, not dbt.type_boolean().
  bit: { sql: 'SMALLINT' },
  // dbt.type_numeric() is numeric(28,6) on PostgreSQL: the declared precision and scale are kept instead.
  decimal: { sql: (t) => (t.args[0] === undefined ? T('numeric') : `NUMERIC(${t.args[0]}, ${t.args[1] ?? 0})`) },
  money: { sql: 'NUMERIC(19, 4)' }, smallmoney: { sql: 'NUMERIC(10, 4)' },
  // dbt.type_float() is `float`, which is 4 bytes on some engines (DuckDB); T-SQL float is 8 bytes.
  float: { sql: (t) => (typeof t.args[0] === 'number' && t.args[0] <= 24 ? 'REAL' : 'DOUBLE PRECISION') }, real: { sql: 'REAL' },
  date: { sql: 'DATE' }, time: { sql: 'TIME' },
  datetime: { sql: T('timestamp') }, datetime2: { sql: T('timestamp') }, smalldatetime: { sql: T('timestamp') },
  datetimeoffset: { sql: T('timestamp'), loss: 'the offset is dropped (dbt has no cross-database timestamp-with-zone type)' },
  char: { sql: len('CHAR', 1) }, nchar: { sql: len('CHAR', 1) },
  varchar: { sql: len('VARCHAR') }, nvarchar: { sql: len('VARCHAR') },
  text: { sql: T('string') }, ntext: { sql: T('string') },
  binary: { sql: T('string'), loss: 'no cross-database binary type; kept as text' },
  varbinary: { sql: T('string'), loss: 'no cross-database binary type; kept as text' },
  image: { sql: T('string'), loss: 'no cross-database binary type; kept as text' },
  rowversion: { sql: T('string'), loss: 'no cross-database binary type; kept as text' },
  uniqueidentifier: { sql: 'UUID' },
  xml: { sql: T('string'), loss: 'stored as text' }, json: { sql: T('string'), loss: 'stored as text' },
  sql_variant: { sql: T('string'), loss: 'values keep their text form only' },
  hierarchyid: { sql: T('string'), loss: 'stored as its path string' },
  geography: { sql: T('string'), loss: 'stored as WKT text' }, geometry: { sql: T('string'), loss: 'stored as WKT text' },
};

/** Dateparts dbt's dateadd/datediff/date_trunc take whose meaning matches T-SQL's. */
const MACRO_UNITS: Readonly<Partial<Record<DateUnit, string>>> = {
  year: 'year', quarter: 'quarter', month: 'month', day: 'day', dayofyear: 'day', weekday: 'day', hour: 'hour', minute: 'minute', second: 'second',
};
const q = (s: string) => `'${s}'`;

function extract(unit: DateUnit, d: string): string | undefined {
  const ex = (f: string) => `CAST(extract(${f} FROM ${d}) AS INTEGER)`;
  switch (unit) {
    case 'year': case 'quarter': case 'month': case 'day': case 'hour': case 'minute': return ex(unit);
    case 'dayofyear': return ex('doy');
    case 'weekday': return `(${ex('dow')} + 1)`;
    case 'second': return `CAST(floor(extract(second FROM ${d})) AS INTEGER)`;
    default: return undefined;
  }
}

export const dbt: Dialect = {
  name: 'dbt',
  flags: {
    qualify: false, fetchWithTies: false, rowLimit: 'limit', lateral: 'lateral', ilike: false, typedDivision: false,
    recursiveKeyword: true, concatOperator: '||', createView: 'CREATE OR REPLACE VIEW', quote: ['"', '"'], likeBracketClasses: false, booleanLiterals: true,
    // DML in a dbt project lives in hooks and macros; the ANSI-ish forms PostgreSQL, DuckDB and Snowflake share.
    updateFrom: 'from', deleteUsing: 'using', dmlNeedsWhere: false, returning: false, mergeBySource: false, identity: 'none',
  },
  types: TYPES,
  // The quoting a dbt model needs is the adapter's; PostgreSQL's reserved words are the common core.
  reserved: POSTGRES_RESERVED,
  // Truncating integer division on engines where `/` is exact (DuckDB) and where it is not (PostgreSQL).
  integerDivide: (l, r) => `CAST((${l} - mod(${l}, ${r})) / ${r} AS ${T('bigint')})`,
  // `~` is a full match on DuckDB and a search on PostgreSQL; the regex is anchored (^…$), so both agree.
  regexMatch: (s, re, ci) => (ci ? `lower(${s}) ~ lower(${re})` : `${s} ~ ${re}`),
  functions: {
    ...BASE_FUNCTIONS,
    Length: (a) => macro('length', [a[0]!]),
    // Exact per adapter in the project's macro (dbt/project-files.ts: divideDecimalMacro).
    DivideDecimal: (a, _c, call) => `{{ mssql2dbt_divide_decimal(${jarg(a[0]!)}, ${jarg(a[1]!)}, ${intArg(call, 2)}, ${intArg(call, 3)}, ${intArg(call, 4)}) }}`,
    StrPosition: (a) => (a.length > 2 ? strposFrom(a[0]!, a[1]!, a[2]!, 'strpos') : macro('position', [a[1]!, a[0]!])),
    Replace: (a) => macro('replace', [a[0]!, a[1]!, a[2]!]),
    Right: (a) => macro('right', [a[0]!, a[1]!]),
    RegexpPosition: { unsupported: 'no cross-database regular-expression position (regexp_instr is not on DuckDB)' },
    StringAgg: (a, c, call) => {
      const order = c.orderSuffix(call).trim();
      return macro('listagg', [`CAST(${a[0]} AS ${T('string')})`, a[1]!, ...(order ? [order.replace(/^ORDER BY/, 'order by')] : [])]);
    },
    CurrentTimestamp: () => '{{ dbt.current_timestamp() }}',
    DateAdd: (a, c, call) => {
      const u = c.unit(call);
      const part = MACRO_UNITS[u] ?? (u === 'week' ? 'week' : undefined);
      if (!part) return c.unsupported(call, 'MD3010', { unit: u, fn: 'DATEADD', target: 'dbt' }) + `${a[2]}`;
      // dbt-duckdb's dateadd multiplies `interval '1 <part>'`, and DuckDB has no quarter interval: 3 months.
      const out = part === 'quarter'
        ? `{{ dbt.dateadd('month', ${jarg(`3 * (${a[1]})`)}, ${jarg(a[2]!)}) }}`
        : `{{ dbt.dateadd(${q(part)}, ${jarg(a[1]!)}, ${jarg(a[2]!)}) }}`;
      // DATEADD keeps the type of its date argument; the macros return a timestamp for dates on PostgreSQL.
      return c.argIs(call, 2, 'date') ? `CAST(${out} AS DATE)` : out;
    },
    DateDiff: (a, c, call) => {
      const u = c.unit(call);
      const part = MACRO_UNITS[u];
      if (part) return `{{ dbt.datediff(${jarg(a[1]!)}, ${jarg(a[2]!)}, ${q(part)}) }}`;
      if (u === 'week') {
        // Sunday-based weeks crossed: days between the Sundays on or before each date, over 7.
        const days = `{{ dbt.datediff(${jarg(a[1]!)}, ${jarg(a[2]!)}, 'day') }}`;
        return `CAST((${days} - extract(dow FROM CAST(${a[2]} AS DATE)) + extract(dow FROM CAST(${a[1]} AS DATE))) / 7 AS ${T('int')})`;
      }
      return c.unsupported(call, 'MD3010', { unit: u, fn: 'DATEDIFF', target: 'dbt' }) + 'NULL';
    },
    DatePart: (a, c, call) => extract(c.unit(call), a[1]!) ?? c.unsupported(call, 'MD3010', { unit: c.unit(call), fn: 'DATEPART', target: 'dbt' }) + 'NULL',
    DateName: (a, c, call) => {
      const e = extract(c.unit(call), a[1]!);
      return e && c.unit(call) !== 'month' && c.unit(call) !== 'weekday'
        ? `CAST(${e} AS ${T('string')})`
        : c.unsupported(call, 'MD3010', { unit: c.unit(call), fn: 'DATENAME', target: 'dbt' }) + 'NULL';
    },
    DateTrunc: (a, c, call) => {
      const u = c.unit(call);
      return MACRO_UNITS[u] && u !== 'dayofyear' && u !== 'weekday' ? `{{ dbt.date_trunc(${q(u)}, ${jarg(a[1]!)}) }}` : dateTrunc(u, a[1]!);
    },
    EndOfMonth: (a) => `CAST({{ dbt.last_day(${jarg(a[0]!)}, 'month') }} AS DATE)`,
    // round(double, n) does not exist on PostgreSQL; numeric rounds half away from zero like T-SQL.
    Round: (a, c, call) => (c.argIs(call, 0, 'exact') || c.argIs(call, 0, 'integer') ? `round(${a[0]}, ${a[1]})` : `round(CAST(${a[0]} AS NUMERIC), ${a[1]})`),
    TruncateNum: (a, c, call) => (c.argIs(call, 0, 'exact') || c.argIs(call, 0, 'integer') ? `trunc(${a[0]}, ${a[1]})` : `trunc(CAST(${a[0]} AS NUMERIC), ${a[1]})`),
    Avg: (a, c, call) => (c.argIs(call, 0, 'integer') ? `CAST(trunc(avg(${a[0]})) AS ${T('bigint')})` : `avg(${a[0]})`),
    // dbt.hash is md5 as hex text on every adapter: the row hash CHECKSUM stands for (values already differ from SQL Server's).
    Checksum: (a) => macro('hash', [`concat_ws('|', ${a.join(', ')})`]),
    // DuckDB and PostgreSQL spell the regexp functions differently and dbt has no macro for them.
    RegexpLike: { unsupported: 'no cross-database regexp macro' }, RegexpReplace: { unsupported: 'no cross-database regexp macro' },
    RegexpCount: { unsupported: 'no cross-database regexp macro' }, RegexpSubstr: { unsupported: 'no cross-database regexp macro' },
    RegexpInstr: { unsupported: 'no cross-database regexp macro' },
  },
};
