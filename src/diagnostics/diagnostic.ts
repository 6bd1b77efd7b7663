import { CODES, type DiagnosticCode, type Severity } from './codes.js';
import type { Span } from './span.js';

/** A finding about the user's input: recorded, never thrown. */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span?: Span;
  /** What the user can do about it, when we know. */
  readonly suggestion?: string;
}

export function formatMessage(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function diagnostic(
  code: DiagnosticCode,
  params: Record<string, string | number> = {},
  span?: Span,
  suggestion?: string,
): Diagnostic {
  const def = CODES[code];
  const d: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = {
    code,
    severity: def.severity,
    message: formatMessage(def.template, params),
  };
  if (span) d.span = span;
  if (suggestion) d.suggestion = suggestion;
  return d;
}

/** `file:line:col` or just the file when there is no span. */
export function location(d: Diagnostic, fallbackFile = '<input>'): string {
  if (!d.span) return fallbackFile;
  return `${d.span.file}:${d.span.line}:${d.span.col}`;
}

/**
 * Renders a diagnostic the way rustc does: a headline, an arrow with the position, the source line
 * and a caret under the offending span.
 */
export function renderDiagnostic(d: Diagnostic, sourceText?: string): string {
  const head = `${d.severity}[${d.code}]: ${d.message}`;
  if (!d.span) return head;
  const lines = [head, `  --> ${location(d)}`];
  if (sourceText !== undefined) {
    const lineStart = d.span.offset - (d.span.col - 1);
    let lineEnd = sourceText.indexOf('\n', d.span.offset);
    if (lineEnd < 0) lineEnd = sourceText.length;
    const raw = sourceText.slice(Math.max(0, lineStart), lineEnd).replace(/\r$/, '');
    // Very long lines (generated INSERTs) are clipped around the caret so the message stays readable.
    const width = 160;
    let shown = raw;
    let caretCol = d.span.col - 1;
    if (raw.length > width) {
      const from = Math.max(0, caretCol - width / 2);
      shown = (from > 0 ? '…' : '') + raw.slice(from, from + width) + (from + width < raw.length ? '…' : '');
      caretCol = caretCol - from + (from > 0 ? 1 : 0);
    }
    const gutter = String(d.span.line).length;
    const pad = ' '.repeat(gutter);
    const caretLen = Math.max(1, Math.min(d.span.end - d.span.offset, shown.length - caretCol, 40));
    lines.push(`${pad} |`);
    lines.push(`${d.span.line} | ${shown.replace(/\t/g, ' ')}`);
    lines.push(`${pad} | ${' '.repeat(Math.max(0, caretCol))}${'^'.repeat(caretLen)}`);
  }
  if (d.suggestion) lines.push(`  = help: ${d.suggestion}`);
  return lines.join('\n');
}
