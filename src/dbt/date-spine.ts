/**
 * Date-dimension fill loops (the planner's `set-based-loop` over a date variable) as a set-based
 * date spine. The procedure walks `@d` from its first value one day at a time while the loop
 * condition holds and inserts one row per day; the model selects the same column expressions from
 * one row per day of a generated series:
 *
 *   bounds      the first and last day (the loop variable's initial value, the condition's bound)
 *   date_spine  `{{ mssql2dbt_date_spine('bounds') }}`: generate_series / range on the target
 *   final       the INSERT's expressions with `@d` → the spine's day, and the variables the loop
 *               body SETs before the INSERT replaced by their expressions
 *
 * The INSERT may take its row from VALUES or from an inline table-valued function called with the
 * loop variable (WWI's `Integration.GenerateDateDimensionColumns(@DateCounter)`): the function's
 * query is inlined over the spine. Anything else returns undefined (the caller writes a stub).
 */
import type { GeneratedFile } from './model.js';
import { walk, type AnyNode } from '../catalog/ast/walk.js';
import type { Identifier, Insert, Statement, While } from '../tsql/ast/index.js';
import { parseScript, printExpression, printQuery } from '../tsql/index.js';
import type { GenContext, Routine } from './context.js';
import type { ParsedDefinition } from './definitions.js';
import { objectKey } from './names.js';
import { formatSql } from './sql-text.js';
import { renameColumns, translateForModel, type ModelTranslation } from './translate-model.js';
import { ident, type Query } from '../translate/ir.js';
import type { RelationImports } from './relations.js';

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const bracket = (s: string): string => `[${s.replace(/]/g, ']]')}]`;

/** The spine's column; the loop variable becomes `CAST(d.date_day AS date)` (typed, so date functions translate). */
const DAY = 'CAST(d.date_day AS date)';

function substitute(text: string, values: ReadonlyMap<string, string>): string {
  let out = text;
  // Longest names first, so @Date does not eat the start of @DateKey.
  for (const [v, x] of [...values].sort((a, b) => b[0].length - a[0].length)) {
    out = out.replace(new RegExp(`${escapeRe(v)}(?![\\w@#$])`, 'gi'), () => `(${x})`);
  }
  return out;
}

/** Statements in source order, entering blocks, TRY and IF branches but not `stop` (the loop). */
function linear(list: readonly Statement[], stop: Statement | undefined, out: Statement[] = []): Statement[] {
  for (const s of list) {
    if (s === stop) continue;
    out.push(s);
    if (s.kind === 'Block') linear(s.statements, stop, out);
    else if (s.kind === 'TryCatch') linear((s as unknown as { tryBlock: Statement[] }).tryBlock, stop, out);
    else if (s.kind === 'If') linear([s.then, ...(s.else ? [s.else] : [])], stop, out);
  }
  return out;
}

export interface DateSpineSql {
  /** Logic CTEs and the final query, T-SQL translated, ready for modelSql. */
  readonly logic: { name: string; sql: string }[];
  readonly t: ModelTranslation;
  readonly query: Query;
}

/** The loop → bounds, spine and final query; undefined when the loop is not a recognisable day-by-day fill. */
export function dateSpine(ctx: GenContext, routine: Routine, def: ParsedDefinition, loop: While, insert: Insert, file: string, imports: RelationImports, self: string): DateSpineSql | undefined {
  const body = (def.module as unknown as { body?: readonly Statement[] }).body;
  if (!body) return undefined;
  // The step: SET @d = DATEADD(day, 1, @d) inside the loop.
  let step: string | undefined;
  walk(loop.body as unknown as AnyNode, (n) => {
    if (n.kind !== 'SetVariable') return undefined;
    const s = n as unknown as { variable: { name: string }; op: string; expr: Parameters<typeof printExpression>[0] };
    const text = printExpression(s.expr).replace(/\s+/g, '');
    if (s.op === '=' && new RegExp(`^DATEADD\\((day|dd|d),1,${escapeRe(s.variable.name)}\\)$`, 'i').test(text)) step = s.variable.name;
    return undefined;
  });
  if (!step) return undefined;
  // Values of variables set before the loop (DECLARE … = x, SET @v = x), in order; parameters stay (they are vars).
  const before = new Map<string, string>();
  for (const s of linear(body, loop)) {
    if (s.span.offset >= loop.span.offset) break;
    if (s.kind === 'Declare') {
      for (const item of s.items) if (item.kind === 'DeclareVariable' && item.init) before.set(item.name.name, substitute(printExpression(item.init), before));
    } else if (s.kind === 'SetVariable' && s.op === '=') before.set(s.variable.name, substitute(printExpression(s.expr), before));
  }
  const start = before.get(step);
  if (!start) return undefined;
  // The last day, from the loop condition: @d <= x, @d < x, x >= @d, x > @d, YEAR(@d) = x.
  const cond = printExpression(loop.condition).replace(/\s+/g, ' ').trim();
  const v = escapeRe(step);
  let end: string | undefined;
  let m: RegExpExecArray | null;
  if ((m = new RegExp(`^${v} (<=|<) (.+)$`, 'i').exec(cond)) || (m = new RegExp(`^(.+) (>=|>) ${v}$`, 'i').exec(cond))) {
    const [op, bound] = m[1]!.startsWith('<') || m[1]!.startsWith('>') ? [m[1]!, m[2]!] : [m[2]!, m[1]!];
    end = op.length === 1 ? `DATEADD(DAY, -1, ${bound})` : bound;
  } else if ((m = new RegExp(`^YEAR\\(${v}\\) = (.+)$`, 'i').exec(cond))) {
    end = `DATEFROMPARTS(${m[1]}, 12, 31)`;
  }
  if (!end) return undefined;
  end = substitute(end, before);
  // Variables the loop body sets before the INSERT (per day), substituted into each other in order.
  const perDay = new Map<string, string>([[step, DAY]]);
  for (const s of linear([loop.body], undefined)) {
    if (s.span.offset >= insert.span.offset) break;
    if (s.kind === 'SetVariable' && s.op === '=' && s.variable.name.toLowerCase() !== step.toLowerCase()) perDay.set(s.variable.name, substitute(printExpression(s.expr), perDay));
  }
  const day = (text: string) => substitute(substitute(text, perDay), before);
  let tsql: string;
  let columns: readonly Identifier[] | undefined = insert.columns;
  const src = insert.source;
  if (src.kind === 'Values' && src.rows.length === 1 && insert.columns?.length === src.rows[0]!.length) {
    tsql = `SELECT ${src.rows[0]!.map((e, i) => `${day(printExpression(e))} AS ${bracket(insert.columns![i]!.name)}`).join(', ')} FROM date_spine AS d`;
    columns = undefined;
  } else if (src.kind === 'QuerySource' && src.query.body.kind === 'QuerySpec' && src.query.body.from?.length === 1 && src.query.body.from[0]!.kind === 'TableFunction') {
    const inlined = inlineFunction(ctx, routine, src.query.body.from[0]!, day);
    if (!inlined) return undefined;
    const outer = { ...src.query.body, from: [inlined] };
    tsql = day(printQuery({ ...src.query, body: outer } as unknown as typeof src.query));
  } else return undefined;
  const boundsSql = `SELECT ${start} AS start_date, ${end} AS end_date`;
  const parse = (text: string) => parseScript(text, { file }).script.batches[0]?.statements[0];
  const b = parse(boundsSql);
  const f = parse(tsql);
  if (!b || !f) return undefined;
  const tb = translateForModel(ctx, b, routine.schema, self, file, imports);
  const t = translateForModel(ctx, f, routine.schema, self, file, imports);
  if (tb.translation.neutral.kind !== 'QueryStmt' || t.translation.neutral.kind !== 'QueryStmt') return undefined;
  t.translation.diagnostics.push(...tb.translation.diagnostics);
  const bounds = imports.reserve('bounds');
  const spine = imports.reserve('date_spine');
  return {
    logic: [
      { name: bounds, sql: `-- the first and last day of the loop (${printExpression(loop.condition).replace(/\s+/g, ' ')}, ${step} stepped one day at a time)\n${formatSql(tb.translation.print(tb.translation.neutral.query))}` },
      { name: spine, sql: `-- one row per day, generated on the target (macros/mssql2dbt_date_spine.sql)\n{{ mssql2dbt_date_spine('${bounds}') }}` },
    ],
    t,
    query: renameColumns(t.translation.neutral.query, columns?.map((c) => ident(c.name))),
  };
}

/**
 * `FROM schema.fn(@d)` of an inline table-valued function whose query has no FROM: the function's
 * select list with its parameters replaced by the call's arguments, as a derived table over the spine.
 */
function inlineFunction(ctx: GenContext, routine: Routine, source: AnyNode, day: (text: string) => string): AnyNode | undefined {
  const call = (source as unknown as { call: { kind: string; name?: { parts: readonly ({ name: string } | null)[] }; args?: readonly Parameters<typeof printExpression>[0][] }; alias?: Identifier }).call;
  if (call.kind !== 'FunctionCall' || !call.name || !call.args) return undefined;
  const parts = call.name.parts.filter((p): p is { name: string } => !!p);
  const name = parts[parts.length - 1]!.name;
  const schema = parts.length > 1 ? parts[parts.length - 2]!.name : routine.schema;
  const fn = ctx.catalog.functions.find((x) => objectKey(x.schema, x.name) === objectKey(schema, name));
  if (!fn?.definition) return undefined;
  const parsedFn = parseScript(fn.definition, { file: ctx.fileOf(fn.location) }).script.batches.flatMap((x) => x.statements).find((s) => s.kind === 'CreateFunction');
  if (!parsedFn || parsedFn.kind !== 'CreateFunction' || parsedFn.returns.kind !== 'InlineTable') return undefined;
  const q = parsedFn.returns.query;
  if (q.body.kind !== 'QuerySpec' || q.body.from?.length || q.body.where || q.body.groupBy || parsedFn.params.length !== call.args.length) return undefined;
  const args = new Map(parsedFn.params.map((p, i) => [p.name.name, day(printExpression(call.args![i]!))]));
  const inner = `SELECT * FROM (${substitute(printQuery(q), args)} FROM date_spine AS d) AS ${bracket((source as unknown as { alias?: Identifier }).alias?.name ?? name)}`;
  const stmt = parseScript(inner, { file: ctx.fileOf(fn.location) }).script.batches[0]?.statements[0];
  if (!stmt || stmt.kind !== 'SelectStatement' || stmt.query.body.kind !== 'QuerySpec') return undefined;
  return stmt.query.body.from?.[0] as unknown as AnyNode;
}

/** The macro the spine calls: one row per day from bounds.start_date to bounds.end_date (none when either is null). */
export function dateSpineMacro(): GeneratedFile {
  return {
    path: 'macros/mssql2dbt_date_spine.sql',
    content: `{#- One row per day (column date_day) from start_date to end_date of the relation \`bounds\`, both included; no rows when
    either is null. Written for date-dimension fill loops (WHILE @d <= @end … DATEADD(day, 1, @d)).
    Shipped by mssql2dbt so the project needs no packages (dbt deps cannot run air-gapped). -#}
{% macro mssql2dbt_date_spine(bounds) -%}
    {{ return(adapter.dispatch('mssql2dbt_date_spine')(bounds)) }}
{%- endmacro %}

{% macro default__mssql2dbt_date_spine(bounds) -%}
select cast(generate_series(cast(start_date as timestamp), cast(end_date as timestamp), interval '1 day') as date) as date_day
from {{ bounds }}
{%- endmacro %}

{% macro duckdb__mssql2dbt_date_spine(bounds) -%}
select cast(unnest(generate_series(cast(start_date as timestamp), cast(end_date as timestamp), interval 1 day)) as date) as date_day
from {{ bounds }}
{%- endmacro %}
`,
  };
}
