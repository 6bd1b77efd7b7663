/**
 * Names and state a PL/pgSQL body reads in place of T-SQL's `@variables` and session state.
 *
 * Naming (why): T-SQL tells variables from columns by the `@`; PL/pgSQL does not, and a variable named
 * like a column either raises "ambiguous" or, worse, silently wins. So
 * - local variables become `v_<name>` (never a T-SQL column name in practice),
 * - parameters keep their names (callers pass them by name: `CALL p(a => 1)`) and are always read
 *   qualified by the routine name (`p.a`), PL/pgSQL's documented way to name a parameter,
 * - the body starts with `#variable_conflict use_column`: an unqualified name that is also a column is
 *   the column, which is what the T-SQL meant (its variables all carry `@`),
 * - bookkeeping variables are `sys_*` (`sys_rowcount`, `sys_scope_identity`, `sys_row`), apart from `v_`.
 */
import type { Diagnostic } from '../../diagnostics/index.js';
import type { Span } from '../../diagnostics/span.js';
import type { Expr, Param } from '../ir.js';
import { mark, type RoutineHooks } from '../lower/context.js';
import { t, type SqlType } from '../types.js';

export const ROWCOUNT = 'sys_rowcount';
export const SCOPE_IDENTITY = 'sys_scope_identity';
export const ROW = 'sys_row';

export interface Variable { readonly local: string; readonly type: SqlType }

export class Variables implements RoutineHooks {
  private readonly vars = new Map<string, Variable>();
  /** DECLARE section entries, in declaration order (`name type;`). */
  readonly declarations: string[] = [];
  /** Depth of CATCH blocks around the statement being translated: ERROR_MESSAGE() has a value only there. */
  inCatch = 0;
  /** Inside a CATCH whose TRY began a transaction: PostgreSQL has already rolled it back (see body.ts). */
  tranRolledBack = false;
  /** SCOPE_IDENTITY() reads `sys_scope_identity` (every INSERT target known) or lastval() (MD3002). */
  scopeIdentity: 'exact' | 'lastval' = 'lastval';

  constructor(private readonly diagnostics: Diagnostic[], private readonly quote: (name: string) => string) {}

  /** A parameter, declared as `pgName`: read as `routine.pgName`. */
  param(name: string, pgName: string, qualifier: string, type: SqlType): void {
    this.vars.set(name.toLowerCase(), { local: `${qualifier}.${this.quote(pgName)}`, type });
  }

  /** A DECLAREd variable: hoisted to the DECLARE section (T-SQL variables live for the whole batch). */
  declare(name: string, type: SqlType, printedType: string): Variable {
    const key = name.toLowerCase();
    const known = this.vars.get(key);
    if (known) return known;
    const v = { local: this.quote(`v_${name.replace(/^@/, '')}`), type };
    this.vars.set(key, v);
    this.declarations.push(`${v.local} ${printedType};`);
    return v;
  }

  /** Declares a bookkeeping variable once. */
  system(local: string, printedType: string): void {
    if (!this.declarations.some((d) => d.startsWith(`${local} `))) this.declarations.push(`${local} ${printedType};`);
  }

  lookup(name: string): Variable | undefined {
    return this.vars.get(name.toLowerCase());
  }

  private read(name: string, v: Variable, span?: Span): Param {
    return { kind: 'Param', name, local: v.local, type: v.type, ...(span ? { span } : {}) };
  }

  /** A name PostgreSQL cannot resolve (`"@x"`): the routine still compiles, and fails loudly if that spot runs. */
  private unknown(name: string, span: Span | undefined, why: string): Expr {
    return mark({ diagnostics: this.diagnostics }, 'MD3001', { construct: `${name} (${why})`, target: 'postgres' }, span,
      { kind: 'Raw', text: `"${name.replace(/"/g, '""')}"` });
  }

  variable(name: string, span?: Span): Expr | undefined {
    const upper = name.toUpperCase();
    if (upper === '@@ROWCOUNT') return this.read(name, { local: ROWCOUNT, type: t('int') }, span);
    if (upper === '@@TRANCOUNT' && this.tranRolledBack) return this.rolledBack(name, span);
    const v = this.lookup(name);
    if (v) return this.read(name, v, span);
    return this.unknown(name, span, name.startsWith('@@') ? 'session state with no PostgreSQL equivalent' : 'not declared before this point');
  }

  builtin(name: string, span?: Span): Expr | undefined {
    switch (name) {
      case 'ROWCOUNT_BIG':
        return this.read(name, { local: ROWCOUNT, type: t('bigint') }, span);
      case 'SCOPE_IDENTITY':
        if (this.scopeIdentity === 'exact') return this.read(name, { local: SCOPE_IDENTITY, type: t('decimal', 38, 0) }, span);
        return mark({ diagnostics: this.diagnostics }, 'MD3002',
          { name: 'SCOPE_IDENTITY()', target: 'postgres', detail: "lastval() is the session's last sequence value (any table, triggers too); an INSERT target's identity column is unknown" },
          span, { kind: 'Raw', text: 'lastval()' }, 'Create the tables in the same script so each INSERT can return its identity.');
      case 'ERROR_MESSAGE':
        return this.inCatch ? this.read(name, { local: 'SQLERRM', type: t('nvarchar', 4000) }, span) : undefined;
      case 'ERROR_NUMBER':
        // SQLSTATE is a five-character code ('23505'), not SQL Server's error number.
        return this.inCatch
          ? mark({ diagnostics: this.diagnostics }, 'MD3002', { name: 'ERROR_NUMBER()', target: 'postgres', detail: 'SQLSTATE (a five-character code) stands for the error number' }, span,
            this.read(name, { local: 'SQLSTATE', type: t('varchar', 5) }, span))
          : undefined;
      case 'XACT_STATE':
        return this.tranRolledBack ? this.rolledBack(name, span) : undefined;
      default:
        return undefined;
    }
  }

  /** @@TRANCOUNT / XACT_STATE() in a CATCH whose TRY began the transaction: the EXCEPTION block already rolled it back. */
  private rolledBack(name: string, span?: Span): Expr {
    return mark({ diagnostics: this.diagnostics }, 'MD3002',
      { name, target: 'postgres', detail: "0: the EXCEPTION block has already rolled back the TRY block's transaction" }, span, { kind: 'Lit', type: 'integer', value: '0' });
  }
}
