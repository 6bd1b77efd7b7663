/**
 * T-SQL built-in calls → semantic functions. The table is keyed by the upper-case T-SQL name;
 * each entry reorders arguments into the semantic function's fixed order and normalises
 * dateparts. Names not in the table pass through as `User` calls with a warning.
 */
import type * as A from '../../tsql/ast/index.js';
import type { FnName } from '../functions.js';
import { fn, lit, type DateUnit, type Expr, type Fn } from '../ir.js';
import { mark, type LowerContext } from './context.js';
import { lowerExpr, lowerName, lowerOrder, lowerWindow } from './expressions.js';

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
 * the cast spelled out, and 'yyyymmdd' (SQL Server's unambiguous form) rewritten as ISO.
 */
function dateArg(ctx: LowerContext, a: A.Expression): Expr {
  const e = lowerExpr(ctx, a);
  if (e.kind !== 'Lit' || e.type !== 'string') return e;
  const m = /^(\d{4})(\d\d)(\d\d)( .*)?$/.exec(e.value);
  const value = m ? `${m[1]}-${m[2]}-${m[3]}${m[4] ?? ''}` : e.value;
  return { kind: 'Cast', expr: { ...e, value }, type: { name: 'datetime2', args: [7] }, safe: false, span: e.span };
}

/** Plain renames: arguments already in the semantic order. */
const same = (name: FnName): Builder => (args, ctx) => fn(name, args.map((a) => lowerExpr(ctx, a)));
/** Date functions: a datepart first, then the arguments; those at `dates` positions are dates. */
const withUnit = (name: FnName, dates: readonly number[]): Builder => (args, ctx) =>
  fn(name, [unitOf(ctx, args[0]), ...args.slice(1).map((a, i) => (dates.includes(i + 1) ? dateArg(ctx, a) : lowerExpr(ctx, a)))]);
const part = (unit: DateUnit): Builder => (args, ctx) => fn('DatePart', [{ kind: 'Unit', unit }, ...args.map((a) => dateArg(ctx, a))]);

const BUILTINS: Readonly<Record<string, Builder>> = {
  // strings
  LEN: (args, ctx) => fn('Length', [fn('RTrim', [lowerExpr(ctx, args[0]!)])]), // LEN ignores trailing spaces
  DATALENGTH: same('ByteLength'),
  UPPER: same('Upper'), LOWER: same('Lower'),
  LTRIM: same('LTrim'), RTRIM: same('RTrim'), TRIM: same('Trim'),
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
  // math
  ABS: same('Abs'), CEILING: same('Ceiling'), FLOOR: same('Floor'), POWER: same('Power'), SQRT: same('Sqrt'),
  SQUARE: same('Square'), EXP: same('Exp'), LOG10: same('Log10'), SIGN: same('Sign'), PI: same('Pi'), RAND: same('Random'),
  SIN: same('Sin'), COS: same('Cos'), TAN: same('Tan'), ASIN: same('Asin'), ACOS: same('Acos'), ATAN: same('Atan'),
  ATN2: same('Atan2'), DEGREES: same('Degrees'), RADIANS: same('Radians'),
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
  // aggregates and windows
  COUNT: same('Count'), COUNT_BIG: same('Count'), SUM: same('Sum'), AVG: same('Avg'), MIN: same('Min'), MAX: same('Max'),
  STDEV: same('StdDev'), STDEVP: same('StdDevPop'), VAR: same('Variance'), VARP: same('VarPop'), GROUPING: same('Grouping'),
  PERCENTILE_CONT: same('PercentileCont'), PERCENTILE_DISC: same('PercentileDisc'),
  ROW_NUMBER: same('RowNumber'), RANK: same('Rank'), DENSE_RANK: same('DenseRank'), NTILE: same('Ntile'),
  LAG: same('Lag'), LEAD: same('Lead'), FIRST_VALUE: same('FirstValue'), LAST_VALUE: same('LastValue'),
  PERCENT_RANK: same('PercentRank'), CUME_DIST: same('CumeDist'),
  JSON_VALUE: same('JsonValue'),
};

/** Names of the T-SQL built-ins the translator knows, for the README and the function-count test. */
export const KNOWN_TSQL_FUNCTIONS: readonly string[] = Object.keys(BUILTINS);

export function lowerCall(ctx: LowerContext, call: A.FunctionCall): Expr {
  const parts = lowerName(call.name);
  const builder = parts.length === 1 ? BUILTINS[parts[0]!.name.toUpperCase()] : undefined;
  let result: Expr;
  if (builder) {
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
