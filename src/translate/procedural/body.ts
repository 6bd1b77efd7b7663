/**
 * T-SQL routine body → PL/pgSQL statements. Control flow maps one to one (IF/ELSE, WHILE with
 * BREAK/CONTINUE, BEGIN…END inlined: T-SQL blocks do not scope variables); DML goes through the normal
 * statement translation. Anything without a translation leaves an MD3001 comment *and* a RAISE, so the
 * routine compiles but never silently skips that statement when it runs (a result-set SELECT is the
 * exception: it only loses rows the caller would have seen, and is marked).
 */
import { diagnostic, type Diagnostic } from '../../diagnostics/index.js';
import type * as A from '../../tsql/ast/index.js';
import { someNode } from '../../tsql/index.js';
import type { Generator } from '../generate/generator.js';
import type { CreateTableStmt, Ident } from '../ir.js';
import { lowerName, lowerType } from '../lower/expressions.js';
import { statementText } from '../lower/statements.js';
import { mapName } from '../passes/map-schemas.js';
import { print, raiserror, throwStmt, type MessageHost } from './messages.js';
import type { Uses } from './scan.js';
import type { RoutineSql } from './sql.js';
import { ROW, ROWCOUNT, SCOPE_IDENTITY, type Variables } from './variables.js';
import { commentSafe } from '../generate/comment.js';

export interface BodyEnv {
  readonly sql: RoutineSql;
  readonly vars: Variables;
  readonly diagnostics: Diagnostic[];
  readonly kind: 'procedure' | 'function';
  readonly uses: Uses;
  /** Identity column of a table (last name part, lower case): name, null for none, undefined when unknown. */
  identityOf(table: string): string | null | undefined;
  /** A table the body creates: its columns become known to later statements. */
  created(stmt: CreateTableStmt): void;
}

/** SET options with no effect on results in PostgreSQL (its behaviour is already the ON one, or there is no such knob). */
const HARMLESS_OPTIONS = new Set(['NOCOUNT', 'XACT_ABORT', 'ANSI_NULLS', 'QUOTED_IDENTIFIER', 'ANSI_WARNINGS', 'ARITHABORT', 'ANSI_PADDING', 'CONCAT_NULL_YIELDS_NULL', 'DEADLOCK_PRIORITY', 'LOCK_TIMEOUT']);

interface TryFrame { beganTransaction: boolean }

export class Body {
  private readonly out: string[] = [];
  private depth = 1;
  private readonly tries: TryFrame[] = [];
  /** Inside the TRY part of a TRY/CATCH (a PL/pgSQL block with an EXCEPTION clause). */
  private inTry = 0;
  private transactionNoted = false;

  constructor(private readonly env: BodyEnv) {}

  get gen(): Generator {
    return this.env.sql.gen;
  }

  text(): string {
    return this.out.join('\n');
  }

  private line(s: string): void {
    const pad = '  '.repeat(this.depth);
    for (const l of s.split('\n')) this.out.push(l ? pad + l : l);
  }

  private marker(d: Diagnostic): string {
    this.env.diagnostics.push(d);
    return `/* mssql2dbt: ${d.code} ${commentSafe(d.message)} */`;
  }

  private approx(name: string, detail: string, span?: A.Statement['span']): string {
    return `${this.marker(diagnostic('MD3002', { name, target: 'postgres', detail }, span))} `;
  }

  /** The statement kept as a comment with MD3001, and a RAISE so running it fails loudly. */
  private untranslated(s: A.Statement, construct: string, raise = true): void {
    const src = statementText(this.env.sql.ctx, s);
    this.line(`${this.marker(diagnostic('MD3001', { construct, target: 'postgres' }, s.span, 'Rewrite this statement by hand.'))}`);
    this.line(`/*\n${commentSafe(src)}\n*/`);
    if (raise) this.line(`RAISE EXCEPTION 'mssql2dbt: untranslated ${construct.replace(/'/g, "''")} (line ${s.span.line})';`);
  }

  /** @@ROWCOUNT after a statement (docs: rowcount-transact-sql); only when the body reads it. */
  private rowcount(how: 'diagnostics' | 0 | 1): void {
    if (!this.env.uses.rowcount) return;
    const text = how === 'diagnostics' ? `GET DIAGNOSTICS ${ROWCOUNT} = ROW_COUNT;` : `${ROWCOUNT} := ${how};`;
    // Consecutive resets (SET NOCOUNT ON after the initial 0) say nothing new.
    if (this.out[this.out.length - 1]?.trim() === text) return;
    this.line(text);
  }

  statements(list: readonly A.Statement[]): void {
    for (const s of list) this.statement(s);
  }

  statement(s: A.Statement): void {
    switch (s.kind) {
      case 'Block':
        if (s.atomic) return this.untranslated(s, 'BEGIN ATOMIC');
        return this.statements(s.statements);
      case 'Declare': return this.declare(s);
      case 'SetVariable': return this.setVariable(s);
      case 'SetOption': return this.setOption(s);
      case 'If': return this.ifStmt(s);
      case 'While': return this.whileStmt(s);
      case 'Break': return this.line('EXIT;');
      case 'Continue': return this.line('CONTINUE;');
      case 'Return': return this.returnStmt(s);
      case 'TryCatch': return this.tryCatch(s);
      case 'Print': this.line(print(this.host(), s)); return this.rowcount(0);
      case 'Raiserror': {
        const r = raiserror(this.host(), s);
        if (r === undefined) return this.untranslated(s, 'RAISERROR with a message number or a `*` width');
        this.line(r);
        return this.rowcount(0);
      }
      case 'Throw': return this.line(throwStmt(this.host(), s));
      case 'Transaction': return this.transaction(s);
      case 'ExecuteProcedure': return this.exec(s);
      case 'ExecuteString': return this.execString(s);
      case 'SelectStatement': return this.select(s);
      case 'Insert': case 'Update': case 'Delete': case 'Merge': case 'Truncate': case 'CreateTable':
        return this.dml(s);
      default:
        return this.untranslated(s, s.kind.replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase());
    }
  }

  private host(): MessageHost {
    return { expr: (e) => this.env.sql.expr(e), approx: (n, d, span) => this.approx(n, d, span), str: (x) => this.gen.str(x), inTry: this.inTry > 0 };
  }

  // ---- variables ----

  private declare(s: A.Declare): void {
    for (const item of s.items) {
      if (item.kind !== 'DeclareVariable') {
        this.untranslated(s, item.kind === 'DeclareTable' ? 'DECLARE @table TABLE (table variable)' : 'DECLARE @cursor CURSOR');
        continue;
      }
      const type = lowerType(this.env.sql.ctx, item.type);
      const init = item.init ? this.env.sql.expr(item.init, type) : undefined;
      const v = this.env.vars.declare(item.name.name, type, this.gen.type(type, item.type.span));
      // The initial value is assigned where the DECLARE stands: inside a loop it runs on every pass, as in T-SQL.
      if (init !== undefined) {
        this.line(`${v.local} := ${init};`);
        this.rowcount(1);
      }
    }
  }

  private setVariable(s: A.SetVariable): void {
    const v = this.env.vars.lookup(s.variable.name);
    if (s.cursorOptions || !v) return this.untranslated(s, s.cursorOptions ? 'SET @cursor = CURSOR' : `SET ${s.variable.name} (not declared)`);
    const op = s.op.replace(/=$/, '');
    const value: A.Expression = op ? { kind: 'Binary', op: op as A.BinaryOp, left: s.variable, right: s.expr, span: s.span } : s.expr;
    this.line(`${v.local} := ${this.env.sql.expr(value, v.type)};`);
    this.rowcount(1);
  }

  private setOption(s: A.SetOption): void {
    const names = s.options.map((o) => o.toUpperCase());
    if (names.every((n) => HARMLESS_OPTIONS.has(n))) {
      if (names.includes('XACT_ABORT')) this.line(`-- SET XACT_ABORT: PostgreSQL always aborts the transaction on an error`);
      return this.rowcount(0);
    }
    if (names[0] === 'TRANSACTION') {
      this.line(`${this.approx('SET TRANSACTION ISOLATION LEVEL', 'dropped: the session default isolation applies (READ UNCOMMITTED reads as READ COMMITTED anyway)', s.span).trim()}`);
      return this.rowcount(0);
    }
    this.untranslated(s, `SET ${names.join(', ')}`);
  }

  // ---- control flow ----

  private ifStmt(s: A.If): void {
    this.line(`IF ${this.env.sql.expr(s.condition)} THEN`);
    this.branch(s.then);
    if (s.else || this.env.uses.rowcount) {
      this.line('ELSE');
      this.branch(s.else);
    }
    this.line('END IF;');
  }

  /** One branch of IF/WHILE; evaluating the condition has reset @@ROWCOUNT to 0 (observed; see README). */
  private branch(s: A.Statement | undefined): void {
    this.depth++;
    this.rowcount(0);
    if (s) this.statement(s);
    this.depth--;
  }

  private whileStmt(s: A.While): void {
    this.line(`WHILE ${this.env.sql.expr(s.condition)} LOOP`);
    this.branch(s.body);
    this.line('END LOOP;');
    this.rowcount(0);
  }

  private returnStmt(s: A.Return): void {
    if (this.env.kind === 'function') {
      this.line(s.expr ? `RETURN ${this.env.sql.expr(s.expr)};` : 'RETURN NULL;');
      return;
    }
    if (s.expr) this.line(this.approx('RETURN with a value', 'procedures have no return code in PostgreSQL; use an OUTPUT parameter', s.span).trim());
    this.line('RETURN;');
  }

  /**
   * TRY/CATCH → a block with EXCEPTION WHEN OTHERS. PostgreSQL rolls back the block's changes before the
   * handler runs (a savepoint); SQL Server keeps the TRY block's completed statements.
   */
  private tryCatch(s: A.TryCatch): void {
    this.line(this.approx('TRY…CATCH', "the TRY block's changes are rolled back before the CATCH block runs (SQL Server keeps them unless the transaction is rolled back)", s.span).trim());
    const frame: TryFrame = { beganTransaction: false };
    this.tries.push(frame);
    this.line('BEGIN');
    this.depth++;
    this.inTry++;
    this.statements(s.tryBlock);
    this.inTry--;
    this.depth--;
    this.line('EXCEPTION WHEN OTHERS THEN');
    this.depth++;
    const vars = this.env.vars;
    const outer = vars.tranRolledBack;
    vars.inCatch++;
    vars.tranRolledBack = frame.beganTransaction;
    this.statements(s.catchBlock);
    vars.inCatch--;
    vars.tranRolledBack = outer;
    this.depth--;
    this.line('END;');
    this.tries.pop();
  }

  /**
   * Procedures may COMMIT/ROLLBACK, outside blocks with an EXCEPTION clause (docs: plpgsql-transactions).
   * BEGIN TRAN → COMMIT: what ran before it was autocommitted in SQL Server, and a later ROLLBACK must not
   * undo it. Inside TRY the EXCEPTION block is the savepoint; a ROLLBACK in the matching CATCH is a no-op.
   */
  private transaction(s: A.Transaction): void {
    const inBlock = this.inTry > 0 || this.env.vars.inCatch > 0;
    if (this.env.kind === 'function' || s.action === 'SAVE' || s.action === 'BEGIN DISTRIBUTED') {
      return this.untranslated(s, `${s.action} TRANSACTION${this.env.kind === 'function' ? ' in a function' : ''}`);
    }
    if (!this.transactionNoted) {
      this.transactionNoted = true;
      this.line(this.approx('transaction control', 'COMMIT/ROLLBACK in a procedure need the CALL to run outside a transaction block; nested transactions (@@TRANCOUNT > 1) are not modelled', s.span).trim());
    }
    if (s.action === 'BEGIN') {
      if (inBlock) {
        const frame = this.tries[this.tries.length - 1];
        if (frame && this.inTry > 0) frame.beganTransaction = true;
        this.line('-- BEGIN TRANSACTION: the enclosing EXCEPTION block rolls back on error');
      } else {
        this.line('COMMIT; -- BEGIN TRANSACTION: keep the work before it, as SQL Server autocommitted it');
      }
      return this.rowcount(0);
    }
    if (s.action === 'COMMIT') {
      this.line(inBlock ? '-- COMMIT TRANSACTION: committed with the enclosing work (no COMMIT inside an EXCEPTION block)' : 'COMMIT;');
      return this.rowcount(0);
    }
    // ROLLBACK
    if (!inBlock) return this.line('ROLLBACK;');
    if (this.env.vars.tranRolledBack) return this.line('-- ROLLBACK TRANSACTION: already rolled back by the EXCEPTION block');
    this.untranslated(s, 'ROLLBACK inside TRY…CATCH (no transaction control inside an EXCEPTION block)');
  }

  // ---- EXEC ----

  private exec(s: A.ExecuteProcedure): void {
    if (s.procedure.kind === 'Variable' || s.returnStatus) return this.untranslated(s, s.returnStatus ? 'EXEC @status = procedure' : 'EXEC @procedure_variable');
    const name = lowerName(s.procedure);
    const last = name[name.length - 1]?.name.toLowerCase() ?? '';
    if (last === 'sp_executesql') {
      if (s.args.length !== 1) return this.untranslated(s, 'sp_executesql with parameters');
      return this.dynamic(s, this.env.sql.expr(s.args[0]!.value));
    }
    if (/^(sp|xp)_/.test(last)) return this.untranslated(s, `system procedure ${last}`);
    const args: string[] = [];
    for (const a of s.args) {
      // OUTPUT arguments are variables: PL/pgSQL's CALL writes INOUT results back into them.
      const value = this.env.sql.expr(a.value);
      args.push(a.name ? `${this.gen.ident({ name: a.name.replace(/^@/, ''), quoted: false })} => ${value}` : value);
    }
    this.line(`CALL ${this.gen.name(mapName(name, this.env.sql.ctx))}(${args.join(', ')});`);
    // EXECUTE preserves @@ROWCOUNT (docs): nothing to update.
  }

  private execString(s: A.ExecuteString): void {
    if (s.args?.length || s.tail) return this.untranslated(s, 'EXEC (…) AT / with arguments');
    const parts = s.parts.map((p) => this.env.sql.expr(p));
    this.dynamic(s, parts.length === 1 ? parts[0]! : parts.join(' || '));
  }

  private dynamic(s: A.Statement, sql: string): void {
    this.line(this.approx('dynamic SQL', 'the SQL text is executed as written: it is T-SQL, not translated', s.span).trim());
    this.line(`EXECUTE ${sql};`);
    this.rowcount('diagnostics');
  }

  // ---- queries and DML ----

  private select(s: A.SelectStatement): void {
    const body = s.query.body;
    if (body.kind === 'QuerySpec' && body.columns.some((c) => c.kind === 'SelectAssign')) return this.selectAssign(s, body);
    if (body.kind === 'QuerySpec' && body.into) return this.dml(s);
    const n = this.env.sql.statement(s);
    const text = this.gen.statement(n);
    this.untranslated(s, 'a result set returned by a procedure (PostgreSQL procedures return no rows; use a function or a refcursor)', false);
    this.line(`/* translated:\n${commentSafe(text)}\n*/`);
    // The rows are lost, but a following `IF @@ROWCOUNT = 0` must still see how many there would have been.
    if (this.env.uses.rowcount && n.kind === 'QueryStmt') this.line(`SELECT count(*) INTO ${ROWCOUNT} FROM (\n${indent(this.gen.query(n.query))}\n) AS sys_result;`);
  }

  /**
   * `SELECT @a = x, @b = y FROM …` → a FOR loop assigning each row's values: SQL Server assigns from
   * every row in turn (the last one wins) and leaves the variables unchanged when there is none, which
   * `SELECT … INTO` (first row; NULLs when empty) would not (docs: select-local-variable-transact-sql).
   */
  private selectAssign(s: A.SelectStatement, spec: A.QuerySpec): void {
    const items = spec.columns;
    const assigned = new Set(items.flatMap((c) => (c.kind === 'SelectAssign' ? [c.variable.name.toLowerCase()] : [])));
    const targets = items.map((c) => (c.kind === 'SelectAssign' ? this.env.vars.lookup(c.variable.name) : undefined));
    if (items.some((c) => c.kind !== 'SelectAssign' || c.op !== '=') || targets.some((v) => !v)) {
      return this.untranslated(s, 'SELECT @variable with a compound operator or an undeclared variable');
    }
    if (items.some((c) => c.kind === 'SelectAssign' && readsAny(c.expr, assigned))) {
      return this.untranslated(s, 'SELECT @v = expression reading an assigned variable (row-by-row accumulation)');
    }
    const exprs = items.map((c) => (c as A.SelectAssign).expr);
    if (!spec.from && !spec.where && !spec.groupBy && !spec.having && !s.query.orderBy) {
      exprs.forEach((e, i) => this.line(`${targets[i]!.local} := ${this.env.sql.expr(e)};`));
      return this.rowcount(1);
    }
    const columns: A.SelectItem[] = items.map((c, i) => ({
      kind: 'SelectColumn', expr: (c as A.SelectAssign).expr, span: c.span, aliasStyle: 'as',
      alias: { kind: 'Identifier', name: `sys_v${i + 1}`, quote: 'none', span: c.span },
    }));
    const plain: A.SelectStatement = { ...s, query: { ...s.query, body: { ...spec, columns } } };
    const n = this.env.sql.statement(plain);
    if (n.kind !== 'QueryStmt') return this.untranslated(s, 'SELECT @variable = … (query not translated)');
    this.env.vars.system(ROW, 'record');
    if (this.env.uses.rowcount) this.line(`${ROWCOUNT} := 0;`);
    this.line(`FOR ${ROW} IN\n${indent(this.gen.query(n.query))}\nLOOP`);
    this.depth++;
    targets.forEach((v, i) => this.line(`${v!.local} := ${ROW}.sys_v${i + 1};`));
    if (this.env.uses.rowcount) this.line(`${ROWCOUNT} := ${ROWCOUNT} + 1;`);
    this.depth--;
    this.line('END LOOP;');
  }

  private dml(s: A.Statement): void {
    const n = this.env.sql.statement(s);
    if (n.kind === 'Unsupported') {
      this.line(this.gen.statement(n));
      this.line(`RAISE EXCEPTION 'mssql2dbt: untranslated statement (line ${s.span.line})';`);
      return;
    }
    if (n.kind === 'CreateTable') return this.createTable(n);
    let text = this.gen.statement(n);
    if (!stripComments(text)) {
      // The generator had no exact form on this target and printed the statement as a comment.
      this.line(text);
      this.line(`RAISE EXCEPTION 'mssql2dbt: untranslated statement (line ${s.span.line})';`);
      return;
    }
    if (n.kind === 'QueryStmt' && text.startsWith('CREATE TABLE ') && isTemp(n.query.body.kind === 'Select' ? n.query.body.into : undefined)) {
      // SELECT … INTO #t: a session temp table; dropped first because it outlives the CALL, unlike SQL Server's.
      const into = n.query.body.kind === 'Select' ? n.query.body.into! : [];
      this.line(`DROP TABLE IF EXISTS ${this.gen.name(into)};`);
      text = text.replace(/^CREATE TABLE /, 'CREATE TEMP TABLE ');
    }
    if (n.kind === 'Insert' && this.env.uses.scopeIdentity && this.env.vars.scopeIdentity === 'exact') {
      const id = this.env.identityOf(n.table[n.table.length - 1]!.name.toLowerCase());
      if (id) return this.insertWithIdentity(text, id);
    }
    this.line(`${text};`);
    this.rowcount('diagnostics');
  }

  /**
   * SCOPE_IDENTITY() after an INSERT into a table with an identity column: the largest identity value it
   * generated (the last one, for increasing identities), kept when it inserted no row.
   */
  private insertWithIdentity(insert: string, column: string): void {
    const id = this.gen.ident({ name: column, quoted: false });
    const count = this.env.uses.rowcount ? `, count(*)` : '';
    const into = this.env.uses.rowcount ? `, ${ROWCOUNT}` : '';
    this.line(`WITH sys_inserted AS (\n${indent(insert)}\n  RETURNING ${id} AS sys_id\n)`);
    this.line(`SELECT coalesce(max(sys_id), ${SCOPE_IDENTITY})${count} INTO ${SCOPE_IDENTITY}${into} FROM sys_inserted;`);
  }

  /**
   * CREATE TABLE in a body, printed by the generator (IDENTITY → GENERATED BY DEFAULT AS IDENTITY);
   * `#t` → a TEMP table, dropped first: PostgreSQL's lives until the session ends.
   */
  private createTable(n: CreateTableStmt): void {
    this.env.created(n);
    const temp = isTemp(n.name);
    const sql = this.gen.statement(n);
    if (temp) this.line(`DROP TABLE IF EXISTS ${this.gen.name(n.name)};`);
    this.line(`${temp ? sql.replace(/^CREATE TABLE /, 'CREATE TEMP TABLE ') : sql};`);
  }
}

function isTemp(name: readonly Ident[] | undefined): boolean {
  return !!name && (name[name.length - 1]?.name.startsWith('#') ?? false);
}


function indent(s: string): string {
  return s.split('\n').map((l) => `  ${l}`).join('\n');
}

function stripComments(s: string): string {
  return s.replace(/\/\*[\s\S]*?\*\//g, '').trim();
}

/** Does the expression read one of these variables? */
function readsAny(e: unknown, names: ReadonlySet<string>): boolean {
  return someNode(e, (n) => n.kind === 'Variable' && names.has((n as A.Variable).name.toLowerCase()));
}


