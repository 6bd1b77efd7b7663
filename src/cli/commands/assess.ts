import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { assess } from '../../assess/assess.js';
import { LEVELS, type Assessment } from '../../assess/model.js';
import { renderHtml } from '../../assess/report-html.js';
import { renderMarkdown } from '../../assess/report-md.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { diagnosticLine, severityCounts, tryWrite } from '../outcome.js';
import { parseVars, readInputs } from '../inputs.js';

export interface AssessCommandOptions {
  readonly output: string;
  readonly var?: readonly string[];
  readonly json?: boolean;
}

/** What `mssql2dbt assess --json` prints. */
export interface AssessReport {
  readonly outputDir: string;
  readonly files: readonly string[];
  readonly written: boolean;
  readonly summary: Assessment['summary'];
  readonly waves: readonly { readonly number: number; readonly objects: number; readonly effortHours: number }[];
  readonly errors: number;
  readonly warnings: number;
  readonly diagnostics: readonly { code: string; severity: string; message: string }[];
}

/**
 * `mssql2dbt assess <input>... -o <dir> [--json]`: every input `extract` accepts, or metadata.json
 * files. Writes assessment.json, assessment.html and assessment.md into <dir> (each atomically).
 * Exit 0 ok, 1 the inputs had errors (the assessment of what was read is still written), 2 usage.
 */
export async function runAssess(inputs: readonly string[], options: AssessCommandOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const parsed = parseVars(options.var ?? []);
  if ('bad' in parsed) {
    err(`error: --var expects NAME=VALUE, got '${parsed.bad}'`);
    return 2;
  }
  const { catalog, diagnostics } = await readInputs(inputs, parsed.vars, 'MD8010');
  const assessment = assess(catalog);
  const dir = options.output;
  const files = ['assessment.json', 'assessment.html', 'assessment.md'].map((f) => path.join(dir, f));
  const writeError = tryWrite(() => {
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(files[0]!, JSON.stringify(assessment, null, 2) + '\n');
    writeFileAtomic(files[1]!, renderHtml(assessment));
    writeFileAtomic(files[2]!, renderMarkdown(assessment));
  });
  const written = writeError === undefined;
  const all = [...diagnostics, ...assessment.diagnostics];
  const { errors, warnings } = severityCounts(all);
  const s = assessment.summary;
  if (options.json) {
    const report: AssessReport = {
      outputDir: dir, files, written, summary: s,
      waves: assessment.waves.map((w) => ({ number: w.number, objects: w.objects.length, effortHours: w.effortHours })),
      errors, warnings,
      diagnostics: all.filter((d) => d.severity !== 'info').map((d) => ({ code: d.code, severity: d.severity, message: d.message })),
    };
    out(JSON.stringify(report, null, 2));
  } else {
    for (const d of diagnostics.filter((x) => x.severity === 'error').slice(0, 50)) {
      out(diagnosticLine(d));
    }
    out(`${s.objects} object(s):`);
    for (const [kind, b] of Object.entries(s.byKind)) {
      out(`  ${kind.padEnd(10)} ${String(b.objects).padStart(6)}  (${LEVELS.map((lv) => `${lv} ${b.byLevel[lv]}`).join(', ')})  ${b.effortHours} h`);
    }
    out(`dispositions: ${Object.entries(s.byDisposition).map(([d, n]) => `${d} ${n}`).join(', ')}`);
    out(`estimated effort: ${s.effortHours} h; expected to convert automatically: ${Math.round(s.automaticShare * 100)} % of the objects kept`);
    out(`waves: ${assessment.waves.length}${assessment.waves.length ? ` (${assessment.waves.map((w) => `${w.number}: ${w.objects.length}`).join(', ')})` : ''}; cycles: ${s.cycles}; external references: ${s.externalReferences}`);
    out(`${errors} error(s), ${warnings} warning(s)`);
    if (written) out(`wrote ${files.join(', ')}`);
  }
  if (!written) {
    err(`error: cannot write into ${dir}: ${writeError}`);
    return 1;
  }
  return errors > 0 ? 1 : 0;
}
