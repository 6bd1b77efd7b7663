/**
 * Staging models: one per source table, `select` of every column cast to its translated type from
 * `{{ source() }}`, nothing else (dbt's staging layer: typed and named, no business logic).
 *
 * Computed columns are not in the raw table (the loader loads data columns only, as a bulk copy
 * out of SQL Server would), so their value is computed here from `computed.expression`, translated
 * like any other expression. The columns it reads are replaced by their casts first: the translator
 * knows no column types, and `+` (concatenation or addition) and `/` (integer or not) depend on
 * them. An expression that cannot be translated is left out, with MD4056 and a header line.
 *
 * Column names are kept as the source has them: the views and procedures translated into the
 * other layers refer to them by those names. The cast is the translator's own (built as T-SQL and
 * translated), so types match the loader's tables and the rest of the project on every target.
 */
import type { Column, SqlType, Table } from '../catalog/model.js';
import type { PlanNode } from '../plan/model.js';
import { translateStatement } from '../translate/index.js';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import type { Query } from '../translate/ir.js';
import { Lexer, parseScript, type Token } from '../tsql/index.js';
import { catalogColumns } from './column-types.js';
import type { GenContext } from './context.js';
import { sourceText } from './names.js';
import { macroCalls } from './scalar-functions.js';
import { cteModel, formatSql, sqlHeader } from './sql-text.js';

const bracket = (s: string): string => `[${s.replace(/]/g, ']]')}]`;

/** A catalog type as T-SQL text; user alias types resolve to their base type. */
export function typeText(ctx: GenContext, t: SqlType | undefined): string | undefined {
  if (!t) return undefined;
  if (t.schema) {
    const alias = ctx.catalog.types.find((u) => u.schema.toLowerCase() === t.schema!.toLowerCase() && u.name.toLowerCase() === t.name.toLowerCase());
    return alias?.baseType ? typeText(ctx, alias.baseType) : undefined;
  }
  if (t.max) return `${t.name}(max)`;
  if (t.precision !== undefined && ['decimal', 'numeric', 'dec'].includes(t.name.toLowerCase())) return `${t.name}(${t.precision}, ${t.scale ?? 0})`;
  if (t.length !== undefined && /char|binary/.test(t.name)) return `${t.name}(${t.length})`;
  if (t.scale !== undefined && ['datetime2', 'time', 'datetimeoffset'].includes(t.name)) return `${t.name}(${t.scale})`;
  return t.name;
}

function castText(ctx: GenContext, c: Column): string {
  const type = typeText(ctx, c.type);
  // Types with no neutral mapping (CLR, hierarchyid in some inputs) are selected as they are.
  return type && !['timestamp', 'rowversion'].includes(type) ? `CAST(${bracket(c.name)} AS ${type})` : bracket(c.name);
}

function columnItem(ctx: GenContext, c: Column): string {
  const cast = castText(ctx, c);
  return cast === bracket(c.name) ? cast : `${cast} AS ${bracket(c.name)}`;
}

/**
 * A computed column's expression with each column it reads replaced by that column's cast (names
 * after a `.` or before a `(` are not columns). Undefined when the text does not lex cleanly.
 */
export function computedItem(ctx: GenContext, table: Table, c: Column): string | undefined {
  const expression = c.computed!.expression;
  const byName = new Map(table.columns.filter((d) => !d.computed).map((d) => [d.name.toLowerCase(), d]));
  const lexer = new Lexer(expression, '<computed>');
  const tokens: Token[] = [];
  for (let t = lexer.next(); t.kind !== 'eof'; t = lexer.next()) tokens.push(t);
  if (lexer.diagnostics.length) return undefined;
  let out = '';
  let at = 0;
  tokens.forEach((t, i) => {
    const col = (t.kind === 'word' || t.kind === 'qident') ? byName.get(t.value.toLowerCase()) : undefined;
    const qualified = tokens[i - 1]?.text === '.' || tokens[i + 1]?.text === '.' || tokens[i + 1]?.text === '(';
    if (!col || qualified) return;
    out += expression.slice(at, t.offset) + castText(ctx, col);
    at = t.end;
  });
  out += expression.slice(at);
  const type = typeText(ctx, c.type);
  return `${type ? `CAST(${out} AS ${type})` : out} AS ${bracket(c.name)}`;
}

/** Why a translated computed column cannot be kept: an error finding, or a function left unknown. */
function untranslatable(diagnostics: readonly Diagnostic[], sql: string): string | undefined {
  // Errors, and the findings that print NULL in place of the value (a datepart or CONVERT style the target lacks).
  const error = diagnostics.find((d) => d.severity === 'error' || d.code === 'MD3010' || d.code === 'MD3009');
  if (error) return `${error.code} ${error.message}`;
  return /mssql2dbt: MD3004/.test(sql) ? (diagnostics.find((d) => d.code === 'MD3004')?.message ?? 'unknown function') : undefined;
}

export function stagingModel(ctx: GenContext, node: PlanNode, table: Table, sourceNode: PlanNode): string {
  const file = ctx.fileOf(table.location);
  const line = 'file' in table.location ? table.location.line : 1;
  const from = `FROM ${bracket(table.schema)}.${bracket(table.name)}`;
  const translate = (tsql: string) => {
    const { script } = parseScript(tsql, { file });
    const stmt = script.batches[0]?.statements[0];
    if (!stmt || script.batches.length !== 1 || script.batches[0]!.statements.length !== 1) return undefined;
    const t = translateStatement(stmt, { to: ctx.sqlDialect, columns: catalogColumns(ctx, table.schema), file });
    return t.neutral.kind === 'QueryStmt' ? { t, query: macroCalls(ctx, t.neutral.query, table.schema, t.print) } : undefined;
  };
  // Each computed column is tried on its own first, so one that cannot be translated is left out alone.
  const leftOut: string[] = [];
  const items: string[] = [];
  for (const c of table.columns) {
    if (!c.computed) {
      items.push(columnItem(ctx, c));
      continue;
    }
    const item = computedItem(ctx, table, c);
    const alone = item ? translate(`SELECT ${item} ${from}`) : undefined;
    const why = !item || !alone ? 'the expression does not parse' : untranslatable(alone.t.diagnostics, alone.t.print(alone.query));
    if (why) {
      leftOut.push(`computed column ${c.name} = ${c.computed.expression} left out: ${why}`);
      ctx.diagnostics.push(diagnostic('MD4056', { node: node.name, detail: `computed column ${table.schema}.${table.name}.${c.name} (${c.computed.expression}) is not translated (${why}); it is left out of the staging model, add it by hand` },
        { file, line, col: 1, offset: 0, end: 0 }));
    } else items.push(item!);
  }
  const translated = translate(`SELECT ${items.join(', ')} ${from}`);
  if (!translated) throw new Error(`staging query for ${table.name} did not translate to a query`);
  const { t } = translated;
  const query: Query = translated.query;
  const relation = sourceNode.raw ? sourceText(sourceNode.raw.sourceName, sourceNode.raw.table) : sourceText(sourceNode.name.split('.')[0]!, table.name);
  const body = query.body.kind === 'Select' ? { ...query, body: { ...query.body, from: [] } } : query;
  // `SELECT cols` without FROM, then the CTE's own `from source` line: the import CTE is `source`.
  const select = `${formatSql(t.print(body))}\nfrom source`;
  const computed = table.columns.filter((c) => c.computed).length - leftOut.length;
  const header = sqlHeader([
    `${node.name}: staging model of ${table.schema}.${table.name}`,
    `source: ${ctx.where(table.location)}`,
    'generated by mssql2dbt: typed columns, no business logic',
    ...(computed ? [`computed columns are computed here from their definitions (the raw table holds data columns only)`] : []),
    ...leftOut,
  ], t.diagnostics);
  // The SELECT was built here, so its spans mean nothing to the user: findings point at the table's CREATE.
  ctx.diagnostics.push(...t.diagnostics.map((d) => (d.span ? { ...d, span: { ...d.span, file, line, col: 1, offset: 0, end: 0 } } : d)));
  return `${header}\n\n${cteModel([{ name: 'source', sql: `select * from ${relation}` }, { name: 'renamed', sql: select }])}`;
}
