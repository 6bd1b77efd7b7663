/**
 * Microsoft Fabric Warehouse / SQL Server: T-SQL again, for teams that keep the engine and adopt
 * dbt. Functions print back to their T-SQL names; TOP and APPLY stay.
 */
import { DATE_STYLES } from '../../lower/convert.js';
import { BASE_FUNCTIONS } from '../common.js';
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
    updateFrom: 'tsql', deleteUsing: 'tsql', dmlNeedsWhere: false, returning: false, mergeBySource: true,
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
    FormatDate: (a, c, call) => `CONVERT(varchar(30), ${a[0]}, ${styleOf(c.literal(call, 1) ?? '')})`,
    ParseDate: (a, c, call) => `CONVERT(datetime2, ${a[0]}, ${styleOf(c.literal(call, 1) ?? '')})`,
    CurrentTimestamp: 'GETDATE()', CurrentUtcTimestamp: 'GETUTCDATE()', CurrentDate: 'CAST(GETDATE() AS date)',
    DateAdd: 'DATEADD', DateDiff: 'DATEDIFF', DatePart: 'DATEPART', DateName: 'DATENAME', DateTrunc: 'DATETRUNC',
    EndOfMonth: 'EOMONTH', DateFromParts: 'DATEFROMPARTS', DateTimeFromParts: 'DATETIMEFROMPARTS',
    Abs: 'ABS', Ceiling: 'CEILING', Floor: 'FLOOR', Round: 'ROUND', TruncateNum: 'ROUND({0}, {1}, 1)', Power: 'POWER', Sqrt: 'SQRT',
    Square: 'SQUARE', Exp: 'EXP', Ln: 'LOG', LogBase: 'LOG', Log10: 'LOG10', Sign: 'SIGN', Pi: 'PI', Random: 'RAND', Atan2: 'ATN2',
    Coalesce: 'COALESCE', NullIf: 'NULLIF', IsNull: 'ISNULL', Iif: 'IIF', Greatest: 'GREATEST', Least: 'LEAST', NewId: 'NEWID',
    Avg: 'AVG', StdDev: 'STDEV', StdDevPop: 'STDEVP', Variance: 'VAR', VarPop: 'VARP', Grouping: 'GROUPING',
    JsonValue: 'JSON_VALUE',
  },
};
