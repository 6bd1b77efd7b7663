/**
 * The generated projects of the shared corpus and examples/, checked by real dbt-core + dbt-duckdb:
 * one `dbt compile` per project (it parses the whole project, then renders every model, test,
 * snapshot and analysis), and `dbt build --empty` over empty raw tables where every node runs. Plans come
 * from the planner (src/plan).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractCatalog } from '../../src/catalog/extract.js';
import type { Catalog } from '../../src/catalog/model.js';
import { writeDbtProject } from '../../src/dbt/index.js';
import { planMigration, type MigrationPlan } from '../../src/plan/index.js';
import { corpusRoot, hasCorpus, repoRoot } from '../helpers/paths.js';
import { dbt, hasDbt } from './dbt-cli.js';
import { createRawTables } from './raw-tables.js';

const CORPORA = ['northwind', 'pubs', 'adventureworks-dw', 'wwi-dw', 'sales-warehouse'] as const;
/** The shared corpus, and our own sample estate (examples/). */
const inputOf = (corpus: string): string => (corpus === 'sales-warehouse' ? path.join(repoRoot, 'examples/sales-warehouse') : path.join(corpusRoot, corpus));

describe.skipIf(!hasCorpus || !hasDbt)('generated projects of the corpus compile with real dbt', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'dbt-corpus-'));
  const plans = new Map<string, MigrationPlan>();
  const catalogs = new Map<string, Catalog>();
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  beforeAll(async () => {
    for (const corpus of CORPORA) {
      const { catalog } = await extractCatalog([inputOf(corpus)]);
      const plan = planMigration(catalog, { target: 'duckdb' });
      plans.set(corpus, plan);
      catalogs.set(corpus, catalog);
      writeDbtProject({ plan, catalog, outDir: path.join(tmp, corpus) });
    }
  }, 60_000);

  it.each(CORPORA)('%s: dbt compile succeeds without warnings', (corpus) => {
    const r = dbt(path.join(tmp, corpus), 'compile');
    expect(r.code, r.output).toBe(0);
    expect(r.output).not.toMatch(/\[WARNING\]|[Dd]eprecat/);
    expect(r.output).toMatch(/Found \d+ models?,.* \d+ data tests?/);
  }, 120_000);

  // Stronger than compile: every model, snapshot and test executed by DuckDB on empty raw tables.
  // sales-warehouse is left out: FORMAT-style date formatting has no translation on the `dbt` target (MD3001);
  // `mssql2dbt migrate` prints DuckDB SQL, and test/orchestrator builds the sample estate with its data.
  it.each(['northwind', 'pubs', 'adventureworks-dw', 'wwi-dw'])('%s: dbt build --empty runs every model, snapshot and test on DuckDB', async (corpus) => {
    const dir = path.join(tmp, corpus);
    await createRawTables(path.join(dir, 'warehouse.duckdb'), plans.get(corpus)!, catalogs.get(corpus)!);
    const r = dbt(dir, 'build', '--empty');
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/Done\. PASS=\d+ WARN=0 ERROR=0 SKIP=0/);
  }, 120_000);

  const fileOf = (corpus: string, pred: (n: MigrationPlan['nodes'][number]) => boolean): string => {
    const node = plans.get(corpus)!.nodes.find(pred);
    if (!node?.path) throw new Error(`no such node in the ${corpus} plan`);
    return readFileSync(path.join(tmp, corpus, node.path), 'utf8');
  };

  it('wwi-dw: MERGE → incremental model, SCD-2 → snapshot, key lookups folded into a CTE', () => {
    const movement = fileOf('wwi-dw', (n) => n.source.name === 'MigrateStagedMovementData' && n.disposition === 'model');
    expect(movement).toContain("materialized='incremental'");
    expect(movement).toContain("unique_key=adapter.quote('WWI Stock Item Transaction ID')");
    expect(movement).toContain("{{ ref('stg_integration__movement_staging') }}");
    // The procedure's UPDATE of the staging table (dimension-key lookups) is a CTE the load reads.
    expect(movement).toMatch(/movement_staging_prepared as \(/);
    expect(movement).toMatch(/from movement_staging_prepared as ms/);
    const customer = fileOf('wwi-dw', (n) => n.source.name === 'MigrateStagedCustomerData' && n.disposition === 'snapshot');
    expect(customer).toMatch(/\{% snapshot \w+ %\}[\s\S]*strategy='timestamp'[\s\S]*\{% endsnapshot %\}/);
    // The sequence-generated key the facts look up: a hash of business key + valid-from, under the key's name.
    expect(customer).toContain(`{{ mssql2dbt_surrogate_key(['WWI Customer ID', 'Valid From']) }} as "Customer Key",`);
    // Lineage read from bookkeeping has no value here: a typed SQL null, never Python's None.
    expect(customer).toMatch(/var\('LineageKey', dbt\.cast\("NULL", dbt\.type_int\(\)\)\)/);
    expect(readFileSync(path.join(tmp, 'wwi-dw', 'dbt_project.yml'), 'utf8')).not.toMatch(/: null$/m);
    // The date-dimension loop: a date spine, the inline TVF's columns over it.
    const date = fileOf('wwi-dw', (n) => n.source.name === 'PopulateDateDimensionForYear');
    expect(date).toContain("{{ mssql2dbt_date_spine('bounds') }}");
    expect(date).toMatch(/from date_spine as d/);
  });
});
