/**
 * CREATE PROCEDURE / CREATE FUNCTION (scalar) → PL/pgSQL on PostgreSQL:
 *   CREATE OR REPLACE PROCEDURE s.p(a integer, b varchar(10) DEFAULT 'x', INOUT c integer DEFAULT NULL)
 *   LANGUAGE plpgsql AS $$ #variable_conflict use_column DECLARE … BEGIN … END $$
 * OUTPUT parameters are INOUT: the caller's value goes in and the final value comes back, as in T-SQL
 * (PostgreSQL 14+ also has OUT for procedures, which would drop the input; INOUT works on every version).
 */
import { diagnostic } from '../../diagnostics/index.js';
import type * as A from '../../tsql/ast/index.js';
import type { Generator } from '../generate/generator.js';
import type { CreateTableStmt } from '../ir.js';
import { lowerName, lowerType } from '../lower/expressions.js';
import { mapName } from '../passes/map-schemas.js';
import type { ColumnResolver, TableColumn } from '../scope.js';
import type { SqlType } from '../types.js';
import { Body } from './body.js';
import { scanBody } from './scan.js';
import { RoutineSql, type RoutineContext } from './sql.js';
import { ROWCOUNT, SCOPE_IDENTITY, Variables } from './variables.js';
import { commentSafe } from '../generate/comment.js';

export interface RoutineEnv {
  /** The script's context at this statement (diagnostics, known tables, options). */
  readonly ctx: RoutineContext;
  readonly gen: Generator;
  /** Tables created earlier in the script (last name part, lower case) → identity column, or null for none. */
  readonly identities: ReadonlyMap<string, string | null>;
}

/** Module options that change nothing PostgreSQL could reproduce or that do not change results. */
const IGNORED_OPTIONS = new Set(['RECOMPILE', 'SCHEMABINDING', 'NATIVE_COMPILATION', 'ENCRYPTION', 'CALLED ON NULL INPUT']);

/** The PL/pgSQL text, or undefined when the routine is of a kind left to the generic MD3001 path. */
export function translateRoutine(stmt: A.CreateProcedure | A.CreateFunction, env: RoutineEnv): string | undefined {
  const isProc = stmt.kind === 'CreateProcedure';
  if (isProc && (stmt.externalName || stmt.number !== undefined || stmt.forReplication)) return undefined;
  if (!isProc && stmt.returns.kind !== 'Scalar') return undefined;
  if (stmt.params.some((p) => p.readonly)) return undefined; // table-valued parameters
  const body = isProc ? stmt.body : stmt.returns.kind === 'Scalar' ? stmt.returns.body : [];
  const gen = env.gen;
  const name = mapName(lowerName(stmt.name), env.ctx);
  const qualifier = gen.ident(name[name.length - 1]!);

  const uses = scanBody(body);
  const identityOf = (t: string) => (uses.createdTables.has(t) ? uses.createdTables.get(t) : env.identities.get(t));
  const vars = new Variables(env.ctx.diagnostics, (n) => gen.ident({ name: n, quoted: false }));
  vars.scopeIdentity = uses.insertTargets.every((t) => t !== '' && identityOf(t) !== undefined) ? 'exact' : 'lastval';

  // Tables the body creates become known to the statements after them (scope resolution, literal types).
  const local = new Map<string, readonly TableColumn[]>();
  const tables = new Map(env.ctx.tables ?? []);
  const columns: ColumnResolver = (n) => local.get(n.name.toLowerCase()) ?? env.ctx.columns?.(n);
  const ctx: RoutineContext = { ...env.ctx, routine: vars, columns, tables };
  const created = (n: CreateTableStmt) => {
    const key = n.name[n.name.length - 1]!.name.toLowerCase();
    local.set(key, n.columns.map((c) => ({ name: c.name.name, type: c.type })));
    tables.set(key, new Map(n.columns.map((c) => [c.name.name.toLowerCase(), c.type])));
  };

  const params = parameters(stmt, ctx, gen, vars, qualifier);
  if (uses.rowcount) vars.system(ROWCOUNT, 'bigint');
  if (uses.scopeIdentity && vars.scopeIdentity === 'exact') vars.system(SCOPE_IDENTITY, 'numeric(38, 0)');

  const b = new Body({ sql: new RoutineSql(ctx, gen), vars, diagnostics: env.ctx.diagnostics, kind: isProc ? 'procedure' : 'function', uses, identityOf, created });
  b.statements(body);
  const text = b.text();
  // @@ROWCOUNT is 0 when a procedure starts (nothing has run in its scope yet).
  const init = uses.rowcount ? `  ${ROWCOUNT} := 0;` : '';

  let returns = '';
  const notes: string[] = [];
  if (!isProc && stmt.returns.kind === 'Scalar') returns = `\nRETURNS ${gen.type(lowerType(ctx, stmt.returns.type), stmt.span)}`;
  let strict = '';
  for (const o of stmt.options) {
    const opt = o.name.toUpperCase().replace(/\s+/g, ' ');
    if (opt === 'RETURNS NULL ON NULL INPUT') strict = '\nSTRICT';
    else if (!IGNORED_OPTIONS.has(opt)) {
      const d = diagnostic('MD3002', { name: `WITH ${o.name}${o.value ? ` ${o.value}` : ''}`, target: 'postgres', detail: 'routine option dropped' }, stmt.span);
      env.ctx.diagnostics.push(d);
      notes.push(`/* mssql2dbt: MD3002 ${commentSafe(d.message)} */\n`);
    }
  }
  const source = [
    '#variable_conflict use_column',
    ...(vars.declarations.length ? ['DECLARE', ...vars.declarations.map((d) => `  ${d}`)] : []),
    'BEGIN',
    ...(init ? [init] : []),
    ...(text ? [text] : []),
    'END',
  ].join('\n');
  const quote = source.includes('$$') ? '$mssql2dbt$' : '$$';
  // OR REPLACE whatever the T-SQL mode: a migration script re-run must redeploy the routine (PostgreSQL has no ALTER for the body).
  return `${notes.join('')}CREATE OR REPLACE ${isProc ? 'PROCEDURE' : 'FUNCTION'} ${gen.name(name)}(${params.join(', ')})${returns}\nLANGUAGE plpgsql${strict}\nAS ${quote}\n${source}\n${quote}`;
}

function parameters(stmt: A.CreateProcedure | A.CreateFunction, ctx: RoutineContext, gen: Generator, vars: Variables, qualifier: string): string[] {
  let defaulted = false;
  return stmt.params.map((p) => {
    const type: SqlType = lowerType(ctx, p.type);
    let bare = p.name.name.replace(/^@/, '');
    if (bare.toLowerCase() === 'found') {
      // FOUND is PL/pgSQL's own variable in the routine's outer scope: `p.found` would name it, not the parameter.
      ctx.diagnostics.push(diagnostic('MD3002', { name: `parameter ${p.name.name}`, target: 'postgres', detail: `renamed ${bare}_ (FOUND is a PL/pgSQL variable)` }, p.span));
      bare = `${bare}_`;
    }
    vars.param(p.name.name, bare, qualifier, type);
    let def = '';
    if (p.default) {
      defaulted = true;
      def = ` DEFAULT ${new RoutineSql(ctx, gen).expr(p.default)}`;
    } else if (defaulted) {
      // PostgreSQL: every parameter after one with a default needs a default; T-SQL callers name them instead.
      const d = diagnostic('MD3002', { name: `parameter ${p.name.name}`, target: 'postgres', detail: 'DEFAULT NULL added: it follows a parameter with a default' }, p.span);
      ctx.diagnostics.push(d);
      def = ' DEFAULT NULL';
    }
    return `${p.output ? 'INOUT ' : ''}${gen.ident({ name: bare, quoted: false })} ${gen.type(type, p.span)}${def}`;
  });
}
