/** BigQuery (GoogleSQL). Identifiers in backticks; DATE_DIFF counts boundaries like SQL Server. */
import type { DateUnit } from '../../ir.js';
import { BASE_FUNCTIONS, formatPattern, ISNUMERIC_RE, jsonEscape, jsonKinds, patternOf, strposFrom } from '../common.js';
import type { Dialect, TypeRender } from '../dialect.js';
import type { TypeName } from '../../types.js';

const FORMAT: Readonly<Record<string, string>> = { yyyy: '%Y', yy: '%y', MM: '%m', dd: '%d', HH: '%H', mi: '%M', ss: '%S', fff: '%E3S', Mon: '%b', Month: '%B', '%': '%%' };
const PART: Partial<Record<DateUnit, string>> = { weekday: 'DAYOFWEEK', dayofyear: 'DAYOFYEAR', iso_week: 'ISOWEEK', week: 'WEEK' };
const part = (u: DateUnit) => PART[u] ?? u.toUpperCase();

const TYPES: Readonly<Record<TypeName, TypeRender>> = {
  bigint: { sql: 'INT64' }, int: { sql: 'INT64' }, smallint: { sql: 'INT64' }, tinyint: { sql: 'INT64' }, bit: { sql: 'INT64' },
  decimal: { sql: (t) => (Number(t.args[0] ?? 18) > 29 ? `BIGNUMERIC(${t.args[0]}, ${t.args[1] ?? 0})` : `NUMERIC(${t.args[0] ?? 18}, ${t.args[1] ?? 0})`) },
  money: { sql: 'NUMERIC(19, 4)' }, smallmoney: { sql: 'NUMERIC(10, 4)' }, float: { sql: 'FLOAT64' }, real: { sql: 'FLOAT64' },
  date: { sql: 'DATE' }, time: { sql: 'TIME' }, datetime: { sql: 'DATETIME' }, datetime2: { sql: 'DATETIME' }, smalldatetime: { sql: 'DATETIME' },
  datetimeoffset: { sql: 'TIMESTAMP', loss: 'stores the instant; the original offset is not kept' },
  char: { sql: 'STRING' }, nchar: { sql: 'STRING' }, varchar: { sql: 'STRING' }, nvarchar: { sql: 'STRING' }, text: { sql: 'STRING' }, ntext: { sql: 'STRING' },
  binary: { sql: 'BYTES' }, varbinary: { sql: 'BYTES' }, image: { sql: 'BYTES' }, rowversion: { sql: 'BYTES' },
  uniqueidentifier: { sql: 'STRING' }, xml: { sql: 'STRING', loss: 'XML is kept as text' }, json: { sql: 'JSON' },
  sql_variant: { sql: 'STRING', loss: 'values keep their text form only' }, hierarchyid: { sql: 'STRING', loss: 'stored as its path string' },
  geography: { sql: 'GEOGRAPHY' }, geometry: { sql: 'GEOGRAPHY', loss: 'planar geometry becomes spherical geography' },
};

export const bigquery: Dialect = {
  name: 'bigquery',
  flags: {
    qualify: true, fetchWithTies: false, rowLimit: 'limit', lateral: 'lateral', ilike: false, typedDivision: false,
    recursiveKeyword: true, concatOperator: '||', createView: 'CREATE OR REPLACE VIEW', quote: ['`', '`'], likeBracketClasses: false, booleanLiterals: true,
    updateFrom: 'from', deleteUsing: false, dmlNeedsWhere: true, returning: false, mergeBySource: true, identity: 'none',
  },
  types: TYPES,
  reserved: new Set(['ALL', 'AND', 'ANY', 'ARRAY', 'AS', 'ASC', 'ASSERT_ROWS_MODIFIED', 'AT', 'BETWEEN', 'BY', 'CASE', 'CAST', 'COLLATE', 'CONTAINS', 'CREATE', 'CROSS', 'CUBE', 'CURRENT', 'DEFAULT', 'DEFINE', 'DESC', 'DISTINCT', 'ELSE', 'END', 'ENUM', 'ESCAPE', 'EXCEPT', 'EXCLUDE', 'EXISTS', 'EXTRACT', 'FALSE', 'FETCH', 'FOLLOWING', 'FOR', 'FROM', 'FULL', 'GROUP', 'GROUPING', 'GROUPS', 'HASH', 'HAVING', 'IF', 'IGNORE', 'IN', 'INNER', 'INTERSECT', 'INTERVAL', 'INTO', 'IS', 'JOIN', 'LATERAL', 'LEFT', 'LIKE', 'LIMIT', 'LOOKUP', 'MERGE', 'NATURAL', 'NEW', 'NO', 'NOT', 'NULL', 'NULLS', 'OF', 'ON', 'OR', 'ORDER', 'OUTER', 'OVER', 'PARTITION', 'PRECEDING', 'PROTO', 'QUALIFY', 'RANGE', 'RECURSIVE', 'RESPECT', 'RIGHT', 'ROLLUP', 'ROWS', 'SELECT', 'SET', 'SOME', 'STRUCT', 'TABLESAMPLE', 'THEN', 'TO', 'TREAT', 'TRUE', 'UNBOUNDED', 'UNION', 'UNNEST', 'USING', 'WHEN', 'WHERE', 'WINDOW', 'WITH', 'WITHIN']),
  integerDivide: (l, r) => `DIV(${l}, ${r})`,
  regexMatch: (s, re, ci) => `REGEXP_CONTAINS(${s}, ${ci ? `CONCAT('(?i)', ${re})` : re})`,
  functions: {
    ...BASE_FUNCTIONS,
    Left: 'LEFT', Right: 'RIGHT', Substring: 'SUBSTR', ByteLength: 'BYTE_LENGTH', Chr: 'CHR',
    StrPosition: (a) => (a.length > 2 ? strposFrom(a[0]!, a[1]!, a[2]!, 'STRPOS') : `STRPOS(${a[0]}, ${a[1]})`),
    RegexpPosition: 'REGEXP_INSTR',
    ReplaceCi: "REGEXP_REPLACE({0}, CONCAT('(?i)', {1}), {2})",
    Stuff: (a) => `CASE WHEN ${a[1]} < 1 OR ${a[1]} > LENGTH(${a[0]}) THEN NULL ELSE CONCAT(LEFT(${a[0]}, ${a[1]} - 1), COALESCE(${a[3]}, ''), SUBSTR(${a[0]}, ${a[1]} + ${a[2]})) END`,
    ConcatWs: { unsupported: 'BigQuery has no CONCAT_WS; use ARRAY_TO_STRING over the non-NULL values' },
    Translate: 'TRANSLATE',
    StringAgg: (a, c, call) => `STRING_AGG(CAST(${a[0]} AS STRING), ${a[1]}${c.orderSuffix(call)})`,
    FormatDate: (a, c, call) => `FORMAT_DATETIME(${c.quoteString(formatPattern(patternOf(c, call), FORMAT))}, CAST(${a[0]} AS DATETIME))`,
    ParseDate: (a, c, call) => `PARSE_DATETIME(${c.quoteString(formatPattern(patternOf(c, call), FORMAT))}, ${a[0]})`,
    CurrentTimestamp: 'CURRENT_DATETIME()', CurrentUtcTimestamp: "CURRENT_DATETIME('UTC')", CurrentDate: 'CURRENT_DATE()',
    DateAdd: (a, c, call) => `DATETIME_ADD(CAST(${a[2]} AS DATETIME), INTERVAL ${a[1]} ${part(c.unit(call)) === 'DAYOFWEEK' || part(c.unit(call)) === 'DAYOFYEAR' ? 'DAY' : part(c.unit(call))})`,
    // BigQuery's WEEK part starts on Sunday, as T-SQL's does.
    DateDiff: (a, c, call) => `DATETIME_DIFF(CAST(${a[2]} AS DATETIME), CAST(${a[1]} AS DATETIME), ${c.unit(call) === 'weekday' || c.unit(call) === 'dayofyear' ? 'DAY' : part(c.unit(call))})`,
    DatePart: (a, c, call) => (c.unit(call) === 'week' ? `(EXTRACT(WEEK FROM ${a[1]}) + CASE WHEN EXTRACT(DAYOFWEEK FROM DATE_TRUNC(${a[1]}, YEAR)) = 1 THEN 0 ELSE 1 END)` : `EXTRACT(${part(c.unit(call))} FROM ${a[1]})`),
    DateName: (a, c, call) => (c.unit(call) === 'month' ? `FORMAT_DATETIME('%B', CAST(${a[1]} AS DATETIME))` : c.unit(call) === 'weekday' ? `FORMAT_DATETIME('%A', CAST(${a[1]} AS DATETIME))` : `CAST(EXTRACT(${part(c.unit(call))} FROM ${a[1]}) AS STRING)`),
    DateTrunc: (a, c, call) => `DATETIME_TRUNC(CAST(${a[1]} AS DATETIME), ${part(c.unit(call))})`,
    EndOfMonth: 'LAST_DAY(CAST({0} AS DATE))', DateFromParts: 'DATE', DateTimeFromParts: 'DATETIME({0}, {1}, {2}, {3}, {4}, {5})',
    Log10: 'LOG10', LogBase: 'LOG({0}, {1})', Random: 'RAND', NewId: 'GENERATE_UUID', Ceiling: 'CEIL',
    // BigQuery ROUND rounds half away from zero; ROUND(x, n, 'ROUND_HALF_EVEN') would differ.
    TruncateNum: 'TRUNC', Mod: 'MOD',
    StdDev: 'STDDEV_SAMP', Variance: 'VAR_SAMP',
    Avg: (a, c, call) => (c.argIs(call, 0, 'integer') ? `CAST(TRUNC(AVG(${a[0]})) AS INT64)` : `AVG(${a[0]})`),
    PercentileCont: (a, c, call) => `PERCENTILE_CONT(${c.orderSuffix(call).replace(/^ ORDER BY /, '')}, ${a[0]})`,
    PercentileDisc: (a, c, call) => `PERCENTILE_DISC(${c.orderSuffix(call).replace(/^ ORDER BY /, '')}, ${a[0]})`,
    JsonValue: 'JSON_VALUE',
    // Backslash starts an escape in BigQuery string literals.
    JsonEscape: (a) => jsonEscape(a[0]!, '\\\\', 'CHR'),
    IsNumeric: (a) => `CASE WHEN REGEXP_CONTAINS(CAST(${a[0]} AS STRING), r'${ISNUMERIC_RE}') THEN 1 ELSE 0 END`,
    Str: { unsupported: 'NUMERIC text drops trailing zeros; format with FORMAT(\'%*.*f\', …)' },
    IsDate: "CASE WHEN SAFE_CAST({0} AS DATETIME) BETWEEN DATETIME '1753-01-01' AND DATETIME '9999-12-31 23:59:59.997' THEN 1 ELSE 0 END",
    DateTime2FromParts: 'DATETIME_ADD(DATETIME({0}, {1}, {2}, {3}, {4}, {5}), INTERVAL CAST({6} * power(10, 6 - {7}) AS INT64) MICROSECOND)',
    TimeFromParts: 'TIME_ADD(TIME({0}, {1}, {2}), INTERVAL CAST({3} * power(10, 6 - {4}) AS INT64) MICROSECOND)',
    CurrentTimestampTz: 'CURRENT_TIMESTAMP()', CurrentUser: 'SESSION_USER()', SessionUser: 'SESSION_USER()',
    CurrentDatabase: { unsupported: 'BigQuery has no current project function in SQL' }, CurrentSchema: { unsupported: 'BigQuery has no current dataset function' },
    Cot: 'COT', BitCount: 'BIT_COUNT',
    HashMd5: 'MD5', HashSha1: 'SHA1', HashSha256: 'SHA256', HashSha512: 'SHA512',
    Checksum: 'FARM_FINGERPRINT(TO_JSON_STRING(STRUCT({*})))',
    GroupingId: (a, c, call) => (a.length > 1 ? c.unsupported(call, 'MD3001', { construct: 'GROUPING_ID over several columns', target: 'bigquery' }) : '') + `GROUPING(${a.join(', ')})`,
    ApproxCountDistinct: 'APPROX_COUNT_DISTINCT',
    IsJson: (a, _c, call) => `CASE WHEN ${a[0]} IS NULL THEN NULL WHEN JSON_TYPE(SAFE.PARSE_JSON(${a[0]})) IN (${jsonKinds(call.args[1]?.kind === 'Lit' ? call.args[1].value : '', { object: ['object'], array: ['array'], string: ['string'], number: ['number'], boolean: ['boolean'], null: ['null'] })}) THEN 1 ELSE 0 END`,
    RegexpLike: (a, c, call) => {
      const p = c.literal(call, 1);
      const ci = call.args[2]?.kind === 'Lit' && call.args[2].value === 'i' ? '(?i)' : '';
      return p !== undefined && !p.includes("'") ? `REGEXP_CONTAINS(${a[0]}, r'${ci}${p}')` : c.unsupported(call, 'MD3001', { construct: 'REGEXP_LIKE with a computed pattern', target: 'bigquery' }) + 'NULL';
    },
    RegexpReplace: { unsupported: 'REGEXP_REPLACE has no occurrence or flags arguments' }, RegexpCount: { unsupported: 'count with ARRAY_LENGTH(REGEXP_EXTRACT_ALL(…))' },
    RegexpSubstr: { unsupported: 'REGEXP_EXTRACT returns the first group when the pattern has one' }, RegexpInstr: (a, c, call) => {
      const p = c.literal(call, 1);
      const ci = call.args[2]?.kind === 'Lit' && call.args[2].value === 'i' ? '(?i)' : '';
      return p !== undefined && !p.includes("'") ? `REGEXP_INSTR(${a[0]}, r'${ci}${p}')` : c.unsupported(call, 'MD3001', { construct: 'REGEXP_INSTR with a computed pattern', target: 'bigquery' }) + '0';
    },
    SplitToTable: { unsupported: 'UNNEST(SPLIT(s, sep)) WITH OFFSET needs its own alias syntax (and the offset is 0-based)' },
  },
};
