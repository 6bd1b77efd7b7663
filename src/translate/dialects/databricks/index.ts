/** Databricks SQL (Spark). Backtick identifiers; datediff(unit, a, b) counts whole elapsed units, so boundaries are computed. */
import type { DateUnit } from '../../ir.js';
import { BASE_FUNCTIONS, formatPattern, ISNUMERIC_RE, jsonEscape, patternOf, setBit, strposFrom, strText } from '../common.js';
import type { Dialect, TypeRender } from '../dialect.js';
import type { TypeName } from '../../types.js';

const FORMAT: Readonly<Record<string, string>> = { yyyy: 'yyyy', yy: 'yy', MM: 'MM', dd: 'dd', HH: 'HH', mi: 'mm', ss: 'ss', fff: 'SSS', Mon: 'MMM', Month: 'MMMM' };
const quoteLetters = (c: string) => (/[A-Za-z]/.test(c) ? `'${c}'` : c);

function dateDiff(u: DateUnit, a: string, b: string): string {
  // Databricks' TIMESTAMPDIFF counts complete units; truncating both ends first counts boundaries instead.
  switch (u) {
    case 'year': return `(year(${b}) - year(${a}))`;
    case 'quarter': return `((year(${b}) * 4 + quarter(${b})) - (year(${a}) * 4 + quarter(${a})))`;
    case 'month': return `((year(${b}) * 12 + month(${b})) - (year(${a}) * 12 + month(${a})))`;
    case 'week': return `(datediff(date_trunc('week', date_add(${b}, 1)), date_trunc('week', date_add(${a}, 1))) DIV 7)`;
    case 'day': case 'dayofyear': case 'weekday': return `datediff(CAST(${b} AS DATE), CAST(${a} AS DATE))`;
    default: return `timestampdiff(${u.toUpperCase()}, date_trunc('${u}', ${a}), date_trunc('${u}', ${b}))`;
  }
}

const TYPES: Readonly<Record<TypeName, TypeRender>> = {
  bigint: { sql: 'BIGINT' }, int: { sql: 'INT' }, smallint: { sql: 'SMALLINT' }, tinyint: { sql: 'SMALLINT' }, bit: { sql: 'TINYINT' },
  decimal: { sql: (t) => `DECIMAL(${t.args[0] ?? 18}, ${t.args[1] ?? 0})` }, money: { sql: 'DECIMAL(19, 4)' }, smallmoney: { sql: 'DECIMAL(10, 4)' },
  float: { sql: 'DOUBLE' }, real: { sql: 'FLOAT' }, date: { sql: 'DATE' },
  time: { sql: 'STRING', loss: 'Databricks has no TIME type; kept as hh:mm:ss text' },
  datetime: { sql: 'TIMESTAMP_NTZ' }, datetime2: { sql: 'TIMESTAMP_NTZ' }, smalldatetime: { sql: 'TIMESTAMP_NTZ' },
  datetimeoffset: { sql: 'TIMESTAMP', loss: 'stores the instant; the original offset is not kept' },
  char: { sql: 'STRING' }, nchar: { sql: 'STRING' }, varchar: { sql: 'STRING' }, nvarchar: { sql: 'STRING' }, text: { sql: 'STRING' }, ntext: { sql: 'STRING' },
  binary: { sql: 'BINARY' }, varbinary: { sql: 'BINARY' }, image: { sql: 'BINARY' }, rowversion: { sql: 'BINARY' },
  uniqueidentifier: { sql: 'STRING' }, xml: { sql: 'STRING', loss: 'XML is kept as text' }, json: { sql: 'STRING' },
  sql_variant: { sql: 'STRING', loss: 'values keep their text form only' }, hierarchyid: { sql: 'STRING', loss: 'stored as its path string' },
  geography: { sql: 'STRING', loss: 'stored as WKT text' }, geometry: { sql: 'STRING', loss: 'stored as WKT text' },
};

export const databricks: Dialect = {
  name: 'databricks',
  flags: {
    qualify: true, fetchWithTies: false, rowLimit: 'limit', lateral: 'lateral', ilike: true, typedDivision: false,
    recursiveKeyword: true, concatOperator: '||', createView: 'CREATE OR REPLACE VIEW', quote: ['`', '`'], likeBracketClasses: false, booleanLiterals: true,
    updateFrom: false, deleteUsing: false, dmlNeedsWhere: false, returning: false, mergeBySource: true, identity: 'generated',
  },
  types: TYPES,
  reserved: new Set(['ALL', 'ALTER', 'AND', 'ANTI', 'ANY', 'AS', 'AUTHORIZATION', 'BETWEEN', 'BOTH', 'BY', 'CASE', 'CAST', 'CHECK', 'COLLATE', 'COLUMN', 'CONSTRAINT', 'CREATE', 'CROSS', 'CUBE', 'CURRENT', 'CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP', 'CURRENT_USER', 'DELETE', 'DESCRIBE', 'DISTINCT', 'DROP', 'ELSE', 'END', 'ESCAPE', 'EXCEPT', 'EXISTS', 'FALSE', 'FETCH', 'FILTER', 'FOR', 'FOREIGN', 'FROM', 'FULL', 'GRANT', 'GROUP', 'GROUPING', 'HAVING', 'IN', 'INNER', 'INSERT', 'INTERSECT', 'INTERVAL', 'INTO', 'IS', 'JOIN', 'LATERAL', 'LEADING', 'LEFT', 'LIKE', 'LIMIT', 'MINUS', 'NATURAL', 'NOT', 'NULL', 'OF', 'ON', 'ONLY', 'OR', 'ORDER', 'OUTER', 'OVERLAPS', 'PRIMARY', 'QUALIFY', 'REFERENCES', 'RIGHT', 'ROLLUP', 'ROW', 'ROWS', 'SELECT', 'SEMI', 'SESSION_USER', 'SET', 'SOME', 'TABLE', 'THEN', 'TO', 'TRAILING', 'TRUE', 'UNION', 'UNIQUE', 'UNKNOWN', 'UPDATE', 'USER', 'USING', 'VALUES', 'WHEN', 'WHERE', 'WINDOW', 'WITH']),
  integerDivide: (l, r) => `${l} DIV ${r}`,
  regexMatch: (s, re, ci) => `${s} RLIKE ${ci ? `concat('(?i)', ${re})` : re}`,
  functions: {
    ...BASE_FUNCTIONS,
    StrPosition: (a) => (a.length > 2 ? strposFrom(a[0]!, a[1]!, a[2]!, 'instr') : `instr(${a[0]}, ${a[1]})`),
    RegexpPosition: { unsupported: 'no regexp position function; use regexp_extract and instr' },
    ReplaceCi: "regexp_replace({0}, concat('(?i)', {1}), {2})",
    FormatDate: (a, c, call) => `date_format(${a[0]}, ${c.quoteString(formatPattern(patternOf(c, call), FORMAT, quoteLetters))})`,
    ParseDate: (a, c, call) => `to_timestamp(${a[0]}, ${c.quoteString(formatPattern(patternOf(c, call), FORMAT, quoteLetters))})`,
    CurrentTimestamp: 'CAST(current_timestamp() AS TIMESTAMP_NTZ)', CurrentUtcTimestamp: "to_utc_timestamp(current_timestamp(), current_timezone())",
    DateAdd: (a, c, call) => `timestampadd(${c.unit(call) === 'weekday' || c.unit(call) === 'dayofyear' ? 'DAY' : c.unit(call).toUpperCase()}, ${a[1]}, ${a[2]})`,
    DateDiff: (a, c, call) => dateDiff(c.unit(call), a[1]!, a[2]!),
    DatePart: (a, c, call) => {
      const u = c.unit(call);
      if (u === 'weekday') return `dayofweek(${a[1]})`;
      if (u === 'iso_week') return `weekofyear(${a[1]})`;
      if (u === 'week') return `(CAST(floor((dayofyear(${a[1]}) - 1 + dayofweek(trunc(${a[1]}, 'year')) - 1) / 7) AS INT) + 1)`;
      return `extract(${u.toUpperCase()} FROM ${a[1]})`;
    },
    DateName: (a, c, call) => (c.unit(call) === 'month' ? `date_format(${a[1]}, 'MMMM')` : c.unit(call) === 'weekday' ? `date_format(${a[1]}, 'EEEE')` : `CAST(extract(${c.unit(call).toUpperCase()} FROM ${a[1]}) AS STRING)`),
    EndOfMonth: 'last_day({0})', DateTimeFromParts: 'make_timestamp({0}, {1}, {2}, {3}, {4}, {5} + {6} / 1000.0)',
    NewId: 'uuid', Random: 'rand', Log10: 'log10', LogBase: 'log({1}, {0})',
    StringAgg: (a, c, call) =>
      (call.withinGroup?.length ? c.unsupported(call, 'MD3002', { name: 'STRING_AGG … WITHIN GROUP', target: 'databricks', detail: 'collect_list does not keep the order' }) : '') +
      `array_join(collect_list(CAST(${a[0]} AS STRING)), ${a[1]})`,
    JsonValue: 'get_json_object',
    // Backslash starts an escape in Spark SQL string literals.
    JsonEscape: (a) => jsonEscape(a[0]!, '\\\\'),
    IsNumeric: (a) => `CASE WHEN CAST(${a[0]} AS STRING) RLIKE '${ISNUMERIC_RE.replace(/\\/g, '\\\\')}' THEN 1 ELSE 0 END`,
    Str: (a, _c, call) => strText(a[0]!, call, (d) => `CAST(CAST(${a[0]} AS DECIMAL(38, ${d})) AS STRING)`, 'lpad'),
    IsDate: "CASE WHEN try_to_timestamp(CAST({0} AS STRING)) BETWEEN TIMESTAMP '1753-01-01' AND TIMESTAMP '9999-12-31 23:59:59.997' THEN 1 ELSE 0 END",
    TimeFromParts: { unsupported: 'Databricks has no TIME type' },
    CurrentTimestampTz: 'current_timestamp()', CurrentUser: 'current_user()', SessionUser: 'current_user()',
    // SQL Server's database is the catalog of Databricks' three-part names.
    CurrentDatabase: 'current_catalog()', CurrentSchema: 'current_schema()',
    BitCount: 'bit_count', ShiftLeft: 'shiftleft', ShiftRight: 'shiftright', GetBit: 'getbit',
    SetBit: (a) => setBit(a, (x, m) => `(${x} | ${m})`, (x, m) => `(${x} & ~${m})`, (n) => `shiftleft(1, ${n})`),
    HashMd5: 'unhex(md5({0}))', HashSha1: 'unhex(sha1({0}))', HashSha256: 'unhex(sha2({0}, 256))', HashSha512: 'unhex(sha2({0}, 512))',
    Checksum: 'hash({*})', GroupingId: 'grouping_id', ApproxCountDistinct: 'approx_count_distinct',
    // Java regular expressions; (?i) for the i flag; backslashes doubled inside Spark string literals.
    RegexpLike: (a, c, call) => {
      const p = c.literal(call, 1);
      const ci = call.args[2]?.kind === 'Lit' && call.args[2].value === 'i' ? '(?i)' : '';
      return `${a[0]} RLIKE ${p === undefined ? (ci ? `concat('${ci}', ${a[1]})` : a[1]) : c.quoteString(ci + p.replace(/\\/g, '\\\\'))}`;
    },
    RegexpReplace: { unsupported: 'replacement syntax differs ($1 for groups)' }, RegexpCount: { unsupported: 'regexp_count has no flags' },
    RegexpSubstr: { unsupported: "regexp_extract gives '' when nothing matches" }, RegexpInstr: { unsupported: 'regexp_instr has no flags' },
    SplitToTable: { unsupported: 'split() takes a regular expression; rewrite with explode(split(s, <escaped sep>))' },
  },
};
