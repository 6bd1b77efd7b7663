/**
 * `migrate` end to end with the real stages — extract, plan, dbt project, DuckDB load, real dbt-core +
 * dbt-duckdb builds, diff — on a small estate written here, plus the sample estate of examples/:
 * a failure a rule repairs, one that exhausts its attempts, and a run killed with SIGKILL at random
 * moments that resumes without redoing completed models.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { defaultStages } from '../../src/orchestrator/default-stages.js';
import { runMigration, type MigrateOptions } from '../../src/orchestrator/migrate.js';
import type { MigrationState } from '../../src/orchestrator/state.js';
import type { Stages } from '../../src/orchestrator/stages.js';
import { repoRoot } from '../helpers/paths.js';
import { startPostgres } from '../helpers/postgres.js';
import { runFileSchemaErrors } from './validate-run-files.js';

const ESTATE = `
CREATE TABLE dbo.Region (RegionID int NOT NULL PRIMARY KEY, Name nvarchar(50) NULL);
GO
CREATE TABLE dbo.Customer (
  CustomerID int NOT NULL PRIMARY KEY,
  RegionID int NULL REFERENCES dbo.Region (RegionID),
  Name nvarchar(100) NULL,
  Credit money NULL
);
GO
CREATE VIEW dbo.CustomerNames AS SELECT CustomerID, ISNULL(Name, N'n/a') AS Name FROM dbo.Customer;
GO
CREATE VIEW dbo.NamedCustomers AS SELECT CustomerID FROM dbo.CustomerNames WHERE Name <> N'n/a';
GO
CREATE VIEW dbo.RegionCredit AS
  SELECT r.Name, SUM(c.Credit) AS Credit, COUNT(*) AS Customers
  FROM dbo.Region AS r JOIN dbo.Customer AS c ON c.RegionID = r.RegionID
  GROUP BY r.Name;
GO
INSERT INTO dbo.Region VALUES (1, N'North');
INSERT INTO dbo.Region VALUES (2, N'South');
INSERT INTO dbo.Customer VALUES (10, 1, N'Ada', 12.50);
INSERT INTO dbo.Customer VALUES (11, 1, NULL, 3.25);
INSERT INTO dbo.Customer VALUES (12, 2, N'Grace', NULL);
GO
`;

function estate(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'm2d-estate-'));
  writeFileSync(path.join(dir, 'estate.sql'), ESTATE);
  return dir;
}

function outDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'm2d-out-'));
}

const state = (out: string): MigrationState => JSON.parse(readFileSync(path.join(out, 'migration_state.json'), 'utf8')) as MigrationState;
const statuses = (s: MigrationState): Record<string, string> => Object.fromEntries(s.models.map((m) => [m.name, m.status]));

/** The real stages, with the generated SQL of one model spoiled after generation (a T-SQL leftover). */
function spoiling(model: RegExp, from: string, to: string): Stages {
  const real = defaultStages();
  return {
    ...real,
    async generate(plan, catalog, ctx) {
      const r = await real.generate(plan, catalog, ctx);
      const node = plan.nodes.find((n) => model.test(n.name) && n.path)!;
      const file = path.join(ctx.outDir, node.path!);
      const sql = readFileSync(file, 'utf8');
      expect(sql).toContain(from);
      writeFileSync(file, sql.replace(from, to));
      return r;
    },
  };
}

const base = (inputs: string[], out: string): MigrateOptions => ({ inputs, outDir: out, target: 'duckdb' });

describe('migrate on DuckDB with real dbt', () => {
  it('builds, tests and verifies a small estate; state and results follow their schemas', async () => {
    const out = outDir();
    const { results } = await runMigration(base([estate()], out), defaultStages());
    expect(results.summary.byStatus.FAILED, JSON.stringify(results.models.filter((m) => m.status === 'FAILED'), null, 1)).toBe(0);
    const byName = new Map(results.models.map((m) => [m.name, m]));
    const stg = [...byName.values()].find((m) => m.name.startsWith('stg_') && m.name.endsWith('customer'))!;
    expect(stg.status).toBe('COMPLETED');
    expect(stg.validation?.status).toBe('passed');
    expect(stg.validation?.summary).toMatch(/3 rows by key CustomerID/);
    expect([...byName.values()].filter((m) => m.resourceType === 'model').every((m) => m.status === 'COMPLETED')).toBe(true);
    expect(runFileSchemaErrors('state', state(out))).toEqual([]);
    expect(runFileSchemaErrors('results', JSON.parse(readFileSync(path.join(out, 'migration_results.json'), 'utf8')))).toEqual([]);
    expect(existsSync(path.join(out, 'report.html'))).toBe(true);
    expect(existsSync(path.join(out, 'dbt_project.yml'))).toBe(true);
  });

  it('repairs a failure with a rule and records the fix', async () => {
    const out = outDir();
    const { results } = await runMigration(base([estate()], out), spoiling(/customer_names$/, 'coalesce(', 'isnull('));
    const m = results.models.find((x) => /customer_names$/.test(x.name))!;
    expect(m.status, JSON.stringify(m, null, 1)).toBe('COMPLETED');
    expect(m.attempts).toBe(2);
    expect(m.errors[0]?.cause).toBe('unknown-function');
    expect(m.fixes).toHaveLength(1);
    expect(m.fixes[0]).toMatchObject({ rule: 'rename-function', cause: 'unknown-function' });
    expect(m.fixes[0]!.before).toContain('isnull(');
    expect(m.fixes[0]!.after).toContain('coalesce(');
    expect(results.summary.byStatus.FAILED).toBe(0);
  });

  it('fails a model that exhausts its attempts, fails what depends on it, and builds the rest', async () => {
    const out = outDir();
    const { results } = await runMigration({ ...base([estate()], out), maxAttempts: 1 }, spoiling(/customer_names$/, 'coalesce(', 'isnull('));
    const by = (re: RegExp) => results.models.find((x) => re.test(x.name))!;
    expect(by(/customer_names$/).status).toBe('FAILED');
    expect(by(/customer_names$/).reason).toMatch(/1 attempt\(s\) used/);
    expect(by(/named_customers$/).status).toBe('FAILED');
    expect(by(/named_customers$/).reason).toMatch(/upstream .*customer_names failed/);
    expect(by(/region_credit$/).status).toBe('COMPLETED');
  });
});

describe('migrate on PostgreSQL with real dbt-postgres', () => {
  it('builds, tests and verifies the small estate on a real server', async () => {
    const server = await startPostgres();
    try {
      const url = await server.createDatabase(`m2d_migrate_${process.pid}`);
      const out = outDir();
      const { results } = await runMigration({ ...base([estate()], out), target: 'postgres', postgresUrl: url }, defaultStages());
      expect(results.summary.byStatus.FAILED, JSON.stringify(results.models.filter((m) => m.status === 'FAILED'), null, 1)).toBe(0);
      const stg = results.models.find((m) => m.name.startsWith('stg_') && m.name.endsWith('customer'))!;
      expect(stg.validation?.status).toBe('passed');
      expect(readFileSync(path.join(out, 'profiles.yml'), 'utf8')).toMatch(/type: postgres/);
    } finally {
      await server.stop();
    }
  }, 180_000);
});

function runCli(args: string[]): { done: Promise<number | null>; kill: () => boolean } {
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist/src/cli/bin.js'), ...args], { stdio: 'ignore' });
  return {
    done: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    // True only when the process was still running: a kill after a finished run is no kill.
    kill: () => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'),
  };
}

/** A small deterministic generator, so a failing run can be replayed from its seed. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('kill and resume', () => {
  it('a run killed during the evaluation resumes and evaluates the models it left half-done', async () => {
    // The state a SIGKILL in the evaluate phase leaves: build done, some built models still EVALUATING,
    // the evaluate phase started and not finished. (The random kills below reach this moment only rarely.)
    const input = estate();
    const out = outDir();
    expect(await runCli(['migrate', input, '--out', out, '--yes']).done).toBe(0);
    const expected = statuses(state(out));
    const s = state(out);
    const evaluated = s.models.filter((m) => m.resourceType === 'model' && m.status === 'COMPLETED' && m.validation).slice(0, 3);
    expect(evaluated.length).toBeGreaterThan(0);
    for (const m of evaluated) {
      m.status = 'EVALUATING';
      m.history = m.history.slice(0, -1);
      delete m.validation;
    }
    s.phases = s.phases.filter((p) => p.phase !== 'report').map((p) => (p.phase === 'evaluate' ? { phase: p.phase, startedAt: p.startedAt } : p));
    writeFileSync(path.join(out, 'migration_state.json'), JSON.stringify(s, null, 2));
    expect(runFileSchemaErrors('state', s)).toEqual([]);

    expect(await runCli(['migrate', input, '--out', out, '--yes', '--resume']).done).toBe(0);
    const after = state(out);
    expect(statuses(after)).toEqual(expected);
    for (const m of evaluated) expect(after.models.find((x) => x.name === m.name)!.validation, m.name).toBeDefined();
  }, 180_000);

  it('a run killed with SIGKILL at random moments resumes to the same outcome without redoing completed models', async () => {
    const input = estate();
    const reference = outDir();
    const clean = runCli(['migrate', input, '--out', reference, '--yes']);
    const t0 = Date.now();
    expect(await clean.done).toBe(0);
    const cleanMs = Date.now() - t0;
    const expected = statuses(state(reference));

    const seed = Number(process.env.MSSQL2DBT_KILL_SEED ?? Date.now() % 100000);
    const random = seeded(seed);
    const out = outDir();
    mkdirSync(out, { recursive: true });
    let kills = 0;
    let killsLeft = 3;
    let scale = 0.9;
    let resume = false;
    let completedBefore = new Map<string, string>();
    for (let round = 0; round < 12; round += 1) {
      const run = runCli(['migrate', input, '--out', out, '--yes', ...(resume ? ['--resume'] : [])]);
      const killAt = 300 + random() * cleanMs * scale;
      const timer = killsLeft > 0 ? setTimeout(() => { if (run.kill()) { kills += 1; killsLeft -= 1; } }, killAt) : undefined;
      const code = await run.done;
      clearTimeout(timer);
      if (code === 0 && kills === 0) {
        // Finished before the first kill (this run was faster than the reference): start over, killing sooner.
        rmSync(out, { recursive: true, force: true });
        mkdirSync(out, { recursive: true });
        completedBefore = new Map();
        scale /= 2;
        continue;
      }
      resume = true;
      if (existsSync(path.join(out, 'migration_state.json'))) {
        const s = state(out); // parses: never half-written
        expect(runFileSchemaErrors('state', s), `seed ${seed}`).toEqual([]);
        for (const [name, at] of completedBefore) {
          const m = s.models.find((x) => x.name === name)!;
          // A model completed before a kill is never touched again: same status, same completion time.
          expect(m.status, `seed ${seed}: ${name}`).toBe('COMPLETED');
          expect(m.history.filter((h) => h.status === 'COMPLETED').map((h) => h.at), `seed ${seed}: ${name}`).toEqual([at]);
        }
        completedBefore = new Map(s.models.filter((m) => m.status === 'COMPLETED').map((m) => [m.name, m.history.find((h) => h.status === 'COMPLETED')!.at]));
      }
      if (code === 0) break;
    }
    expect(kills, `seed ${seed}`).toBeGreaterThan(0);
    expect(statuses(state(out)), `seed ${seed}`).toEqual(expected);
    expect(JSON.parse(readFileSync(path.join(out, 'migration_results.json'), 'utf8')).summary.byStatus.FAILED).toBe(0);
  }, 300_000);
});

describe('the sample estate (examples/)', () => {
  it('migrates end to end with every model built, tested and verified where data allows', async () => {
    const out = outDir();
    // The vars `npm run demo` passes: the year the date dimension is filled for, and the date the
    // customer snapshot's first versions are valid from (the sample orders start in 2024).
    const dbtVars = { year: 2024, EffectiveDate: "'2024-01-01'" };
    const { results } = await runMigration({ ...base([path.join(repoRoot, 'examples/sales-warehouse')], out), dbtVars }, defaultStages());
    const failed = results.models.filter((m) => m.status === 'FAILED');
    expect(failed.map((m) => `${m.name}: ${m.reason ?? ''} ${m.errors.at(-1)?.message ?? ''}`)).toEqual([]);
    expect(results.summary.validation.passed).toBeGreaterThanOrEqual(5);
    expect(results.models.some((m) => m.status === 'SKIPPED')).toBe(true);
    const file = readdirSync(out).find((f) => f.endsWith('.duckdb'))!;
    const db = await DuckDBInstance.create(path.join(out, file), { access_mode: 'READ_ONLY' });
    const conn = await db.connect();
    const one = async (sql: string): Promise<unknown[]> => (await conn.runAndReadAll(sql)).getRows()[0]!;
    try {
      // The report adjusts @ToDate before its query (IF @ToDate IS NULL SET …): folded, it has rows.
      expect(Number((await one('select count(*) from sales_summary'))[0])).toBeGreaterThan(0);
      // FactSales.NetAmount is decimal(18,2): the load's computed value is stored in that type.
      expect(await one("select data_type from information_schema.columns where table_name = 'fct_sales' and column_name = 'NetAmount'")).toEqual(['DECIMAL(18,2)']);
    } finally {
      conn.closeSync();
      db.closeSync();
    }
  });
});
