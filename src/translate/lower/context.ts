/** State shared by the lowering functions: where diagnostics go. */
import { diagnostic, type Diagnostic, type DiagnosticCode } from '../../diagnostics/index.js';
import type { Span } from '../../diagnostics/span.js';
import type { Expr, Marked } from '../ir.js';

export interface LowerContext {
  readonly diagnostics: Diagnostic[];
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
