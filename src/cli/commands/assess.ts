import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { assess } from '../../assess/assess.js';
import { LEVELS, type Assessment } from '../../assess/model.js';
import { renderHtml } from '../../assess/report-html.js';
import { renderMarkdown } from '../../assess/report-md.js';
import { extractCatalog } from '../../catalog/extract.js';
import { emptyCatalog, type Catalog, type MutableCatalog } from '../../catalog/model.js';
import { diagnostic, type Diagnostic } from '../../diagnostics/index.js';
import { writeFileAtomic } from './extract.js';

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

/** A metadata.json written by `extract` (as opposed to the JSON of extract-catalog.sql). */
function readCatalogFile(file: string): Catalog | undefined {
  if (!file.toLowerCase().endsWith('.json')) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined; // not ours: let extract decide (it reports unreadable files)
  }
  const c = data as Partial<Catalog>;
  if (c && typeof c === 'object' && c.formatVersion === 1 && Array.isArray(c.tables) && Array.isArray(c.dependencies) && Array.isArray(c.procedures)) return c as Catalog;
  return undefined;
}

function merge(into: MutableCatalog, c: Catalog): void {
  for (const key of ['sources', 'tables', 'views', 'procedures', 'functions', 'triggers', 'sequences', 'types', 'synonyms', 'dependencies', 'diagnostics'] as const) {
    (into[key] as unknown[]).push(...((c[key] ?? []) as unknown[]));
  }
}

function parseVars(list: readonly string[]): Record<string, string> | string {
  const vars: Record<string, string> = {};
  for (const item of list) {
    const m = /^([A-Za-z_][\w-]*)=(.*)$/s.exec(item);
    if (!m) return item;
    vars[m[1]!] = m[2]!;
  }
  return vars;
}

/**
 * `mssql2dbt assess <input>... -o <dir> [--json]`: every input `extract` accepts, or metadata.json
 * files. Writes assessment.json, assessment.html and assessment.md into <dir> (each atomically).
 * Exit 0 ok, 1 the inputs had errors (the assessment of what was read is still written), 2 usage.
 */
export async function runAssess(inputs: readonly string[], options: AssessCommandOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const vars = parseVars(options.var ?? []);
  if (typeof vars === 'string') {
    err(`error: --var expects NAME=VALUE, got '${vars}'`);
    return 2;
  }
  const catalog = emptyCatalog();
  const diagnostics: Diagnostic[] = [];
  const others: string[] = [];
  for (const input of inputs) {
    const c = readCatalogFile(input);
    if (c) {
      merge(catalog, c);
      diagnostics.push(...(c.diagnostics ?? []));
    } else if (input.toLowerCase().endsWith('metadata.json')) {
      diagnostics.push(diagnostic('MD8010', { path: input, reason: 'not a catalog with formatVersion 1' }));
    } else others.push(input);
  }
  if (others.length) {
    const r = await extractCatalog(others, { vars });
    merge(catalog, r.catalog);
    diagnostics.push(...r.diagnostics);
  }
  const assessment = assess(catalog);
  const dir = options.output;
  const files = ['assessment.json', 'assessment.html', 'assessment.md'].map((f) => path.join(dir, f));
  let written = true;
  let writeError = '';
  try {
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(files[0]!, JSON.stringify(assessment, null, 2) + '\n');
    writeFileAtomic(files[1]!, renderHtml(assessment));
    writeFileAtomic(files[2]!, renderMarkdown(assessment));
  } catch (e) {
    written = false;
    writeError = e instanceof Error ? e.message : String(e);
  }
  const all = [...diagnostics, ...assessment.diagnostics];
  const errors = all.filter((d) => d.severity === 'error').length;
  const warnings = all.filter((d) => d.severity === 'warning').length;
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
      const where = d.span ? `${d.span.file}:${d.span.line}:${d.span.col}: ` : '';
      out(`${where}${d.severity}[${d.code}]: ${d.message}`);
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
