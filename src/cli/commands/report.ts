/**
 * `mssql2dbt report <dir> [--open-path] [--json]`: regenerates <dir>/report.html from a migration
 * folder (metadata.json, migration_plan.json, migration_state.json, migration_results.json and the
 * dbt project files). Exit 0 written, 1 the folder has no migration files, 2 usage.
 */
import { existsSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { RUN_FILES, writeMigrationReport } from '../../report/write.js';

export interface ReportCommandOptions {
  /** Print only the report's path (for `xdg-open "$(mssql2dbt report out --open-path)"`). */
  readonly openPath?: boolean;
  readonly json?: boolean;
}

export function runReport(dir: string, options: ReportCommandOptions, out: (s: string) => void, err: (s: string) => void): number {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    err(`error: ${dir} is not a folder (give the --out folder of a migrate run)`);
    return 2;
  }
  const r = writeMigrationReport(dir);
  if (options.json) out(JSON.stringify({ ...r, url: r.written ? pathToFileURL(r.file).href : null }, null, 2));
  if (!r.written) {
    if (!options.json) err(`error: ${dir} holds no migration files (${Object.values(RUN_FILES).join(', ')}); nothing written`);
    return 1;
  }
  if (options.json) return 0;
  if (options.openPath) {
    out(r.file);
    return 0;
  }
  out(`wrote ${r.file} (${r.models} model(s); read ${r.found.join(', ')})`);
  for (const m of r.missing) out(`  without ${m}`);
  out(`  open ${pathToFileURL(r.file).href}`);
  return 0;
}

/** Adds `report` to the program (one line in main.ts). */
export function registerReport(program: Command, result: { code: number }, out: (s: string) => void, err: (s: string) => void): void {
  program
    .command('report')
    .description('regenerate report.html in a migration folder: run outcome, models, assessment, each model\'s journey and source beside generated SQL')
    .argument('<dir>', 'the --out folder of a migrate run')
    .option('--open-path', 'print only the path of report.html (to open it)')
    .option('--json', 'print one JSON object (file, written, found, missing, models, url)')
    .action((dir: string, opts: ReportCommandOptions) => {
      result.code = runReport(dir, opts, out, err);
    });
}
