import { readFileSync } from 'node:fs';
import path from 'node:path';
import { diagnostic } from '../../diagnostics/index.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import type { MigrationPlan, NamingConventions } from '../../plan/model.js';
import { parseNaming } from '../../plan/naming.js';
import { planMigration } from '../../plan/plan.js';
import { diagnosticLine, severityCounts, tryWrite } from '../outcome.js';
import { parseVars, readInputs } from '../inputs.js';

export const PLAN_FILE = 'migration_plan.json';

export interface PlanCommandOptions {
  readonly output: string;
  readonly target?: string;
  readonly naming?: string;
  readonly select?: readonly string[];
  readonly var?: readonly string[];
  readonly json?: boolean;
}

/** What `mssql2dbt plan --json` prints. */
export interface PlanReport {
  readonly output: string;
  readonly written: boolean;
  readonly target: string;
  readonly summary: MigrationPlan['summary'];
  readonly errors: number;
  readonly warnings: number;
  readonly diagnostics: readonly { code: string; severity: string; message: string }[];
}

const TARGETS = new Set(['duckdb', 'postgres', 'snowflake', 'bigquery', 'databricks', 'fabric']);

/** `--select a,b --select c` → [a, b, c]. */
function selectList(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

/**
 * `mssql2dbt plan <input>... -o <dir> [--target duckdb] [--naming file] [--select …] [--json]`: reads
 * metadata.json files or anything `extract` accepts (the same way `assess` does), plans, and writes
 * <dir>/migration_plan.json atomically. Exit 0 ok, 1 the inputs or the plan had errors (the plan of
 * what was read is still written), 2 usage.
 */
export async function runPlan(inputs: readonly string[], options: PlanCommandOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const parsedVars = parseVars(options.var ?? []);
  if ('bad' in parsedVars) {
    err(`error: --var expects NAME=VALUE, got '${parsedVars.bad}'`);
    return 2;
  }
  const vars = parsedVars.vars;
  const target = (options.target ?? 'duckdb').toLowerCase();
  if (!TARGETS.has(target)) {
    err(`error: --target must be one of ${[...TARGETS].join(', ')}, got '${options.target}'`);
    return 2;
  }
  let naming: Partial<NamingConventions> | undefined;
  if (options.naming) {
    let reason: string | undefined;
    try {
      const parsed = parseNaming(JSON.parse(readFileSync(options.naming, 'utf8')));
      if (typeof parsed === 'string') reason = parsed;
      else naming = parsed;
    } catch (e) {
      reason = e instanceof Error ? e.message : String(e);
    }
    if (reason !== undefined) {
      const d = diagnostic('MD4013', { path: options.naming, reason });
      err(`error[${d.code}]: ${d.message}`);
      return 2;
    }
  }
  const { catalog, diagnostics } = await readInputs(inputs, vars, 'MD4015');
  const select = selectList(options.select);
  const plan = planMigration(catalog, { target, ...(naming ? { naming } : {}), ...(select.length ? { select } : {}) });
  const file = path.join(options.output, PLAN_FILE);
  const writeError = tryWrite(() => writeFileAtomic(file, JSON.stringify(plan, null, 2) + '\n'));
  const written = writeError === undefined;
  const all = [...diagnostics, ...plan.diagnostics];
  const { errors, warnings } = severityCounts(all);
  const s = plan.summary;
  if (options.json) {
    const report: PlanReport = {
      output: file, written, target, summary: s, errors, warnings,
      diagnostics: all.filter((d) => d.severity !== 'info').map((d) => ({ code: d.code, severity: d.severity, message: d.message })),
    };
    out(JSON.stringify(report, null, 2));
  } else {
    for (const d of all.filter((x) => x.severity === 'error').slice(0, 50)) {
      out(diagnosticLine(d));
    }
    out(`${s.nodes} plan node(s) for ${target}:`);
    out(`  dispositions: ${Object.entries(s.byDisposition).filter(([, n]) => n > 0).map(([d, n]) => `${d} ${n}`).join(', ')}`);
    out(`  layers: ${Object.entries(s.byLayer).filter(([, n]) => n > 0).map(([l, n]) => `${l} ${n}`).join(', ')}`);
    if (Object.keys(s.byPattern).length) out(`  procedure patterns: ${Object.entries(s.byPattern).map(([p, n]) => `${p} ${n}`).join(', ')}`);
    out(`${errors} error(s), ${warnings} warning(s)`);
    if (written) out(`wrote ${file}`);
  }
  if (!written) {
    err(`error: cannot write ${file}: ${writeError}`);
    return 1;
  }
  return errors > 0 ? 1 : 0;
}
