import { Command, CommanderError } from 'commander';
import { InputPathError } from '../io/sql-files.js';
import { runDiff, type DiffCommandOptions } from './commands/diff.js';
import { runAssess } from './commands/assess.js';
import { runExtract } from './commands/extract.js';
import { runParse } from './commands/parse.js';
import { runTranspile, UsageError } from './commands/transpile.js';
import { registerDoctor } from './commands/doctor.js';
import { registerReport } from './commands/report.js';
import { registerGenerate } from './commands/generate.js';
import { registerMigrate } from './commands/migrate.js';

/** Exit codes shared by every command: 0 success, 1 the input had errors, 2 bad usage. */
export const EXIT = { ok: 0, inputErrors: 1, usage: 2 } as const;

export function buildProgram(out: (s: string) => void, err: (s: string) => void): { program: Command; result: { code: number } } {
  const result: { code: number } = { code: EXIT.ok };
  const program = new Command();
  program
    .name('mssql2dbt')
    .description('Migrate Microsoft SQL Server estates (T-SQL, SSIS) into verified dbt projects.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: (s) => out(s.replace(/\n$/, '')), writeErr: (s) => err(s.replace(/\n$/, '')) });

  program
    .command('parse')
    .description('parse .sql files (folders recursively) and report statements and syntax errors')
    .argument('<paths...>', 'files or folders')
    .option('--json', 'print one JSON object instead of text')
    .action(async (paths: string[], opts: { json?: boolean }) => {
      result.code = await runParse(paths, opts, out);
    });

  program
    .command('extract')
    .description('read scripts, SSDT projects, .dacpac/.bacpac, extract JSON or a live server into one catalog (metadata.json)')
    .argument('<inputs...>', 'folders, .sql, .sqlproj, .dacpac, .bacpac, extract-catalog JSON, mssql:// URL or connection string')
    .requiredOption('-o, --output <file>', 'where to write the catalog (metadata.json)')
    .option('--var <NAME=VALUE>', 'sqlcmd variable (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--json', 'print one JSON summary instead of text')
    .action(async (inputs: string[], opts: { output: string; var: string[]; json?: boolean }) => {
      result.code = await runExtract(inputs, opts, out, err);
    });

  program
    .command('assess')
    .description('assess an estate: inventory, complexity, effort, dispositions, dependency graph and waves (assessment.json/.html/.md)')
    .argument('<inputs...>', 'anything extract reads, or metadata.json files')
    .requiredOption('-o, --output <dir>', 'folder for assessment.json, assessment.html and assessment.md')
    .option('--var <NAME=VALUE>', 'sqlcmd variable (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--json', 'print one JSON summary instead of text')
    .action(async (inputs: string[], opts: { output: string; var: string[]; json?: boolean }) => {
      result.code = await runAssess(inputs, opts, out, err);
    });

  program.command('plan').description('plan the dbt project: what every object becomes, its layer, materialization, dependencies and order (migration_plan.json)').argument('<inputs...>', 'anything extract reads, or metadata.json files').requiredOption('-o, --output <dir>', 'folder for migration_plan.json').option('--target <target>', 'duckdb, postgres, snowflake, bigquery, databricks or fabric', 'duckdb').option('--naming <file>', 'JSON naming conventions overriding the defaults').option('--select <patterns>', 'plan part of the estate: schema.name, Sales.*, +view:dbo.X (repeatable, comma-separated)', (v: string, prev: string[]) => [...prev, v], [] as string[]).option('--var <NAME=VALUE>', 'sqlcmd variable (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[]).option('--json', 'print one JSON summary instead of text').action(async (inputs: string[], opts: import('./commands/plan.js').PlanCommandOptions) => { result.code = await (await import('./commands/plan.js')).runPlan(inputs, opts, out, err); });

  program
    .command('transpile')
    .description('translate T-SQL (a file, or - / nothing for stdin) into a target dialect')
    .argument('[file]', 'the .sql file; - or nothing reads stdin')
    .requiredOption('--to <target>', 'duckdb, postgres, snowflake, bigquery, databricks or fabric')
    .option('--collation <ci|cs>', 'case sensitivity of the source collation', 'ci')
    .option('--trailing-spaces <ignore|keep>', "string comparisons: ignore trailing spaces as SQL Server does ('abc' = 'abc  '), or keep the target's exact comparison", 'ignore')
    .option('--schema <from=to>', "rename a schema in two- and three-part names (repeatable; 'dbo=' drops it, the default)", (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--strict', 'fail (exit 1) on any diagnostic')
    .option('--json', 'print one JSON object with sql and diagnostics')
    .action(async (file: string | undefined, opts: { to: string; collation: string; trailingSpaces: string; schema: string[]; strict?: boolean; json?: boolean }) => {
      result.code = await runTranspile(file, opts, out, err);
    });

  program
    .command('diff')
    .description('compare a source relation with a target relation across engines (exit 0 equal, 1 different, 2 unverifiable)')
    .requiredOption('--source <url>', 'duckdb:///abs/file.db, postgres://user@host:port/db or mssql://user@host:port/db')
    .requiredOption('--target <url>', 'the migrated side, same URL forms')
    .option('--table <name>', 'schema.table, or source=target when the names differ')
    .option('--source-query <sql>', 'compare the result of a query on the source instead of a table')
    .option('--target-query <sql>', 'compare the result of a query on the target instead of a table')
    .option('--key <cols>', 'key columns, comma-separated (without: rows compared as a multiset)')
    .option('--columns <cols>', 'source columns to compare, comma-separated')
    .option('--rename <src=tgt>', 'a renamed column (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--where <predicate>', 'filter applied on both sides')
    .option('--tolerance <rel>', 'relative float tolerance (default 1e-9)')
    .option('--collation <ci|cs>', 'source string collation: ci ignores case and trailing spaces', 'cs')
    .option('--timeout <seconds>', 'statement time-out (default 300)')
    .option('--no-profile', 'skip column profiles')
    .option('--json', 'print the DiffResult as JSON')
    .action(async (opts: DiffCommandOptions) => {
      result.code = await runDiff(opts, out, err);
    });
  registerDoctor(program, result, out);
  registerReport(program, result, out, err);
  registerGenerate(program, result, out, err);
  registerMigrate(program, result, out, err);
  return { program, result };
}

export async function main(argv: string[], out = (s: string) => console.log(s), err = (s: string) => console.error(s)): Promise<number> {
  const { program, result } = buildProgram(out, err);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof InputPathError || e instanceof UsageError) {
      err(`error: ${e.message}`);
      return EXIT.usage;
    }
    throw e;
  }
}
