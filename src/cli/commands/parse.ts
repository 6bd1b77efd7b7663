import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../../diagnostics/index.js';
import { renderDiagnostic } from '../../diagnostics/index.js';
import { collectSqlFiles } from '../../io/sql-files.js';
import { decodeSqlBytes, parseStatementsStreaming } from '../../tsql/index.js';

export interface ParseCommandOptions {
  readonly json?: boolean;
}

interface FileSummary {
  readonly file: string;
  readonly encoding: string;
  readonly bytes: number;
  readonly batches: number;
  readonly statements: number;
  readonly errors: number;
  readonly warnings: number;
}

interface ReportedDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly code: string;
  readonly severity: string;
  readonly message: string;
}

/** What `mssql2dbt parse --json` prints. */
export interface ParseReport {
  readonly files: readonly FileSummary[];
  readonly statements: number;
  readonly statementsByKind: Record<string, number>;
  readonly errors: readonly ReportedDiagnostic[];
  readonly warnings: readonly ReportedDiagnostic[];
}

function toReported(d: Diagnostic, file: string): ReportedDiagnostic {
  return {
    file: d.span?.file ?? file,
    line: d.span?.line ?? 1,
    col: d.span?.col ?? 1,
    code: d.code,
    severity: d.severity,
    message: d.message,
  };
}

/**
 * Parses every .sql file named (folders recursively) one at a time, keeping only counts and
 * diagnostics, so a folder of large scripts never has more than one tree in memory.
 */
export async function runParse(inputs: readonly string[], options: ParseCommandOptions, out: (s: string) => void): Promise<number> {
  const files = await collectSqlFiles(inputs);
  const summaries: FileSummary[] = [];
  const byKind: Record<string, number> = {};
  const errors: ReportedDiagnostic[] = [];
  const warnings: ReportedDiagnostic[] = [];
  let statements = 0;
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (e) {
      errors.push({ file, line: 1, col: 1, code: 'MD1001', severity: 'error', message: `cannot read ${file}: ${(e as Error).message}` });
      continue;
    }
    const decoded = decodeSqlBytes(bytes, file);
    const stats = parseStatementsStreaming(decoded.text, { file }, (s) => {
      byKind[s.kind] = (byKind[s.kind] ?? 0) + 1;
    });
    const diags = [...decoded.diagnostics, ...stats.diagnostics];
    const fileErrors = diags.filter((d) => d.severity === 'error');
    const fileWarnings = diags.filter((d) => d.severity === 'warning');
    errors.push(...fileErrors.map((d) => toReported(d, file)));
    warnings.push(...fileWarnings.map((d) => toReported(d, file)));
    statements += stats.statements;
    summaries.push({ file, encoding: decoded.encoding, bytes: bytes.length, batches: stats.batches, statements: stats.statements, errors: fileErrors.length, warnings: fileWarnings.length });
    if (!options.json) {
      const status = fileErrors.length ? `${fileErrors.length} error(s)` : 'ok';
      out(`${file}: ${stats.batches} batch(es), ${stats.statements} statement(s), ${status}${fileWarnings.length ? `, ${fileWarnings.length} warning(s)` : ''}`);
      // Errors and warnings rendered against the source line so the user sees where.
      for (const d of [...fileErrors, ...fileWarnings].slice(0, 50)) out(renderDiagnostic(d, decoded.text));
      if (fileErrors.length + fileWarnings.length > 50) out(`… and ${fileErrors.length + fileWarnings.length - 50} more in ${file}`);
    }
  }
  const report: ParseReport = { files: summaries, statements, statementsByKind: byKind, errors, warnings };
  if (options.json) out(JSON.stringify(report, null, 2));
  else {
    const kinds = Object.entries(byKind).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
    out(`\n${files.length} file(s), ${statements} statement(s): ${kinds || 'none'}`);
    out(`${errors.length} error(s), ${warnings.length} warning(s)`);
  }
  return errors.length ? 1 : 0;
}
