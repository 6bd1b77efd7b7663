/**
 * How commands that write files report the outcome, the same way each time: the write is attempted
 * and its failure reported after the summary (the analysis is still shown), diagnostics are counted
 * by severity and listed one per line as `file:line:col: severity[code]: message`.
 */
import type { Diagnostic } from '../diagnostics/index.js';

/** Runs the writes; the error message when one failed, else undefined. */
export function tryWrite(write: () => void): string | undefined {
  try {
    write();
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export function severityCounts(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors += 1;
    else if (d.severity === 'warning') warnings += 1;
  }
  return { errors, warnings };
}

/** One diagnostic as a line of text, with its file:line:col when it has one. */
export function diagnosticLine(d: Diagnostic): string {
  const where = d.span ? `${d.span.file}:${d.span.line}:${d.span.col}: ` : '';
  return `${where}${d.severity}[${d.code}]: ${d.message}`;
}
