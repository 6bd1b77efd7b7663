/** Snowflake. DATEDIFF/DATEADD exist natively and DATEDIFF counts boundaries like SQL Server. */
import type { DateUnit } from '../../ir.js';
import { BASE_FUNCTIONS, formatPattern, ISNUMERIC_RE, jsonEscape, jsonKinds, patternOf, setBit } from '../common.js';
import type { Dialect, RenderContext, TypeRender } from '../dialect.js';
import type { Fn } from '../../ir.js';
import type { TypeName } from '../../types.js';

const FORMAT: Readonly<Record<string, string>> = { yyyy: 'YYYY', yy: 'YY', MM: 'MM', dd: 'DD', HH: 'HH24', mi: 'MI', ss: 'SS', fff: 'FF3', Mon: 'MON', Month: 'MMMM' };
const quoteLetters = (c: string) => (/[A-Za-z]/.test(c) ? `"${c}"` : c);
const UNITS: Partial<Record<DateUnit, string>> = { dayofyear: 'day', weekday: 'day', iso_week: 'week' };
const unit = (u: DateUnit) => UNITS[u] ?? u;

const TYPES: Readonly<Record<TypeName, TypeRender>> = {
  bigint: { sql: 'BIGINT' }, int: { sql: 'INTEGER' }, smallint: { sql: 'SMALLINT' }, tinyint: { sql: 'SMALLINT' }, bit: { sql: 'NUMBER(1, 0)' },
  decimal: { sql: (t) => `NUMBER(${t.args[0] ?? 18}, ${t.args[1] ?? 0})` }, money: { sql: 'NUMBER(19, 4)' }, smallmoney: { sql: 'NUMBER(10, 4)' },
  float: { sql: 'FLOAT' }, real: { sql: 'FLOAT' }, date: { sql: 'DATE' }, time: { sql: 'TIME' },
  datetime: { sql: 'TIMESTAMP_NTZ(3)' }, datetime2: { sql: (t) => `TIMESTAMP_NTZ(${t.args[0] ?? 7})` }, smalldatetime: { sql: 'TIMESTAMP_NTZ(0)' },
  datetimeoffset: { sql: 'TIMESTAMP_TZ' },
  char: { sql: 'VARCHAR' }, nchar: { sql: 'VARCHAR' }, varchar: { sql: 'VARCHAR' }, nvarchar: { sql: 'VARCHAR' }, text: { sql: 'VARCHAR' }, ntext: { sql: 'VARCHAR' },
  binary: { sql: 'BINARY' }, varbinary: { sql: 'BINARY' }, image: { sql: 'BINARY' }, rowversion: { sql: 'BINARY' },
  uniqueidentifier: { sql: 'VARCHAR(36)' }, xml: { sql: 'VARCHAR', loss: 'XML is kept as text' }, json: { sql: 'VARIANT' },
  sql_variant: { sql: 'VARIANT' }, hierarchyid: { sql: 'VARCHAR', loss: 'stored as its path string' },
  geography: { sql: 'GEOGRAPHY' }, geometry: { sql: 'GEOMETRY' },
};

/** A regex literal with backslashes doubled (backslash starts an escape in Snowflake string literals). */
const pattern = (a: readonly string[], c: RenderContext, call: Fn) => {
  const p = c.literal(call, 1);
  return p === undefined ? a[1]! : c.quoteString(p.replace(/\\/g, '\\\\'));
};

/** TYPEOF() names per JSON kind. */
const JSON_TYPES: Readonly<Record<string, readonly string[]>> = {
  object: ['OBJECT'], array: ['ARRAY'], string: ['VARCHAR'], number: ['INTEGER', 'DECIMAL', 'DOUBLE'], boolean: ['BOOLEAN'], null: ['NULL_VALUE'],
};
// The ISNUMERIC pattern with backslashes doubled for Snowflake's string literals.
const ISNUMERIC_SF = ISNUMERIC_RE.replace(/\\/g, '\\\\');

export const snowflake: Dialect = {
  name: 'snowflake',
  flags: {
    qualify: true, fetchWithTies: false, rowLimit: 'limit', lateral: 'lateral', ilike: true, typedDivision: false,
    recursiveKeyword: false, concatOperator: '||', createView: 'CREATE OR REPLACE VIEW', quote: ['"', '"'], likeBracketClasses: false, booleanLiterals: true,
    updateFrom: 'from', deleteUsing: 'using', dmlNeedsWhere: false, returning: false, mergeBySource: false, identity: 'identity',
  },
  types: TYPES,
  reserved: new Set(['ACCOUNT', 'ALL', 'ALTER', 'AND', 'ANY', 'AS', 'BETWEEN', 'BY', 'CASE', 'CAST', 'CHECK', 'COLUMN', 'CONNECT', 'CONNECTION', 'CONSTRAINT', 'CREATE', 'CROSS', 'CURRENT', 'CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP', 'CURRENT_USER', 'DATABASE', 'DELETE', 'DISTINCT', 'DROP', 'ELSE', 'EXISTS', 'FALSE', 'FOLLOWING', 'FOR', 'FROM', 'FULL', 'GRANT', 'GROUP', 'GSCLUSTER', 'HAVING', 'ILIKE', 'IN', 'INCREMENT', 'INNER', 'INSERT', 'INTERSECT', 'INTO', 'IS', 'ISSUE', 'JOIN', 'LATERAL', 'LEFT', 'LIKE', 'LOCALTIME', 'LOCALTIMESTAMP', 'MINUS', 'NATURAL', 'NOT', 'NULL', 'OF', 'ON', 'OR', 'ORDER', 'ORGANIZATION', 'QUALIFY', 'REGEXP', 'REVOKE', 'RIGHT', 'RLIKE', 'ROW', 'ROWS', 'SAMPLE', 'SCHEMA', 'SELECT', 'SET', 'SOME', 'START', 'TABLE', 'TABLESAMPLE', 'THEN', 'TO', 'TRIGGER', 'TRUE', 'TRY_CAST', 'UNION', 'UNIQUE', 'UPDATE', 'USING', 'VALUES', 'VIEW', 'WHEN', 'WHENEVER', 'WHERE', 'WITH']),
  integerDivide: (l, r) => `TRUNC(${l} / ${r})`,
  regexMatch: (s, re, ci) => `REGEXP_LIKE(${s}, ${re}${ci ? ", 'i'" : ''})`,
  functions: {
    ...BASE_FUNCTIONS,
    // Snowflake has CHARINDEX with SQL Server's argument order and start semantics.
    StrPosition: (a) => `CHARINDEX(${[a[1], a[0], ...a.slice(2)].join(', ')})`,
    RegexpPosition: 'REGEXP_INSTR',
    ReplaceCi: "REGEXP_REPLACE({0}, {1}, {2}, 1, 0, 'i')",
    FormatDate: (a, c, call) => `TO_CHAR(${a[0]}, ${c.quoteString(formatPattern(patternOf(c, call), FORMAT, quoteLetters))})`,
    ParseDate: (a, c, call) => `TO_TIMESTAMP(${a[0]}, ${c.quoteString(formatPattern(patternOf(c, call), FORMAT, quoteLetters))})`,
    CurrentTimestamp: 'CURRENT_TIMESTAMP()::TIMESTAMP_NTZ', CurrentUtcTimestamp: 'SYSDATE()',
    DateAdd: (a, c, call) => `DATEADD(${unit(c.unit(call))}, ${a[1]}, ${a[2]})`,
    // Snowflake weeks follow WEEK_START (default Monday); T-SQL's start on Sunday.
    DateDiff: (a, c, call) => (c.unit(call) === 'week'
      ? `DATEDIFF(day, DATE_TRUNC('week', DATEADD(day, 1, ${a[1]})), DATE_TRUNC('week', DATEADD(day, 1, ${a[2]}))) / 7`
      : `DATEDIFF(${unit(c.unit(call))}, ${a[1]}, ${a[2]})`),
    DatePart: (a, c, call) => {
      const u = c.unit(call);
      if (u === 'weekday') return `(DAYOFWEEK(${a[1]}) + 1)`;
      if (u === 'iso_week') return `WEEKISO(${a[1]})`;
      return `DATE_PART(${u === 'dayofyear' ? 'dayofyear' : u}, ${a[1]})`;
    },
    DateName: (a, c, call) => {
      const u = c.unit(call);
      if (u === 'month') return `MONTHNAME(${a[1]})`;
      if (u === 'weekday') return `DAYNAME(${a[1]})`;
      return `CAST(DATE_PART(${u}, ${a[1]}) AS VARCHAR)`;
    },
    EndOfMonth: 'LAST_DAY({0})',
    DateFromParts: 'DATE_FROM_PARTS', DateTimeFromParts: 'TIMESTAMP_NTZ_FROM_PARTS({0}, {1}, {2}, {3}, {4}, {5}, {6} * 1000000)',
    Log10: 'LOG(10, {0})', LogBase: 'LOG({1}, {0})', NewId: 'UUID_STRING', Random: 'UNIFORM(0::FLOAT, 1::FLOAT, RANDOM())',
    // Snowflake's GREATEST/LEAST return NULL when any argument is NULL; SQL Server's ignore NULLs.
    Greatest: (a) => `GREATEST_IGNORE_NULLS(${a.join(', ')})`, Least: (a) => `LEAST_IGNORE_NULLS(${a.join(', ')})`,
    StringAgg: (a, c, call) => `LISTAGG(CAST(${a[0]} AS VARCHAR), ${a[1]})${call.withinGroup?.length ? ` WITHIN GROUP (${c.orderSuffix(call).trim()})` : ''}`,
    JsonValue: 'JSON_EXTRACT_PATH_TEXT({0}, LTRIM({1}, \'$.\'))',
    // Backslash starts an escape in Snowflake string literals.
    JsonEscape: (a) => jsonEscape(a[0]!, '\\\\'),
    IsNumeric: (a) => `CASE WHEN REGEXP_LIKE(CAST(${a[0]} AS VARCHAR), '${ISNUMERIC_SF}') THEN 1 ELSE 0 END`,
    IsDate: "CASE WHEN TRY_TO_TIMESTAMP(CAST({0} AS VARCHAR)) BETWEEN '1753-01-01' AND '9999-12-31 23:59:59.997' THEN 1 ELSE 0 END",
    DateTime2FromParts: 'TIMESTAMP_NTZ_FROM_PARTS({0}, {1}, {2}, {3}, {4}, {5}, {6} * power(10, 9 - {7}))',
    TimeFromParts: 'TIME_FROM_PARTS({0}, {1}, {2}, {3} * power(10, 9 - {4}))',
    CurrentTimestampTz: 'CURRENT_TIMESTAMP()', CurrentUser: 'CURRENT_USER()', SessionUser: 'CURRENT_USER()',
    CurrentDatabase: 'CURRENT_DATABASE', CurrentSchema: 'CURRENT_SCHEMA',
    ShiftLeft: 'BITSHIFTLEFT({0}, {1})', ShiftRight: 'BITSHIFTRIGHT({0}, {1})', GetBit: 'GETBIT({0}, {1})',
    SetBit: (a) => setBit(a, (x, m) => `BITOR(${x}, ${m})`, (x, m) => `BITAND(${x}, BITNOT(${m}))`, (n) => `BITSHIFTLEFT(1, ${n})`),
    HashMd5: 'MD5_BINARY', HashSha1: 'SHA1_BINARY', HashSha256: 'SHA2_BINARY({0}, 256)', HashSha512: 'SHA2_BINARY({0}, 512)',
    Checksum: 'HASH({*})', GroupingId: 'GROUPING_ID', ApproxCountDistinct: 'APPROX_COUNT_DISTINCT',
    IsJson: (a, _c, call) => `CASE WHEN ${a[0]} IS NULL THEN NULL WHEN TYPEOF(TRY_PARSE_JSON(${a[0]})) IN (${jsonKinds(call.args[1]?.kind === 'Lit' ? call.args[1].value : '', JSON_TYPES)}) THEN 1 ELSE 0 END`,
    SplitToTable: { unsupported: 'SPLIT_TO_TABLE returns SEQ, INDEX, VALUE; rewrite as TABLE(SPLIT_TO_TABLE(s, sep))' },
    // Snowflake's REGEXP_LIKE must match the whole string: count matches instead. Patterns need backslashes doubled.
    RegexpLike: (a, c, call) => `REGEXP_COUNT(${a[0]}, ${pattern(a, c, call)}, 1, ${a[2]}) > 0`,
    RegexpCount: (a, c, call) => `REGEXP_COUNT(${a[0]}, ${pattern(a, c, call)}, 1, ${a[2]})`,
    RegexpSubstr: (a, c, call) => `REGEXP_SUBSTR(${a[0]}, ${pattern(a, c, call)}, 1, 1, ${a[2]})`,
    RegexpInstr: (a, c, call) => `REGEXP_INSTR(${a[0]}, ${pattern(a, c, call)}, 1, 1, 0, ${a[2]})`,
    RegexpReplace: { unsupported: 'replacement syntax differs (no & for the whole match); rewrite with REGEXP_REPLACE' },
  },
};
