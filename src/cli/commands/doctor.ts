import type { Command } from 'commander';
import { collectDoctorReport, type DoctorReport } from '../../run/doctor.js';

function text(r: DoctorReport): string[] {
  const v = (x: string | null): string => x ?? 'not found';
  const lines = [
    `node      ${r.node}`,
    // A dbt behind a wrapper script does not say which Python runs it: unknown, not missing.
    `python    ${r.python ?? (r.dbt ? 'unknown (dbt’s interpreter is not visible from its executable)' : 'not found')}${r.pythonPath ? `  (${r.pythonPath})` : ''}`,
    `dbt       ${r.dbt ? `${v(r.dbtVersion)}  (${r.dbt}, found by ${r.dbtFoundBy})` : 'not found'}`,
    `duckdb    ${v(r.adapters.duckdb)}  (dbt-duckdb)`,
    `postgres  ${v(r.adapters.postgres)}  (dbt-postgres)`,
  ];
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  for (const m of r.missing) lines.push(`missing: ${m.what}`, `  fix: ${m.fix}`);
  lines.push(r.ok ? 'ok: dbt and both adapters are ready' : 'not ok: see the fixes above');
  return lines;
}

/**
 * `mssql2dbt doctor [--json]`: what mssql2dbt runs dbt with, and what is missing with the fix.
 * Exit 0 when dbt, dbt-duckdb and dbt-postgres are found, 1 otherwise.
 */
export async function runDoctor(opts: { json?: boolean }, out: (s: string) => void): Promise<number> {
  const report = await collectDoctorReport();
  if (opts.json) out(JSON.stringify(report, null, 2));
  else for (const l of text(report)) out(l);
  return report.ok ? 0 : 1;
}

/** Adds `doctor` to the program (one line in main.ts). */
export function registerDoctor(program: Command, result: { code: number }, out: (s: string) => void): void {
  program
    .command('doctor')
    .description('report Node, Python, dbt and adapter versions, the dbt executable, and what is missing with the fix')
    .option('--json', 'print one JSON object (keys node, python, dbt, dbtVersion, adapters, missing, ok, …)')
    .action(async (opts: { json?: boolean }) => {
      result.code = await runDoctor(opts, out);
    });
}
