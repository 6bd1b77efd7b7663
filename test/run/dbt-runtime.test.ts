/**
 * Real dbt (the located one: the project's .venv in development and CI) on a tiny DuckDB project.
 * dbt starts in seconds, so the file runs two dbt processes: a batch build and a --select re-run
 * that builds on it. The abort test has its own project in abort.test.ts, to run in parallel.
 */
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergeRunResults, runDbtBatch, tryLocateDbt, type DbtLogLine, type DbtBatchOutcome, type ModelResult, type RunResults } from '../../src/run/index.js';
import { writeTinyProject, type TinyProject } from './dbt-project.js';

const dbt = tryLocateDbt();
// Without dbt (no Python on a contributor's machine) these are skipped; CI installs dbt, so there they must run.
const skip = dbt instanceof Error && !process.env.CI;

describe.skipIf(skip)('dbt runtime on real dbt-duckdb', () => {
  let project: TinyProject;
  let first: DbtBatchOutcome;
  const logs: DbtLogLine[] = [];
  const model = (r: RunResults, name: string): ModelResult => {
    const m = r.models.find((x) => x.name === name);
    if (!m) throw new Error(`no result for ${name}`);
    return m;
  };

  beforeAll(async () => {
    project = writeTinyProject();
    first = await runDbtBatch('build', { projectDir: project.dir, exclude: ['slow'], vars: { factor: 10 }, onLog: (l) => logs.push(l) });
  }, 60_000);

  it('builds the whole project in one batch and gives each model its status, error and tests', () => {
    expect(first.run.exitCode).toBe(1); // some nodes failed; dbt itself ran
    expect(first.run.ok).toBe(false);
    expect(first.resultsError).toBeUndefined();
    const r = first.results!;
    expect(r.invocationId).toBe(first.run.invocationId);
    expect(r.models.map((m) => m.name).sort()).toEqual(['after_broken', 'broken', 'customers', 'orders']);

    const customers = model(r, 'customers');
    expect(customers).toMatchObject({ status: 'success', overall: 'success', resourceType: 'model' });
    expect(customers.relation).toMatch(/"main"\."customers"$/);
    expect(customers.tests.map((t) => [t.name, t.status]).sort()).toEqual([['not_null_customers_id', 'pass'], ['unique_customers_id', 'pass']]);
    expect(existsSync(customers.compiledPath!)).toBe(true);

    const broken = model(r, 'broken');
    expect(broken.status).toBe('error');
    expect(broken.overall).toBe('error');
    expect(broken.message).toMatch(/Referenced column "no_such_column" not found/);
    expect(readFileSync(broken.compiledPath!, 'utf8')).toMatch(/no_such_column/);

    const orders = model(r, 'orders');
    expect(orders.status).toBe('success');
    expect(orders.overall).toBe('fail'); // built, but its accepted_values test fails
    expect(orders.node.compiledCode).toMatch(/id \* 10/); // --vars reached dbt
    expect(orders.tests).toHaveLength(1);
    expect(orders.tests[0]).toMatchObject({ status: 'fail', failures: 1, resourceType: 'test', attachedTo: ['model.tiny.orders'] });
    expect(orders.tests[0]!.message).toMatch(/Got 1 result/);

    const after = model(r, 'after_broken');
    expect(after.status).toBe('skipped');
    expect(after.node.skippedBecause).toEqual(['model.tiny.broken']);
    expect(after.message).toMatch(/Skipping due to error.*broken/);

    // Log lines streamed while dbt ran, structured from its JSON logs.
    expect(logs.some((l) => l.event === 'LogModelResult' && /customers/.test(l.message))).toBe(true);
    expect(first.run.outputTail).toMatch(/Done\. PASS=/);
  });

  it('re-runs only what --select names, and merges it into the first build', async () => {
    project.write('models/broken.sql', "select id from {{ ref('customers') }}\n");
    const again = await runDbtBatch('build', { projectDir: project.dir, select: ['broken', 'after_broken'], vars: { factor: 10 } });
    expect(again.run.exitCode).toBe(0);
    expect(again.run.args).toEqual(expect.arrayContaining(['--select', 'broken', 'after_broken']));
    const r = again.results!;
    expect(r.nodes.map((n) => `${n.name}:${n.status}`).sort()).toEqual(['after_broken:success', 'broken:success']);
    const merged = mergeRunResults(first.results!, r);
    expect(merged.models.map((m) => `${m.name}:${m.overall}`).sort()).toEqual(['after_broken:success', 'broken:success', 'customers:success', 'orders:fail']);
  });
});
