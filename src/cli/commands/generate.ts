/**
 * `mssql2dbt generate <input>... -o <dir> [--target …] [--force] [--naming file] [--select …] [--json]`:
 * writes the dbt project. Inputs: metadata.json (a catalog), migration_plan.json (a plan; else one
 * is made with the planner), or anything `extract` reads. Exit 0 ok (translation findings are marked
 * in the files), 1 the catalog had errors or user edits were kept, 2 usage.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { extractCatalog } from '../../catalog/extract.js';
import { emptyCatalog, type MutableCatalog } from '../../catalog/model.js';
import { renderDiagnostic, type Diagnostic } from '../../diagnostics/index.js';
import { DBT_TARGETS, writeDbtProject, type DbtTarget } from '../../dbt/index.js';
import { parseNaming, planMigration, type MigrationPlan } from '../../plan/index.js';
import { mergeCatalog, readCatalogFile } from '../inputs.js';

export interface GenerateCommandOptions {
  readonly output: string;
  readonly target?: string;
  readonly force?: boolean;
  readonly naming?: string;
  readonly select?: readonly string[];
  readonly json?: boolean;
}

function readJson(file: string): unknown {
  if (!file.toLowerCase().endsWith('.json')) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const isPlan = (x: unknown): x is MigrationPlan => !!x && typeof x === 'object' && (x as MigrationPlan).formatVersion === 1 && Array.isArray((x as MigrationPlan).nodes);

export async function runGenerate(inputs: readonly string[], options: GenerateCommandOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const target = options.target ?? 'duckdb';
  if (!(DBT_TARGETS as readonly string[]).includes(target)) {
    err(`error: --target must be one of ${DBT_TARGETS.join(', ')}`);
    return 2;
  }
  let plan: MigrationPlan | undefined;
  const catalog: MutableCatalog = emptyCatalog();
  const rest: string[] = [];
  for (const input of inputs) {
    const data = readJson(input);
    const read = isPlan(data) ? undefined : readCatalogFile(input);
    if (isPlan(data)) plan = data;
    else if (read) mergeCatalog(catalog, read);
    else rest.push(input);
  }
  if (rest.length) mergeCatalog(catalog, (await extractCatalog(rest)).catalog);
  if (!catalog.tables.length && !catalog.views.length && !catalog.procedures.length) {
    err('error: no catalog: give metadata.json or the estate itself (a plan alone has no definitions to translate)');
    return 2;
  }
  if (!plan) {
    let naming;
    if (options.naming) {
      const parsed = parseNaming(readJson(options.naming));
      if (typeof parsed === 'string') {
        err(`error: --naming ${options.naming}: ${parsed}`);
        return 2;
      }
      naming = parsed;
    }
    plan = planMigration(catalog, { target, ...(naming ? { naming } : {}), ...(options.select?.length ? { select: options.select } : {}) });
  }
  const report = writeDbtProject({ plan, catalog, target: target as DbtTarget, outDir: options.output, force: options.force ?? false });
  const diags: Diagnostic[] = [...catalog.diagnostics.filter((d) => d.severity === 'error'), ...report.diagnostics];
  const count = (o: string) => report.files.filter((f) => f.outcome === o).length;
  const kept = count('kept-user-edit');
  if (options.json) {
    out(JSON.stringify({ outDir: report.outDir, files: report.files, diagnostics: diags }, null, 2));
  } else {
    out(`dbt project in ${report.outDir}: ${report.files.length} files (${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged, ${kept} kept as edited, ${count('overwrote-user-edit')} overwritten)`);
    for (const d of diags.filter((x) => x.severity !== 'info')) out(renderDiagnostic(d));
  }
  // Translation findings live in the files (markers + headers); exit 1 is for input errors and kept edits.
  return kept || catalog.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

export function registerGenerate(program: Command, result: { code: number }, out: (s: string) => void, err: (s: string) => void): void {
  program
    .command('generate')
    .description('write the dbt project (models, sources, tests, snapshots, macros, profiles) for an estate or a migration plan')
    .argument('<inputs...>', 'metadata.json, migration_plan.json, or anything extract reads')
    .requiredOption('-o, --output <dir>', 'the dbt project folder')
    .option('--target <name>', `profile target: ${DBT_TARGETS.join(', ')}`, 'duckdb')
    .option('--force', 'overwrite files edited since they were generated')
    .option('--naming <file>', 'naming conventions (JSON) when no plan is given')
    .option('--select <pattern>', 'plan only these objects (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--json', 'print one JSON object (files with their outcome, diagnostics)')
    .action(async (inputs: string[], opts: GenerateCommandOptions) => {
      result.code = await runGenerate(inputs, opts, out, err);
    });
}
