/**
 * Microsoft Fabric Warehouse / SQL Server: T-SQL again, for teams that keep the engine and adopt
 * dbt. Functions print back to their T-SQL names; TOP and APPLY stay.
 */
import { DATE_STYLES } from '../../lower/convert.js';
import { BASE_FUNCTIONS, keptName } from '../common.js';
import type { Dialect, TypeRender } from '../dialect.js';
import { TYPE_NAMES, type SqlType, type TypeName } from '../../types.js';
import { RESERVED } from '../../../tsql/keywords.js';

function tsqlType(t: SqlType): string {
  const name = t.name === 'json' ? 'nvarchar' : t.name;
  const args = t.name === 'json' ? ['max'] : t.args;
  return args.length ? `${name}(${args.map(String).join(', ')})` : name;
}

const TYPES = Object.fromEntries(TYPE_NAMES.map((n) => [n, { sql: tsqlType } satisfies TypeRender])) as Record<TypeName, TypeRender>;
const styleOf = (pattern: string) => Object.entries(DATE_STYLES).find(([, p]) => p === pattern)?.[0] ?? '121';

export const fabric: Dialect = {
  name: 'fabric',
  flags: {
    qualify: false, fetchWithTies: false, rowLimit: 'top', lateral: 'apply', ilike: false, typedDivision: true,
    recursiveKeyword: false, concatOperator: '+', createView: 'CREATE OR ALTER VIEW', quote: ['[', ']'], likeBracketClasses: true, booleanLiterals: false,
    updateFrom: 'tsql', deleteUsing: 'tsql', dmlNeedsWhere: false, returning: false, mergeBySource: true, identity: 'identity',
  },
  types: TYPES,
  reserved: RESERVED,
  integerDivide: (l, r) => `${l} / ${r}`,
  regexMatch: (s, re) => `REGEXP_LIKE(${s}, ${re})`,
  functions: {
    ...BASE_FUNCTIONS,
    Length: 'LEN({0})', ByteLength: 'DATALENGTH', Upper: 'UPPER', Lower: 'LOWER', LTrim: 'LTRIM', RTrim: 'RTRIM', Trim: 'TRIM',
    Substring: 'SUBSTRING', Left: 'LEFT', Right: 'RIGHT',
    StrPosition: (a) => `CHARINDEX(${[a[1], a[0], ...a.slice(2)].join(', ')})`,
    RegexpPosition: 'REGEXP_INSTR', Replace: 'REPLACE', ReplaceCi: 'REPLACE', Stuff: 'STUFF', Repeat: 'REPLICATE', Reverse: 'REVERSE',
    Ascii: 'ASCII', Chr: 'CHAR', Translate: 'TRANSLATE', ConcatWs: 'CONCAT_WS',
    StringAgg: (a, c, call) => `STRING_AGG(${a[0]}, ${a[1]})${call.withinGroup?.length ? ` WITHIN GROUP (${c.orderSuffix(call).trim()})` : ''}`,
    // A third argument is FORMAT's original .NET pattern.
    FormatDate: (a, c, call) => (a.length > 2 ? `FORMAT(${a[0]}, ${a[2]})` : `CONVERT(varchar(30), ${a[0]}, ${styleOf(c.literal(call, 1) ?? '')})`),
    ParseDate: (a, c, call) => `CONVERT(datetime2, ${a[0]}, ${styleOf(c.literal(call, 1) ?? '')})`,
    CurrentTimestamp: 'GETDATE()', CurrentUtcTimestamp: 'GETUTCDATE()', CurrentDate: 'CAST(GETDATE() AS date)',
    DateAdd: 'DATEADD', DateDiff: 'DATEDIFF', DatePart: 'DATEPART', DateName: 'DATENAME', DateTrunc: 'DATETRUNC',
    EndOfMonth: 'EOMONTH', DateFromParts: 'DATEFROMPARTS', DateTimeFromParts: 'DATETIMEFROMPARTS',
    Abs: 'ABS', Ceiling: 'CEILING', Floor: 'FLOOR', Round: 'ROUND', TruncateNum: 'ROUND({0}, {1}, 1)', DivideDecimal: '({0} / {1})', Power: 'POWER', Sqrt: 'SQRT',
    Square: 'SQUARE', Exp: 'EXP', Ln: 'LOG', LogBase: 'LOG', Log10: 'LOG10', Sign: 'SIGN', Pi: 'PI', Random: 'RAND', Atan2: 'ATN2',
    Coalesce: 'COALESCE', NullIf: 'NULLIF', IsNull: 'ISNULL', Iif: 'IIF', Greatest: 'GREATEST', Least: 'LEAST', NewId: 'NEWID',
    Avg: 'AVG', AnySpelling: 'MIN', StdDev: 'STDEV', StdDevPop: 'STDEVP', Variance: 'VAR', VarPop: 'VARP', Grouping: 'GROUPING',
    JsonValue: 'JSON_VALUE',
    QuoteName: 'QUOTENAME({0}, {1})', Str: 'STR', FormatNumber: 'FORMAT({0}, {4})', JsonEscape: "STRING_ESCAPE({0}, 'json')",
    IsNumeric: 'ISNUMERIC', IsDate: 'ISDATE', DateTime2FromParts: 'DATETIME2FROMPARTS', TimeFromParts: 'TIMEFROMPARTS', DateBucket: 'DATE_BUCKET',
    CurrentTimestampTz: 'SYSDATETIMEOFFSET()', Cot: 'COT', BitCount: 'BIT_COUNT', ShiftLeft: 'LEFT_SHIFT', ShiftRight: 'RIGHT_SHIFT', GetBit: 'GET_BIT', SetBit: 'SET_BIT',
    CurrentUser: 'CURRENT_USER', SessionUser: 'SUSER_SNAME()', CurrentDatabase: 'DB_NAME()', CurrentSchema: 'SCHEMA_NAME()',
    HashMd5: "HASHBYTES('MD5', {0})", HashSha1: "HASHBYTES('SHA1', {0})", HashSha256: "HASHBYTES('SHA2_256', {0})", HashSha512: "HASHBYTES('SHA2_512', {0})",
    Checksum: 'CHECKSUM', SqlServerOnly: (a, _c, call) => `${keptName(call)}(${a.join(', ')})`,
    GroupingId: 'GROUPING_ID', ApproxCountDistinct: 'APPROX_COUNT_DISTINCT',
    IsJson: (a, _c, call) => {
      const kinds = call.args[1]?.kind === 'Lit' ? call.args[1].value : '';
      const constraint = ({ array: 'ARRAY', object: 'OBJECT', 'string,number': 'SCALAR' } as Record<string, string>)[kinds] ?? (kinds.includes('null') ? 'VALUE' : undefined);
      return `ISJSON(${a[0]}${constraint ? `, ${constraint}` : ''})`;
    },
    JsonPathExists: 'JSON_PATH_EXISTS', JsonQuery: 'JSON_QUERY',
    RegexpLike: 'REGEXP_LIKE', RegexpCount: 'REGEXP_COUNT({0}, {1}, 1, {2})', RegexpSubstr: 'REGEXP_SUBSTR({0}, {1}, 1, 1, {2})', RegexpInstr: 'REGEXP_INSTR({0}, {1}, 1, 1, 0, {2})',
    RegexpReplace: (a, _c, call) => `REGEXP_REPLACE(${a[0]}, ${a[1]}, ${a[2]}, 1, ${call.args[3]?.kind === 'Lit' && call.args[3].value === 'g' ? 0 : 1}, ${a[4]})`, SplitToTable: (a) => `STRING_SPLIT(${a[0]}, ${a[1]}${a[2] === '1' ? ', 1' : ''})`,
  },
};
