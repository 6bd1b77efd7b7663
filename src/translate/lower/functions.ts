/**
 * T-SQL built-in calls → semantic functions. The table is keyed by the upper-case T-SQL name;
 * each entry reorders arguments into the semantic function's fixed order and normalises
 * dateparts. Names not in the table pass through as `User` calls with a warning.
 */
import type * as A from '../../tsql/ast/index.js';
import type { FnName } from '../functions.js';
import { fn, lit, type DateUnit, type Expr, type Fn } from '../ir.js';
import { SQL_SERVER_ONLY } from '../sqlserver-only.js';
import { mark, type LowerContext } from './context.js';
import { lowerExpr, lowerName, lowerOrder, lowerWindow } from './expressions.js';
import { lowerFormat, lowerStr } from './format.js';

/** Every spelling SQL Server accepts for a datepart (docs: DATEADD/DATEPART "datepart" tables). */
const DATEPARTS: Readonly<Record<string, DateUnit>> = {
  year: 'year', yy: 'year', yyyy: 'year',
  quarter: 'quarter', qq: 'quarter', q: 'quarter',
  month: 'month', mm: 'month', m: 'month',
  dayofyear: 'dayofyear', dy: 'dayofyear', y: 'dayofyear',
  day: 'day', dd: 'day', d: 'day',
  week: 'week', wk: 'week', ww: 'week',
  weekday: 'weekday', dw: 'weekday', w: 'weekday',
  hour: 'hour', hh: 'hour',
  minute: 'minute', mi: 'minute', n: 'minute',
  second: 'second', ss: 'second', s: 'second',
  millisecond: 'millisecond', ms: 'millisecond',
  microsecond: 'microsecond', mcs: 'microsecond',
  nanosecond: 'nanosecond', ns: 'nanosecond',
  tzoffset: 'tzoffset', tz: 'tzoffset',
  iso_week: 'iso_week', isowk: 'iso_week', isoww: 'iso_week',
};

type Builder = (args: readonly A.Expression[], ctx: LowerContext, call: A.FunctionCall) => Expr;

function unitOf(ctx: LowerContext, e: A.Expression | undefined): Expr {
  if (e && e.kind === 'ColumnRef' && e.name.parts.length === 1) {
    const u = DATEPARTS[(e.name.parts[0]?.name ?? '').toLowerCase()];
    if (u) return { kind: 'Unit', unit: u, span: e.span };
  }
  // DATEPART('month', d) with a quoted unit is accepted by some SQL Server versions; others reject it.
  if (e && e.kind === 'Literal' && (e.type === 'string' || e.type === 'nstring')) {
    const u = DATEPARTS[e.value.toLowerCase()];
    if (u) return { kind: 'Unit', unit: u, span: e.span };
  }
  const raw: Expr = { kind: 'Raw', text: 'day' };
  return mark(ctx, 'MD3001', { construct: 'this datepart', target: 'any target' }, e?.span, raw);
}

/**
 * A string literal where a date is expected is converted by SQL Server to datetime; targets need
 * the cast spelled out (the iso-date-literals pass then rewrites 'yyyymmdd' forms as ISO).
 */
function dateArg(ctx: LowerContext, a: A.Expression): Expr {
  const e = lowerExpr(ctx, a);
  if (e.kind !== 'Lit' || e.type !== 'string') return e;
  return { kind: 'Cast', expr: e, type: { name: 'datetime2', args: [7] }, safe: false, span: e.span };
}

/** Plain renames: arguments already in the semantic order. */
const same = (name: FnName): Builder => (args, ctx) => fn(name, args.map((a) => lowerExpr(ctx, a)));
/** Date functions: a datepart first, then the arguments; those at `dates` positions are dates. */
const withUnit = (name: FnName, dates: readonly number[]): Builder => (args, ctx) =>
  fn(name, [unitOf(ctx, args[0]), ...args.slice(1).map((a, i) => (dates.includes(i + 1) ? dateArg(ctx, a) : lowerExpr(ctx, a)))]);
const part = (unit: DateUnit): Builder => (args, ctx) => fn('DatePart', [{ kind: 'Unit', unit }, ...args.map((a) => dateArg(ctx, a))]);

/** A SQL Server-only call, kept by name (see sqlserver-only.ts). */
const keep = (name: string): Builder => (args, ctx) => fn('SqlServerOnly', args.map((a) => lowerExpr(ctx, a)), { name: [{ name, quoted: false }] });
/** Niladic session functions; with an argument (a principal id) they read SQL Server's catalog. */
const session = (name: FnName, tsql: string): Builder => (args, ctx, call) => (args.length ? keep(tsql)(args, ctx, call) : fn(name, []));
const intLit = (e: A.Expression | undefined): number | undefined =>
  e?.kind === 'Literal' && e.type === 'integer' ? Number(e.value) : e?.kind === 'Unary' && e.op === '-' && e.operand.kind === 'Literal' && e.operand.type === 'integer' ? -Number(e.operand.value) : undefined;
const textLit = (e: A.Expression | undefined): string | undefined => (e?.kind === 'Literal' && (e.type === 'string' || e.type === 'nstring') ? e.value : undefined);

const HASHES: Readonly<Record<string, FnName>> = { MD5: 'HashMd5', SHA1: 'HashSha1', SHA2_256: 'HashSha256', SHA2_512: 'HashSha512' };

/**
 * HASHBYTES hashes the bytes of its argument: the code page bytes of varchar, UTF-16LE for nvarchar.
 * The targets hash UTF-8, which agrees only for ASCII varchar; anything else is marked.
 */
function lowerHashbytes(ctx: LowerContext, args: readonly A.Expression[], call: A.FunctionCall): Expr {
  const alg = HASHES[(textLit(args[0]) ?? '').toUpperCase()];
  if (!alg || !args[1]) return keep('HASHBYTES')(args, ctx, call);
  const out = fn(alg, [lowerExpr(ctx, args[1])]);
  const a = args[1];
  if (a.kind === 'Literal' && a.type === 'string' && /^[\x00-\x7f]*$/.test(a.value)) return out;
  return mark(ctx, 'MD3002', { name: 'HASHBYTES', target: 'the target', detail: 'the UTF-8 bytes are hashed; SQL Server hashes UTF-16LE for nvarchar and code-page bytes for non-ASCII varchar' }, call.span, out,
    'Exact for ASCII varchar values; cast nvarchar to varchar in the source, or compare hashes computed on the same engine.');
}

/** ISJSON(s [, VALUE | ARRAY | OBJECT | SCALAR]) → the JSON kinds that count (default: object or array). */
const JSON_KINDS: Readonly<Record<string, string>> = { VALUE: 'object,array,string,number,boolean,null', ARRAY: 'array', OBJECT: 'object', SCALAR: 'string,number' };

/**
 * REGEXP_* (SQL Server 2025): the optional start / occurrence / group arguments are translated at
 * their defaults only (start 1, first or every occurrence, whole match), flags when they are c or i.
 * `defaults` lists each optional argument's position and the literal values accepted there.
 */
const regexp = (name: FnName, tsql: string, flagsAt: number, defaults: Readonly<Record<number, readonly string[]>>, extra: (args: readonly A.Expression[]) => Expr[] = () => []): Builder =>
  (args, ctx, call) => {
    const ok = Object.entries(defaults).every(([i, values]) => {
      const a = args[Number(i)];
      return a === undefined || (a.kind === 'Literal' && a.type === 'integer' && values.includes(a.value));
    });
    const flags = args[flagsAt] === undefined ? 'c' : textLit(args[flagsAt]);
    if (!ok || flags === undefined || !/^[ci]*$/.test(flags) || args.length > Math.max(flagsAt + 1, ...Object.keys(defaults).map((k) => Number(k) + 1))) return keep(tsql)(args, ctx, call);
    // "If contradictory flags are given, the last one is used."
    return fn(name, [lowerExpr(ctx, args[0]!), lowerExpr(ctx, args[1]!), ...extra(args), lit(flags.slice(-1) || 'c')]);
  };

/** QUOTENAME's delimiters: the documented quote characters and the pair each opens. */
const QUOTES: Readonly<Record<string, readonly [string, string]>> = { '[': ['[', ']'], ']': ['[', ']'], '"': ['"', '"'], "'": ["'", "'"], '`': ['`', '`'] };

const BUILTINS: Readonly<Record<string, Builder>> = {
  // strings
  LEN: (args, ctx) => fn('Length', [fn('RTrim', [lowerExpr(ctx, args[0]!)])]), // LEN ignores trailing spaces
  DATALENGTH: same('ByteLength'),
  UPPER: same('Upper'), LOWER: same('Lower'),
  LTRIM: same('LTrim'), RTRIM: same('RTrim'), TRIM: (args, ctx, call) => fn(call.trim?.side === 'LEADING' ? 'LTrim' : call.trim?.side === 'TRAILING' ? 'RTrim' : 'Trim', args.map((a) => lowerExpr(ctx, a))),
  SUBSTRING: same('Substring'), LEFT: same('Left'), RIGHT: same('Right'),
  CHARINDEX: (args, ctx) => fn('StrPosition', [args[1], args[0], ...args.slice(2)].map((a) => lowerExpr(ctx, a!))),
  PATINDEX: (args, ctx, call) => lowerPatindex(ctx, args, call),
  REPLACE: same('Replace'), STUFF: same('Stuff'), REPLICATE: same('Repeat'), REVERSE: same('Reverse'),
  SPACE: (args, ctx) => fn('Repeat', [lit(' '), lowerExpr(ctx, args[0]!)]),
  ASCII: same('Ascii'), UNICODE: same('Ascii'), CHAR: same('Chr'), NCHAR: same('Chr'),
  TRANSLATE: same('Translate'),
  CONCAT: (args, ctx) => ({ kind: 'Concat', args: args.map((a) => lowerExpr(ctx, a)), nullPropagating: false }),
  CONCAT_WS: same('ConcatWs'),
  STRING_AGG: (args, ctx, call) => fn('StringAgg', args.map((a) => lowerExpr(ctx, a)), call.withinGroup ? { withinGroup: lowerOrder(ctx, call.withinGroup) } : {}),
  QUOTENAME: (args, ctx, call) => {
    const q = args[1] === undefined ? '[' : textLit(args[1]);
    const pair = q === undefined ? undefined : QUOTES[q];
    if (!pair) return keep('QUOTENAME')(args, ctx, call);
    return fn('QuoteName', [lowerExpr(ctx, args[0]!), lit(pair[0]), lit(pair[1]), lit(pair[1] + pair[1])]);
  },
  STR: (args, ctx) => lowerStr(ctx, args),
  FORMAT: (args, ctx, call) => lowerFormat(ctx, args, call),
  STRING_ESCAPE: (args, ctx, call) => {
    if ((textLit(args[1]) ?? '').toLowerCase() !== 'json') return keep('STRING_ESCAPE')(args, ctx, call);
    return fn('JsonEscape', [lowerExpr(ctx, args[0]!)]);
  },
  // dates
  GETDATE: same('CurrentTimestamp'), SYSDATETIME: same('CurrentTimestamp'), CURRENT_TIMESTAMP: same('CurrentTimestamp'),
  GETUTCDATE: same('CurrentUtcTimestamp'), SYSUTCDATETIME: same('CurrentUtcTimestamp'),
  CURRENT_DATE: same('CurrentDate'),
  DATEADD: withUnit('DateAdd', [2]), DATEDIFF: withUnit('DateDiff', [1, 2]), DATEDIFF_BIG: withUnit('DateDiff', [1, 2]),
  DATEPART: withUnit('DatePart', [1]), DATENAME: withUnit('DateName', [1]), DATETRUNC: withUnit('DateTrunc', [1]),
  YEAR: part('year'), MONTH: part('month'), DAY: part('day'),
  EOMONTH: (args, ctx) => {
    const d = dateArg(ctx, args[0]!);
    return fn('EndOfMonth', [args[1] ? fn('DateAdd', [{ kind: 'Unit', unit: 'month' }, lowerExpr(ctx, args[1]), d]) : d]);
  },
  DATEFROMPARTS: same('DateFromParts'),
  DATETIMEFROMPARTS: same('DateTimeFromParts'),
  // The fractions argument counts units of 10^-precision seconds; precision must be a literal.
  DATETIME2FROMPARTS: (args, ctx, call) => (intLit(args[7]) === undefined ? keep('DATETIME2FROMPARTS')(args, ctx, call) : same('DateTime2FromParts')(args, ctx, call)),
  TIMEFROMPARTS: (args, ctx, call) => (intLit(args[4]) === undefined ? keep('TIMEFROMPARTS')(args, ctx, call) : same('TimeFromParts')(args, ctx, call)),
  SMALLDATETIMEFROMPARTS: (args, ctx) => fn('DateTimeFromParts', [...args.map((a) => lowerExpr(ctx, a)), lit('0', 'integer'), lit('0', 'integer')]),
  SYSDATETIMEOFFSET: same('CurrentTimestampTz'),
  ISDATE: same('IsDate'),
  DATE_BUCKET: (args, ctx) => fn('DateBucket', [unitOf(ctx, args[0]), lowerExpr(ctx, args[1]!), dateArg(ctx, args[2]!), ...args.slice(3).map((a) => dateArg(ctx, a))]),
  // math
  ABS: same('Abs'), CEILING: same('Ceiling'), FLOOR: same('Floor'), POWER: same('Power'), SQRT: same('Sqrt'),
  SQUARE: same('Square'), EXP: same('Exp'), LOG10: same('Log10'), SIGN: same('Sign'), PI: same('Pi'), RAND: same('Random'),
  SIN: same('Sin'), COS: same('Cos'), TAN: same('Tan'), ASIN: same('Asin'), ACOS: same('Acos'), ATAN: same('Atan'),
  ATN2: same('Atan2'), DEGREES: same('Degrees'), RADIANS: same('Radians'), COT: same('Cot'),
  // Bit functions and ISNUMERIC carry caveats (functions.ts) that the generator reports on emulating targets.
  BIT_COUNT: same('BitCount'), LEFT_SHIFT: same('ShiftLeft'), RIGHT_SHIFT: same('ShiftRight'), GET_BIT: same('GetBit'), SET_BIT: same('SetBit'),
  ISNUMERIC: same('IsNumeric'),
  LOG: (args, ctx) => (args.length > 1 ? fn('LogBase', args.map((a) => lowerExpr(ctx, a))) : fn('Ln', [lowerExpr(ctx, args[0]!)])),
  ROUND: (args, ctx) => {
    // ROUND(x, n, f): a non-zero third argument truncates instead of rounding.
    const [x, n, f] = args.map((a) => lowerExpr(ctx, a));
    if (f && !(f.kind === 'Lit' && f.value === '0')) {
      if (f.kind === 'Lit') return fn('TruncateNum', [x!, n!]);
      return { kind: 'Case', whens: [{ when: { kind: 'Binary', op: '=', left: f, right: lit('0', 'integer') }, then: fn('Round', [x!, n!]) }], else: fn('TruncateNum', [x!, n!]) };
    }
    return fn('Round', [x!, n!]);
  },
  // null handling and logic
  COALESCE: same('Coalesce'), NULLIF: same('NullIf'), ISNULL: same('IsNull'), IIF: same('Iif'), CHOOSE: same('Choose'),
  GREATEST: same('Greatest'), LEAST: same('Least'), NEWID: same('NewId'),
  NEWSEQUENTIALID: (_args, ctx, call) =>
    mark(ctx, 'MD3002', { name: 'NEWSEQUENTIALID', target: 'the target', detail: 'random UUIDs: unique, but not increasing (index locality is lost)' }, call.span, fn('NewId', [])),
  // session: the target's own principal and database names (SQL Server's logins and 'dbo' do not carry over)
  CURRENT_USER: session('CurrentUser', 'CURRENT_USER'), USER: session('CurrentUser', 'USER'), USER_NAME: session('CurrentUser', 'USER_NAME'),
  SESSION_USER: session('CurrentUser', 'SESSION_USER'),
  SYSTEM_USER: session('SessionUser', 'SYSTEM_USER'), SUSER_SNAME: session('SessionUser', 'SUSER_SNAME'), SUSER_NAME: session('SessionUser', 'SUSER_NAME'),
  ORIGINAL_LOGIN: session('SessionUser', 'ORIGINAL_LOGIN'),
  DB_NAME: session('CurrentDatabase', 'DB_NAME'), SCHEMA_NAME: session('CurrentSchema', 'SCHEMA_NAME'),
  HASHBYTES: (args, ctx, call) => lowerHashbytes(ctx, args, call),
  CHECKSUM: same('Checksum'), BINARY_CHECKSUM: same('Checksum'),
  // aggregates and windows
  COUNT: same('Count'), COUNT_BIG: same('Count'), SUM: same('Sum'), AVG: same('Avg'), MIN: same('Min'), MAX: same('Max'),
  STDEV: same('StdDev'), STDEVP: same('StdDevPop'), VAR: same('Variance'), VARP: same('VarPop'), GROUPING: same('Grouping'),
  PERCENTILE_CONT: same('PercentileCont'), PERCENTILE_DISC: same('PercentileDisc'),
  // The APPROX_ forms promise an estimate (within 2 % for APPROX_COUNT_DISTINCT); the exact answer is one.
  APPROX_PERCENTILE_CONT: (args, ctx, call) => fn('PercentileCont', args.map((a) => lowerExpr(ctx, a)), call.withinGroup ? { withinGroup: lowerOrder(ctx, call.withinGroup) } : {}),
  APPROX_PERCENTILE_DISC: (args, ctx, call) => fn('PercentileDisc', args.map((a) => lowerExpr(ctx, a)), call.withinGroup ? { withinGroup: lowerOrder(ctx, call.withinGroup) } : {}),
  APPROX_COUNT_DISTINCT: same('ApproxCountDistinct'), GROUPING_ID: same('GroupingId'),
  ROW_NUMBER: same('RowNumber'), RANK: same('Rank'), DENSE_RANK: same('DenseRank'), NTILE: same('Ntile'),
  LAG: same('Lag'), LEAD: same('Lead'), FIRST_VALUE: same('FirstValue'), LAST_VALUE: same('LastValue'),
  PERCENT_RANK: same('PercentRank'), CUME_DIST: same('CumeDist'),
  JSON_VALUE: same('JsonValue'),
  REGEXP_LIKE: regexp('RegexpLike', 'REGEXP_LIKE', 2, {}),
  REGEXP_COUNT: regexp('RegexpCount', 'REGEXP_COUNT', 3, { 2: ['1'] }),
  REGEXP_SUBSTR: regexp('RegexpSubstr', 'REGEXP_SUBSTR', 4, { 2: ['1'], 3: ['1'], 5: ['0'] }),
  REGEXP_INSTR: regexp('RegexpInstr', 'REGEXP_INSTR', 5, { 2: ['1'], 3: ['1'], 4: ['0'], 6: ['0'] }),
  // REGEXP_REPLACE(s, p, replacement = '', start = 1, occurrence = 0 (every match), flags)
  REGEXP_REPLACE: (args, ctx, call) => regexp('RegexpReplace', 'REGEXP_REPLACE', 5, { 3: ['1'], 4: ['0', '1'] }, (a) => [
    a[2] ? lowerExpr(ctx, a[2]) : lit(''), lit(a[4]?.kind === 'Literal' && a[4].value === '1' ? '' : 'g'),
  ])(args, ctx, call),
  ISJSON: (args, ctx, call) => {
    const c = args[1];
    const kinds = c === undefined ? 'object,array' : c.kind === 'ColumnRef' && c.name.parts.length === 1 ? JSON_KINDS[c.name.parts[0]!.name.toUpperCase()] : undefined;
    if (!kinds) return keep('ISJSON')(args, ctx, call);
    return fn('IsJson', [lowerExpr(ctx, args[0]!), lit(kinds)]);
  },
  JSON_PATH_EXISTS: same('JsonPathExists'),
  JSON_QUERY: (args, ctx) => fn('JsonQuery', [lowerExpr(ctx, args[0]!), args[1] ? lowerExpr(ctx, args[1]) : lit('$')]),
  ...Object.fromEntries(Object.keys(SQL_SERVER_ONLY).map((name) => [name, keep(name)])),
};

/**
 * Built-ins the parser reads as their own syntax (`CAST(x AS t)`, `CONVERT(t, x, style)`,
 * `PARSE(s AS t USING culture)`), lowered in expressions.ts / convert.ts.
 */
const SYNTAX_FUNCTIONS = ['CAST', 'TRY_CAST', 'CONVERT', 'TRY_CONVERT', 'PARSE', 'TRY_PARSE'];
/** Table-valued built-ins, lowered as table sources in queries.ts. */
const TABLE_FUNCTIONS = ['STRING_SPLIT'];

/** Names of the T-SQL built-ins the translator knows, for the README and the function-count test. */
export const KNOWN_TSQL_FUNCTIONS: readonly string[] = [...Object.keys(BUILTINS), ...SYNTAX_FUNCTIONS, ...TABLE_FUNCTIONS];

/** Fewest arguments a builder reads; SQL Server rejects shorter calls, the translator marks them instead of failing. */
const MIN_ARGS: Readonly<Record<string, number>> = {
  LEN: 1, CHARINDEX: 2, PATINDEX: 2, SPACE: 1, EOMONTH: 1, LOG: 1, ROUND: 2, QUOTENAME: 1, STR: 1, FORMAT: 2, STRING_ESCAPE: 2,
  DATETIME2FROMPARTS: 8, TIMEFROMPARTS: 5, SMALLDATETIMEFROMPARTS: 5, ISDATE: 1, DATE_BUCKET: 3, ISNUMERIC: 1, HASHBYTES: 2, ISJSON: 1,
  JSON_PATH_EXISTS: 2, JSON_QUERY: 1, REGEXP_LIKE: 2, REGEXP_COUNT: 2, REGEXP_SUBSTR: 2, REGEXP_INSTR: 2, REGEXP_REPLACE: 2, BIT_COUNT: 1, LEFT_SHIFT: 2, RIGHT_SHIFT: 2, GET_BIT: 2, SET_BIT: 2, COT: 1,
};

export function lowerCall(ctx: LowerContext, call: A.FunctionCall): Expr {
  const parts = lowerName(call.name);
  const upper = parts.length === 1 ? parts[0]!.name.toUpperCase() : '';
  const builder: Builder | undefined = BUILTINS[upper];
  // Inside a translated routine body some built-ins read local state (SCOPE_IDENTITY, ERROR_MESSAGE in a CATCH).
  const hooked = upper && call.args.length === 0 ? ctx.routine?.builtin(upper, call.span) : undefined;
  if (hooked) return hooked;
  let result: Expr;
  if (builder !== undefined && call.args.length < (MIN_ARGS[upper] ?? 0)) {
    result = mark(ctx, 'MD3001', { construct: `${upper} with ${call.args.length} argument(s)`, target: 'any target' }, call.span,
      fn('User', call.args.map((a) => lowerExpr(ctx, a)), { name: parts }));
  } else if (builder !== undefined) {
    result = builder(call.args, ctx, call);
  } else {
    const user: Fn = fn('User', call.args.map((a) => lowerExpr(ctx, a)), { name: parts });
    // A schema-qualified name is a user function for sure; one bare unknown name might be a built-in we lack.
    result = parts.length === 1 ? mark(ctx, 'MD3004', { name: parts[0]!.name }, call.span, user) : user;
  }
  if (result.kind !== 'Fn') return { ...result, span: call.span } as Expr;
  const extra: { -readonly [K in keyof Fn]?: Fn[K] } = { span: call.span };
  if (call.quantifier === 'DISTINCT') extra.distinct = true;
  if (call.over) extra.over = lowerWindow(ctx, call.over);
  if (call.nulls === 'IGNORE NULLS') extra.ignoreNulls = true;
  return { ...result, ...extra };
}

/**
 * PATINDEX takes a LIKE pattern; targets search with regular expressions, so a literal pattern is
 * converted here. A pattern computed at run time cannot be, and is marked.
 */
function lowerPatindex(ctx: LowerContext, args: readonly A.Expression[], call: A.FunctionCall): Expr {
  const [p, s] = args;
  const subject = lowerExpr(ctx, s!);
  if (p && (p.kind === 'Literal') && (p.type === 'string' || p.type === 'nstring')) {
    return fn('RegexpPosition', [subject, lit(likeToRegex(p.value, false))]);
  }
  return mark(ctx, 'MD3002', { name: 'PATINDEX', target: 'the target', detail: 'pattern is not a literal; searched as a plain string' }, call.span,
    fn('StrPosition', [subject, lowerExpr(ctx, p!)]));
}

/**
 * A T-SQL LIKE pattern → an anchored POSIX regular expression. `%` → `.*`, `_` → `.`,
 * `[a-z]`/`[^a-z]` kept as classes, everything else escaped. With `anchored` false, leading and
 * trailing `%` are left off so a search finds the first match (PATINDEX).
 */
export function likeToRegex(pattern: string, anchored = true): string {
  let out = '';
  let i = 0;
  let body = pattern;
  if (!anchored) {
    // PATINDEX('%x%', s): position of the first x, so the leading % only means "anywhere".
    const lead = body.startsWith('%');
    const trail = body.endsWith('%') && body.length > 1;
    body = body.slice(lead ? 1 : 0, trail ? -1 : undefined);
    out = lead ? '' : '^';
    const core = convert(body);
    return out + core + (trail ? '' : '$');
  }
  return '^' + convert(body) + '$';

  function convert(src: string): string {
    let r = '';
    for (i = 0; i < src.length; i++) {
      const c = src[i]!;
      if (c === '%') r += '.*';
      else if (c === '_') r += '.';
      else if (c === '[') {
        const close = src.indexOf(']', i + 2);
        if (close < 0) { r += '\\['; continue; }
        const cls = src.slice(i + 1, close);
        r += '[' + (cls.startsWith('^') ? '^' + cls.slice(1).replace(/[\\\]]/g, '\\$&') : cls.replace(/[\\\]]/g, '\\$&')) + ']';
        i = close;
      } else if (/[.*+?^${}()|\\/]/.test(c)) r += '\\' + c;
      else r += c;
    }
    return r;
  }
}
