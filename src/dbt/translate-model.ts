/**
 * One T-SQL statement → the body of a CTE-style model: translated with the relations hook (tables
 * become import CTEs over ref()/source()), then assembled as import CTEs, the statement's own CTEs,
 * a `final` CTE and `select * from final`, as dbt's style guide lays a model out.
 */
import { getDialect, translateStatement, type StatementTranslation } from '../translate/index.js';
import type { Ident, Query, QueryBody } from '../translate/ir.js';
import { findAll, type AnyNode } from '../catalog/ast/walk.js';
import type { Statement } from '../tsql/index.js';
import type { GenContext } from './context.js';
import { catalogColumns } from './column-types.js';
import { RelationImports } from './relations.js';
import { macroCalls } from './scalar-functions.js';
import { cteModel, formatSql } from './sql-text.js';

export interface ModelTranslation {
  readonly translation: StatementTranslation;
  readonly imports: RelationImports;
}

/** Names a statement already uses for its own CTEs (import CTEs must not clash with them). */
export function cteNamesOf(stmt: Statement): string[] {
  return (findAll(stmt as AnyNode, 'CommonTableExpression') as unknown as { name: { name: string } }[]).map((c) => c.name.name);
}

/** `bound`: the routine's parameters that are the model's vars or the macro's arguments (no MD3012 for them). */
export function translateForModel(ctx: GenContext, stmt: Statement, moduleSchema: string, self: string | undefined, file: string, shared?: RelationImports, bound?: ReadonlySet<string>): ModelTranslation {
  const imports = shared ?? new RelationImports(ctx, moduleSchema, self, [...cteNamesOf(stmt), 'final']);
  const translation = translateStatement(stmt, { to: ctx.sqlDialect, relation: imports.resolve, columns: catalogColumns(ctx, moduleSchema), file, ...(bound ? { boundVariables: bound } : {}) });
  return { translation, imports };
}

/** Gives the select list the column names of an INSERT's column list (or a view's), position by position. */
export function renameColumns(q: Query, names: readonly Ident[] | undefined): Query {
  if (!names?.length) return q;
  const rename = (b: QueryBody): QueryBody => {
    if (b.kind === 'Select' && b.columns.length === names.length && !b.columns.some((c) => c.expr.kind === 'Star')) {
      return {
        ...b,
        columns: b.columns.map((c, i) => {
          const same = !c.alias && c.expr.kind === 'Col' && c.expr.parts[c.expr.parts.length - 1]!.name === names[i]!.name;
          return same ? c : { ...c, alias: names[i]! };
        }),
      };
    }
    if (b.kind === 'SetOp') return { ...b, left: rename(b.left) };
    if (b.kind === 'ParenQuery') return { ...b, query: renameColumns(b.query, names) };
    return b;
  };
  return { ...q, body: rename(q.body) };
}

/** The model SQL for `query` (already translated in `t`): import CTEs, its own CTEs, `final`. */
export function modelSql(ctx: GenContext, t: ModelTranslation, query: Query, logic: readonly { name: string; sql: string }[] = [], finalName = 'final'): string {
  const { translation } = t;
  const calls = (q: Query) => macroCalls(ctx, q, t.imports.moduleSchema, translation.print);
  const own = (query.with?.ctes ?? []).map((c) => ({ ...c, query: calls(c.query) }));
  const body: Query = calls({ ...query });
  delete (body as { with?: unknown }).with;
  const ctes: { name: string; sql: string }[] = t.imports.imports.map((i) => ({ name: i.name, sql: `select * from ${i.relation}` }));
  ctes.push(...logic);
  for (const c of own) {
    const cols = c.columns?.length ? ` (${c.columns.map((x) => quoteIdent(ctx, x)).join(', ')})` : '';
    ctes.push({ name: `${quoteIdent(ctx, c.name)}${cols}`, sql: formatSql(translation.print(c.query)) });
  }
  ctes.push({ name: finalName, sql: formatSql(translation.print(body)) });
  const text = cteModel(ctes);
  return query.with?.recursive && getDialect(ctx.sqlDialect).flags.recursiveKeyword ? text.replace(/^with /, 'with recursive ') : text;
}

/** An identifier as the target prints it (via a one-column query, so quoting rules stay the translator's). */
function quoteIdent(ctx: GenContext, id: Ident): string {
  const d = getDialect(ctx.sqlDialect);
  const [open, close] = d.flags.quote;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(id.name) && !d.reserved.has(id.name.toUpperCase()) ? id.name : open + id.name.split(close).join(close + close) + close;
}


/** A query printed as one logic CTE's body (its own CTEs nested): for #temp tables folded into a model. */
export function modelBody(ctx: GenContext, t: ModelTranslation, query: Query): string {
  return formatSql(t.translation.print(macroCalls(ctx, query, t.imports.moduleSchema, t.translation.print)));
}
