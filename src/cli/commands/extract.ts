import { extractCatalog } from '../../catalog/extract.js';
import { countObjects, type Catalog } from '../../catalog/model.js';
import type { Diagnostic } from '../../diagnostics/index.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { diagnosticLine, severityCounts, tryWrite } from '../outcome.js';
import { parseVars } from '../inputs.js';

/** Kept here too: other commands imported it from this module first. */
export { writeFileAtomic };

export interface ExtractCommandOptions {
  readonly output: string;
  readonly var?: readonly string[];
  readonly json?: boolean;
}

interface ReportedDiagnostic {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
}

/** What `mssql2dbt extract --json` prints. */
export interface ExtractReport {
  readonly output: string;
  readonly written: boolean;
  readonly sources: Catalog['sources'];
  readonly counts: ReturnType<typeof countObjects>;
  readonly errors: number;
  readonly warnings: number;
  readonly diagnostics: readonly ReportedDiagnostic[];
}

function reported(d: Diagnostic): ReportedDiagnostic {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.span ? { file: d.span.file, line: d.span.line, col: d.span.col } : {}),
  };
}


/**
 * `mssql2dbt extract <input>... -o metadata.json [--var NAME=VALUE]... [--json]`.
 * Exit 0 when every input was read cleanly, 1 when the inputs had errors (the partial catalog is
 * still written), 2 on bad usage (malformed --var).
 */
export async function runExtract(inputs: readonly string[], options: ExtractCommandOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const parsed = parseVars(options.var ?? []);
  if ('bad' in parsed) {
    err(`error: --var expects NAME=VALUE, got '${parsed.bad}'`);
    return 2;
  }
  const { catalog, diagnostics } = await extractCatalog(inputs, { vars: parsed.vars });
  const writeError = tryWrite(() => writeFileAtomic(options.output, JSON.stringify(catalog, null, 2) + '\n'));
  const written = writeError === undefined;
  const { errors, warnings } = severityCounts(diagnostics);
  const counts = countObjects(catalog);
  if (options.json) {
    const report: ExtractReport = { output: options.output, written, sources: catalog.sources, counts, errors, warnings, diagnostics: diagnostics.map(reported) };
    out(JSON.stringify(report, null, 2));
  } else {
    const shown = diagnostics.filter((d) => d.severity !== 'info');
    for (const d of shown.slice(0, 200)) {
      out(diagnosticLine(d));
    }
    if (shown.length > 200) out(`… and ${shown.length - 200} more (see "diagnostics" in ${options.output})`);
    const kinds = Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ');
    out(`${catalog.sources.length} input(s) read: ${kinds}`);
    out(`${errors} error(s), ${warnings} warning(s), ${diagnostics.length - errors - warnings} note(s)`);
    if (written) out(`wrote ${options.output}`);
  }
  if (!written) {
    err(`error: cannot write ${options.output}: ${writeError}`);
    return 1;
  }
  return errors > 0 ? 1 : 0;
}
