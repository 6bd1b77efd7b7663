/**
 * `mssql2dbt migrate <input>... --target duckdb|postgres --out <dir>`: the whole journey, with a
 * progress bar on a terminal (or JSON-lines events with --log-json), a final summary, and exit 0 only
 * when no model FAILED. Every event is also appended to <out>/logs/migrate.jsonl.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import cliProgress from 'cli-progress';
import { defaultStages } from '../../orchestrator/default-stages.js';
import { runMigration, type MigrationEvent } from '../../orchestrator/migrate.js';
import { StateError } from '../../orchestrator/store.js';
import { TARGETS } from '../../translate/dialects/dialect.js';
import type { TargetName } from '../../translate/dialects/registry.js';
import { parseVars } from '../inputs.js';
import { UsageError } from './transpile.js';

export interface MigrateCommandOptions {
  readonly target: string;
  readonly out: string;
  readonly pgUrl?: string;
  readonly var: readonly string[];
  readonly dbtVar: readonly string[];
  readonly select?: string;
  readonly data?: string;
  readonly resume?: boolean;
  readonly force?: boolean;
  readonly maxAttempts?: string;
  readonly approve?: boolean;
  readonly yes?: boolean;
  readonly logJson?: boolean;
  readonly json?: boolean;
}

/** Turns events into a progress bar (terminal), plain lines (pipes) or JSON lines (--log-json). */
function eventRenderer(options: MigrateCommandOptions, out: (s: string) => void, err: (s: string) => void, logFile: string): { onEvent: (e: MigrationEvent) => void; stop: () => void } {
  const tty = Boolean(process.stderr.isTTY) && !options.logJson && !options.json;
  let bar: cliProgress.SingleBar | undefined;
  let done = 0;
  const seen = new Set<string>();
  const FINAL = new Set(['COMPLETED', 'FAILED', 'SKIPPED']);
  return {
    onEvent(e) {
      const line = JSON.stringify({ at: new Date().toISOString(), ...e });
      appendFileSync(logFile, line + '\n');
      if (options.logJson) {
        err(line);
        return;
      }
      if (e.type === 'phase') {
        if (e.phase === 'build' && e.state === 'start' && tty) {
          bar = new cliProgress.SingleBar({ format: 'build |{bar}| {value}/{total} models | {model}', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
          bar.start(1, 0, { model: '' });
        }
        if (e.phase === 'build' && e.state !== 'start') bar?.stop();
        if (!options.json) err(`${e.state === 'start' ? '▶' : e.state === 'done' ? '✔' : '↷'} ${e.phase}${e.summary ? `: ${e.summary}` : ''}`);
      } else if (e.type === 'build') {
        bar?.setTotal(Math.max(e.selected, 1) + done);
        if (!tty && !options.json) err(`  dbt build, round ${e.round}: ${e.selected} node(s)`);
      } else if (e.type === 'model') {
        if (FINAL.has(e.status) || e.status === 'EVALUATING') {
          if (!seen.has(e.name)) { seen.add(e.name); done += 1; }
          bar?.update(done, { model: `${e.name} ${e.status}` });
        }
        if (!tty && !options.json && (e.status === 'FAILED' || e.status === 'REBUILDING')) err(`  ${e.status} ${e.name}${e.detail ? `: ${e.detail}` : ''}`);
      } else if (e.type === 'log' && !options.json) {
        err(`  ${e.message}`);
      }
    },
    stop() {
      bar?.stop();
    },
  };
  void out;
}

async function askApproval(step: string, summary: string, err: (s: string) => void): Promise<boolean> {
  err(`\nAbout to ${step === 'generate' ? 'write the dbt project' : 'load the source data'}: ${summary}`);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question('Continue? [y/N] ');
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

export async function runMigrate(inputs: readonly string[], options: MigrateCommandOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (!(TARGETS as readonly string[]).includes(options.target)) throw new UsageError(`unknown target ${options.target}; one of ${TARGETS.join(', ')}`);
  const target = options.target as TargetName;
  if (target !== 'duckdb' && target !== 'postgres') {
    throw new UsageError(`migrate builds and verifies on duckdb or postgres; for ${target}, generate the project with \`mssql2dbt generate --target ${target}\``);
  }
  const pgUrl = options.pgUrl ?? process.env.MSSQL2DBT_PG_URL;
  if (target === 'postgres' && !pgUrl) throw new UsageError('--target postgres needs --pg-url postgres://user@host:port/db (or MSSQL2DBT_PG_URL)');
  const maxAttempts = options.maxAttempts === undefined ? 3 : Number(options.maxAttempts);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new UsageError(`--max-attempts expects a positive integer, got ${options.maxAttempts}`);
  const parsedVars = parseVars(options.var);
  if ('bad' in parsedVars) throw new UsageError(`--var expects NAME=VALUE, got '${parsedVars.bad}'`);
  const vars = parsedVars.vars;
  // --dbt-var NAME=VALUE: VALUE is read as JSON when it is JSON (2024, true, "x"), else as a string.
  const parsedDbtVars = parseVars(options.dbtVar);
  if ('bad' in parsedDbtVars) throw new UsageError(`--dbt-var expects NAME=VALUE, got '${parsedDbtVars.bad}'`);
  const dbtVarEntries = Object.entries(parsedDbtVars.vars).map(([k, v]): [string, unknown] => {
    try {
      return [k, JSON.parse(v) as unknown];
    } catch {
      return [k, v];
    }
  });
  const dbtVars = dbtVarEntries.length ? Object.fromEntries(dbtVarEntries) : undefined;
  const outDir = path.resolve(options.out);
  mkdirSync(path.join(outDir, 'logs'), { recursive: true });
  const renderer = eventRenderer(options, out, err, path.join(outDir, 'logs', 'migrate.jsonl'));
  const controller = new AbortController();
  const onSignal = (): void => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const outcome = await runMigration({
      inputs, outDir, target, vars, maxAttempts,
      ...(dbtVars ? { dbtVars } : {}),
      ...(pgUrl ? { postgresUrl: pgUrl } : {}),
      ...(options.select ? { select: options.select.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
      ...(options.data ? { dataDir: options.data } : {}),
      ...(options.resume ? { resume: true } : {}),
      ...(options.force ? { force: true } : {}),
      ...(options.approve && !options.yes ? { approve: (step, summary) => askApproval(step, summary, err) } : {}),
      signal: controller.signal,
      onEvent: renderer.onEvent,
    }, defaultStages());
    renderer.stop();
    const s = outcome.results.summary;
    if (options.json) {
      out(JSON.stringify({ outDir, stopped: outcome.stopped, summary: s, models: outcome.results.models.map((m) => ({ name: m.name, status: m.status, attempts: m.attempts, validation: m.validation?.status ?? null, reason: m.reason })) }, null, 2));
    } else {
      out(`\n${outcome.stopped ? 'Stopped at your request.' : 'Migration finished'} in ${s.seconds.toFixed(1)} s — ${outDir}`);
      out(`  ${s.byStatus.COMPLETED} completed, ${s.byStatus.FAILED} failed, ${s.byStatus.SKIPPED} skipped (manual or retired), ${s.fixesApplied} fix(es) applied`);
      out(`  validation: ${s.validation.passed} verified equal, ${s.validation.failed} different, ${s.validation.unverifiable} unverifiable`);
      for (const m of outcome.results.models.filter((x) => x.status === 'FAILED')) out(`  FAILED ${m.name}: ${m.reason ?? m.errors.at(-1)?.message ?? ''}`);
      out(`  results: ${path.join(outDir, 'migration_results.json')}`);
    }
    return s.byStatus.FAILED > 0 || outcome.stopped ? 1 : 0;
  } catch (e) {
    renderer.stop();
    if (e instanceof StateError) {
      err(`error: ${e.message}`);
      return 2;
    }
    if (controller.signal.aborted) {
      err(`interrupted: the state is saved; continue with --resume (${path.join(outDir, 'migration_state.json')})`);
      return 1;
    }
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export function registerMigrate(program: import('commander').Command, result: { code: number }, out: (s: string) => void, err: (s: string) => void): void {
  program
    .command('migrate')
    .description('migrate an estate end to end: extract, plan, write the dbt project, load data, dbt build with repairs, verify data, report')
    .argument('<inputs...>', 'anything extract reads (folders, .sql, .sqlproj, .dacpac, .bacpac, mssql:// URL)')
    .requiredOption('--out <dir>', 'output folder: the dbt project, migration_state.json, migration_results.json, report.html')
    .option('--target <target>', 'duckdb (embedded, default) or postgres', 'duckdb')
    .option('--pg-url <url>', 'PostgreSQL for --target postgres (default MSSQL2DBT_PG_URL; password from the URL or PGPASSWORD)')
    .option('--var <NAME=VALUE>', 'sqlcmd variable (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--dbt-var <NAME=VALUE>', 'a dbt variable for every build (repeatable): a value for a procedure parameter without a default, e.g. year=2024', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--select <patterns>', 'migrate part of the estate: schema.name, Sales.*, +view:dbo.X (comma-separated)')
    .option('--data <dir>', 'a folder of <schema>.<table>.csv|parquet files to load instead of the inputs\' data')
    .option('--resume', 'continue the run in --out where it stopped')
    .option('--force', 'overwrite generated files you edited since the last run')
    .option('--max-attempts <n>', 'build attempts per model before it FAILS (default 3)')
    .option('--approve', 'pause before writing the project and before loading data')
    .option('--yes', 'answer yes to every approval (unattended runs)')
    .option('--log-json', 'JSON-lines events on stderr instead of a progress bar')
    .option('--json', 'print one JSON summary at the end')
    .action(async (inputs: string[], opts: MigrateCommandOptions) => {
      result.code = await runMigrate(inputs, opts, out, err);
    });
}
