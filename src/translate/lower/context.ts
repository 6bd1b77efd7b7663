/** State shared by the lowering functions: where diagnostics go. */
import { diagnostic, type Diagnostic, type DiagnosticCode } from '../../diagnostics/index.js';
import type { Span } from '../../diagnostics/span.js';
import type { Expr, Marked } from '../ir.js';

export interface LowerContext {
  readonly diagnostics: Diagnostic[];
  /** Set inside a routine body translated to a procedural language (procedural/): variables and routine state. */
  readonly routine?: RoutineHooks;
  /** Variables with a value where the SQL runs (lower case, no @): placeholders without MD3012. */
  readonly boundVariables?: ReadonlySet<string>;
  /**
   * The T-SQL text the spans point into. An unsupported statement is then quoted as written (with its
   * comments and layout) instead of being reprinted from its tree, which is also the cheaper of the two.
   */
  readonly source?: string;
}

/**
 * How a routine body reads its state. Outside routines `@v` is a dbt var placeholder and @@ROWCOUNT,
 * SCOPE_IDENTITY() or ERROR_MESSAGE() have no value; inside a translated body they are local variables.
 */
export interface RoutineHooks {
  /** `@name` / `@@name`: what it reads, or undefined for the default (a placeholder with MD3012). */
  variable(name: string, span?: Span): Expr | undefined;
  /** A built-in by upper-case name (SCOPE_IDENTITY, ERROR_MESSAGE …): its translation, or undefined for the default. */
  builtin(name: string, span?: Span): Expr | undefined;
}

/** Records a diagnostic and returns `expr` wrapped so the output carries a marker at this spot. */
export function mark(
  ctx: LowerContext,
  code: DiagnosticCode,
  params: Record<string, string | number>,
  span: Span | undefined,
  expr: Expr,
  suggestion?: string,
): Marked {
  const d = diagnostic(code, params, span, suggestion);
  ctx.diagnostics.push(d);
  const m: Marked = { kind: 'Marked', code, message: d.message, expr };
  return span ? { ...m, span } : m;
}

export function note(ctx: LowerContext, code: DiagnosticCode, params: Record<string, string | number>, span?: Span, suggestion?: string): void {
  ctx.diagnostics.push(diagnostic(code, params, span, suggestion));
}
