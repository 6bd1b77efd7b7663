/**
 * The public translator: T-SQL text → target SQL text plus diagnostics. Pure: no I/O, no globals.
 * parse → lower (AST → neutral tree) → passes → generate.
 */
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import { parseStatementsStreaming } from '../tsql/index.js';
import { getDialect, type TargetName } from './dialects/registry.js';
import { Generator } from './generate/generator.js';
import type { Ident, Stmt } from './ir.js';
import { lowerStatement } from './lower/statements.js';
import { runPasses, type PassContext, type RelationResolver } from './passes/index.js';
import type { Expr, Query } from './ir.js';
import type { Statement } from '../tsql/ast/index.js';
import type { DateFormat } from './passes/insert-literal-types.js';
import type { SqlType } from './types.js';
import { queryColumns, type ColumnResolver, type TableColumn } from './scope.js';
import { translateRoutine } from './procedural/index.js';

export interface TranspileOptions {
  readonly to: TargetName;
  /** Case sensitivity of the source collation: 'ci' (SQL Server's default) folds string comparisons. */
  readonly collation?: 'ci' | 'cs';
  /**
   * 'ignore' (default): string comparisons ignore trailing spaces as SQL Server's do ('abc' = 'abc  '),
   * through rtrim(); 'keep': compared as the target compares, for data without trailing spaces.
   */
  readonly trailingSpaces?: 'ignore' | 'keep';
  /** Any diagnostic (not only errors) is raised as an error-severity MD3001 summary; the SQL is still returned. */
  readonly strict?: boolean;
  /** Schema renames for two- and three-part names (null drops the schema). Default: `{ dbo: null }`. */
  readonly schemas?: Readonly<Record<string, string | null>>;
  /** File name used in diagnostic spans. */
  readonly file?: string;
  /**
   * Prints a table reference as the returned text instead of its name (undefined: keep the name).
   * The dbt generator passes `{{ ref('…') }}` / `{{ source('…', '…') }}`; see passes/relations.ts.
   */
  readonly relation?: RelationResolver;
  /**
   * The columns (with their SQL Server types) of a table or view the SQL reads, as written (one-part
   * names carry no schema); undefined when unknown. Column references then get their types by scope
   * resolution (scope.ts), which makes `+`, real arithmetic, collation folding and ISNULL exact. Tables
   * and views created earlier in the same script are known without it (and win over it).
   */
  readonly columns?: ColumnResolver;
  /**
   * Variables (names without @, any case) that have a value where the SQL runs: a dbt model's vars, a
   * macro's arguments. They print as placeholders like any variable, without MD3012.
   */
  readonly boundVariables?: ReadonlySet<string>;
}

export interface TranspileResult {
  readonly sql: string;
  readonly diagnostics: Diagnostic[];
  /** The same output split per source statement, for callers that run or file them one by one. */
  readonly statements: readonly TranslatedStatement[];
}

export interface TranslatedStatement {
  /**
   * The neutral statement kind: QueryStmt, CreateView, CreateTable, Insert, Update, Delete, Merge, Truncate or
   * Unsupported; CreateProcedure/CreateFunction for a routine translated to PL/pgSQL (`--to postgres`).
   */
  readonly kind: Stmt['kind'] | 'CreateProcedure' | 'CreateFunction';
  readonly sql: string;
  /** 1-based source line of the T-SQL statement. */
  readonly line: number;
}

/** Lowers and rewrites one statement: the neutral tree the generator prints. Exposed for tests and tools. */
export function toNeutral(stmt: Parameters<typeof lowerStatement>[1], ctx: PassContext): Stmt {
  return runPasses(lowerStatement(ctx, stmt), ctx);
}

export function transpile(sql: string, options: TranspileOptions): TranspileResult {
  const dialect = getDialect(options.to);
  // Translation findings; the parser's are put in front once the whole script is read.
  const found: Diagnostic[] = [];
  // Tables created earlier in the script and SET DATEFORMAT: the little state a script carries.
  const tables = new Map<string, Map<string, SqlType>>();
  // Columns of the tables (declared) and views (select lists) created earlier in the script.
  const created = new Map<string, readonly TableColumn[]>();
  // Identity column of each table created earlier in the script (null: none), for SCOPE_IDENTITY() in routines.
  const identities = new Map<string, string | null>();
  // The columns an INSERT without a column list fills, for those tables with an IDENTITY column.
  const insertColumns = new Map<string, readonly Ident[]>();
  const columns: ColumnResolver = (n) => created.get(n.name.toLowerCase()) ?? options.columns?.(n);
  let ctx: PassContext = {
    diagnostics: found, collation: options.collation ?? 'ci', trailingSpaces: options.trailingSpaces ?? 'ignore', tables, dateFormat: 'mdy', schemas: options.schemas ?? { dbo: null },
    columns, insertColumns, source: sql, ...(options.relation ? { relation: options.relation } : {}), ...boundOf(options),
  };
  const gen = new Generator(dialect, found);
  const statements: TranslatedStatement[] = [];
  // Streamed statement by statement: each statement's tree dies young instead of being kept for its batch.
  const parsed = parseStatementsStreaming(sql, { file: options.file ?? '<input>' }, (stmt) => {
    if (stmt.kind === 'SetOption' && stmt.options.some((o) => o.toUpperCase() === 'DATEFORMAT')) {
      const f = stmt.value.tokens.join('').toLowerCase().replace(/['"]/g, '');
      if (/^[dmy]{3}$/.test(f)) ctx = { ...ctx, dateFormat: f as DateFormat };
    }
    if (dialect.name === 'postgres' && (stmt.kind === 'CreateProcedure' || stmt.kind === 'CreateFunction')) {
      // Stored procedures and scalar functions → PL/pgSQL (procedural/); other kinds keep the MD3001 comment.
      const routine = translateRoutine(stmt, { ctx, gen, identities });
      if (routine !== undefined) {
        statements.push({ kind: stmt.kind, sql: routine, line: stmt.span.line });
        return;
      }
    }
    const neutral = toNeutral(stmt, ctx);
    if (neutral.kind === 'CreateTable') {
      const key = neutral.name.at(-1)!.name.toLowerCase();
      if (neutral.columns.length) identities.set(key, neutral.columns.find((c) => c.identity)?.name.name ?? null);
      else identities.delete(key);
      if (neutral.columns.some((c) => c.identity)) insertColumns.set(key, neutral.columns.filter((c) => !c.identity).map((c) => c.name));
      else insertColumns.delete(key);
      tables.set(key, new Map(neutral.columns.map((c) => [c.name.name.toLowerCase(), c.type])));
      // SELECT … INTO has no declared columns: its table stays unknown.
      if (neutral.columns.length) created.set(key, neutral.columns.map((c) => ({ name: c.name.name, type: c.type })));
      else created.delete(key);
    } else if (neutral.kind === 'CreateView') {
      const cols = queryColumns(neutral.query, columns, neutral.columns);
      const key = neutral.name.at(-1)!.name.toLowerCase();
      if (cols && cols.every((c) => c.name !== '')) created.set(key, cols);
      else created.delete(key);
    }
    statements.push({ kind: neutral.kind, sql: gen.statement(neutral), line: stmt.span.line });
  });
  const diagnostics: Diagnostic[] = [...parsed.diagnostics, ...found];
  if (options.strict) {
    const findings = diagnostics.filter((d) => d.code.startsWith('MD3') || d.severity === 'error');
    if (findings.length) {
      diagnostics.push(diagnostic('MD3001', { construct: `input with ${findings.length} finding(s) under --strict`, target: dialect.name }, undefined,
        'Resolve or accept each diagnostic, or run without --strict.'));
    }
  }
  return { sql: statements.map((s) => `${s.sql};`).join('\n\n'), diagnostics, statements };
}

const STMT_KINDS: ReadonlySet<string> = new Set<Stmt['kind']>(['QueryStmt', 'CreateTable', 'CreateView', 'Insert', 'Update', 'Delete', 'Merge', 'Truncate', 'Unsupported']);

/** One parsed statement translated on its own: its neutral tree and a printer bound to the same target and diagnostics. */
export interface StatementTranslation {
  readonly neutral: Stmt;
  /** Lowering, pass and printing findings so far (`print` adds to this array). */
  readonly diagnostics: Diagnostic[];
  /** Prints the statement or any query or expression inside it (the SELECT of an INSERT … SELECT, a MERGE's USING query). */
  print(node: Stmt | Query | Expr): string;
}

/**
 * Translates one already-parsed T-SQL statement (e.g. a statement inside a procedure body) with the
 * same options as `transpile`: callers that pick statements out of a routine use this instead of
 * re-parsing text.
 */
export function translateStatement(stmt: Statement, options: TranspileOptions): StatementTranslation {
  const diagnostics: Diagnostic[] = [];
  const ctx: PassContext = {
    diagnostics, collation: options.collation ?? 'ci', trailingSpaces: options.trailingSpaces ?? 'ignore', tables: new Map(), dateFormat: 'mdy', schemas: options.schemas ?? { dbo: null },
    ...(options.relation ? { relation: options.relation } : {}), ...(options.columns ? { columns: options.columns } : {}), ...boundOf(options),
  };
  const neutral = toNeutral(stmt, ctx);
  const gen = new Generator(getDialect(options.to), diagnostics);
  return {
    neutral,
    diagnostics,
    print: (node) => (node.kind === 'Query' ? gen.query(node) : STMT_KINDS.has(node.kind) ? gen.statement(node as Stmt) : gen.expr(node as Expr)),
  };
}

/** `boundVariables` as the lowering context holds them: lower case, without @. */
function boundOf(options: TranspileOptions): { boundVariables?: ReadonlySet<string> } {
  return options.boundVariables?.size ? { boundVariables: new Set([...options.boundVariables].map((v) => v.replace(/^@+/, '').toLowerCase())) } : {};
}
