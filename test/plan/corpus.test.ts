/**
 * Plans of the shared corpus (read in place through the extract path, as `mssql2dbt plan` reads
 * them) and of our own sample estate, checked against what reading the scripts says they do.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/model.js';
import { main } from '../../src/cli/main.js';
import type { MigrationPlan, PlanNode } from '../../src/plan/model.js';
import { planMigration } from '../../src/plan/plan.js';
import { corpusRoot, hasCorpus, repoRoot } from '../helpers/paths.js';
import { catalogOf } from './helpers.js';
import { planErrors } from './validate-plan.js';

const CORPORA = ['northwind', 'pubs', 'adventureworks-dw', 'wwi-dw'] as const;
const sample = path.join(repoRoot, 'examples/sales-warehouse');

const nodesOf = (plan: MigrationPlan, objectId: string): PlanNode[] => plan.nodes.filter((n) => n.objectId === objectId);
const one = (plan: MigrationPlan, objectId: string, disposition?: string): PlanNode => {
  const l = nodesOf(plan, objectId).filter((n) => !disposition || n.disposition === disposition);
  if (l.length !== 1) throw new Error(`${objectId}: ${l.length} node(s) (${disposition ?? 'any'})`);
  return l[0]!;
};

describe.skipIf(!hasCorpus)('plans of the corpus', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'plan-corpus-'));
  const plans = new Map<string, MigrationPlan>();
  const outputs = new Map<string, string>();
  const catalogs = new Map<string, Catalog>();
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  beforeAll(async () => {
    for (const c of [...CORPORA, 'sales-warehouse']) {
      const input = c === 'sales-warehouse' ? sample : path.join(corpusRoot, c);
      const out: string[] = [];
      const code = await main(['plan', input, '-o', path.join(tmp, c)], (s) => out.push(s), (s) => out.push(s));
      outputs.set(c, `${code}\n${out.join('\n')}`);
      plans.set(c, JSON.parse(readFileSync(path.join(tmp, c, 'migration_plan.json'), 'utf8')) as MigrationPlan);
    }
    catalogs.set('northwind', await catalogOf(path.join(corpusRoot, 'northwind')));
  });

  it.each([...CORPORA, 'sales-warehouse'])('%s: planned with no errors, valid, every object has a node with reasons', (c) => {
    const plan = plans.get(c)!;
    expect(outputs.get(c)).toMatch(/^0\n/);
    expect(planErrors(plan)).toEqual([]);
    expect(plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const n of plan.nodes) expect(n.reasons.length, n.name).toBeGreaterThan(0);
    expect(plan.nodes.length).toBeGreaterThan(10);
  });

  it('northwind: 16 views and 7 procedures, each with a disposition and a reason', () => {
    const plan = plans.get('northwind')!;
    const catalog = catalogs.get('northwind')!;
    expect(catalog.views).toHaveLength(16);
    for (const v of catalog.views) {
      const n = one(plan, `view:${v.schema}.${v.name}`);
      expect(n.disposition).toBe('model');
      expect(['intermediate', 'marts']).toContain(n.layer);
      expect(n.dependsOn.length, n.name).toBeGreaterThan(0);
    }
    for (const p of catalog.procedures) {
      const n = one(plan, `procedure:${p.schema}.${p.name}`);
      expect(['model', 'analysis'], n.name).toContain(n.disposition);
      expect(n.pattern).toBe('report');
      expect(n.statements?.some((s) => s.role === 'query'), n.name).toBe(true);
    }
    // Order Subtotals is read by other views and procedures: intermediate.
    expect(one(plan, 'view:dbo.Order Subtotals')).toMatchObject({ name: 'int_order_subtotals', layer: 'intermediate', materialization: 'view' });
    expect(one(plan, 'view:dbo.Invoices')).toMatchObject({ layer: 'marts', materialization: 'table' });
    expect(one(plan, 'view:dbo.Current Product List')).toMatchObject({ layer: 'marts', materialization: 'view', dependsOn: ['stg_northwind__products'] });
    // A report without parameters is a model; one with a parameter without default an analysis with vars.
    const top = one(plan, 'procedure:dbo.Ten Most Expensive Products');
    expect(top).toMatchObject({ disposition: 'model', layer: 'marts', materialization: 'view', dependsOn: ['stg_northwind__products'] });
    expect(top.vars).toBeUndefined();
    expect(top.reasons.join(' ')).toMatch(/SET ROWCOUNT/);
    const hist = one(plan, 'procedure:dbo.CustOrderHist');
    expect(hist).toMatchObject({ disposition: 'analysis', layer: 'analyses', path: 'analyses/cust_order_hist.sql' });
    expect(hist.vars).toEqual([{ name: 'customer_id', parameter: '@CustomerID' }]);
    expect(hist.diagnostics.map((d) => d.code)).toContain('MD4007');
    const byCategory = one(plan, 'procedure:dbo.SalesByCategory');
    expect(byCategory.vars).toEqual([{ name: 'category_name', parameter: '@CategoryName' }, { name: 'ord_year', parameter: '@OrdYear', default: "'1998'" }]);
    expect(byCategory.name).toBe('sales_by_category_report'); // the view "Sales by Category" has the plain name
    // Tables: a source in raw (dbo) and a staging view each.
    const orders = one(plan, 'table:dbo.Orders', 'source');
    expect(orders).toMatchObject({ name: 'northwind.Orders', raw: { schema: 'raw', identifier: 'Orders', sourceName: 'northwind', table: 'Orders' } });
    expect(one(plan, 'table:dbo.Order Details', 'model')).toMatchObject({ name: 'stg_northwind__order_details', layer: 'staging', materialization: 'view', dependsOn: ['northwind.Order Details'] });
  });

  it('northwind: the plan matches the reviewed snapshot', async () => {
    const text = JSON.stringify(plans.get('northwind')!, null, 2).split(corpusRoot).join('<corpus>');
    await expect(text + '\n').toMatchFileSnapshot('__snapshots__/northwind.migration_plan.json');
  });

  it('wwi-dw: MigrateStaged*Data become snapshots or incremental models; logging and reseeding retire', () => {
    const plan = plans.get('wwi-dw')!;
    const migrate = plan.nodes.filter((n) => /^procedure:Integration\.MigrateStaged.*Data$/.test(n.objectId));
    expect(new Set(migrate.map((n) => n.objectId)).size).toBe(13);
    for (const n of migrate) {
      expect(n.replaces, n.name).toMatch(/^table:(Dimension|Fact)\./);
      expect(n.statements?.some((s) => s.role === 'load'), n.name).toBe(true);
    }
    const dims = migrate.filter((n) => n.replaces!.startsWith('table:Dimension.'));
    expect(dims).toHaveLength(7);
    for (const n of dims) {
      expect(n).toMatchObject({ disposition: 'snapshot', layer: 'snapshots', pattern: 'scd2' });
      expect(n.snapshot).toMatchObject({ strategy: 'timestamp', updatedAt: 'Valid From' });
      expect(n.snapshot!.uniqueKey[0], n.name).toMatch(/^WWI .* ID$/);
    }
    expect(one(plan, 'procedure:Integration.MigrateStagedCityData')).toMatchObject({ name: 'dim_city_snapshot', path: 'snapshots/dim_city_snapshot.sql', snapshot: { uniqueKey: ['WWI City ID'] } });
    // The sequence-generated keys the fact loads look up: a hash of business key + valid-from in each snapshot.
    expect(one(plan, 'procedure:Integration.MigrateStagedStockItemData').snapshot!.surrogateKey).toEqual({ column: 'Stock Item Key', of: ['WWI Stock Item ID', 'Valid From'] });
    for (const n of dims) expect(n.snapshot!.surrogateKey?.column, n.name).toMatch(/ Key$/);
    const movement = one(plan, 'procedure:Integration.MigrateStagedMovementData');
    expect(movement).toMatchObject({ disposition: 'model', materialization: 'incremental', pattern: 'upsert-merge', replaces: 'table:Fact.Movement', incremental: { uniqueKey: ['WWI Stock Item Transaction ID'], strategy: 'merge' } });
    // It reads the staging table (updated in place first: a prep statement) and the dimension snapshots.
    expect(movement.dependsOn).toContain('stg_integration__movement_staging');
    expect(movement.dependsOn).toContain('dim_stock_item_snapshot');
    expect(movement.statements!.map((s) => `${s.kind}:${s.role}`)).toEqual(['Update:prep', 'Merge:load']);
    expect(one(plan, 'procedure:Integration.MigrateStagedOrderData')).toMatchObject({ materialization: 'incremental', pattern: 'upsert-delete-insert', incremental: { uniqueKey: ['WWI Order ID'], strategy: 'delete+insert' } });
    // Stock holdings are replaced as a whole on every run (TRUNCATE + INSERT): a table, not incremental.
    expect(one(plan, 'procedure:Integration.MigrateStagedStockHoldingData')).toMatchObject({ materialization: 'table', pattern: 'truncate-reload' });
    // Transactions are appended batch by batch (lineage and cut-off recorded): incremental append.
    expect(one(plan, 'procedure:Integration.MigrateStagedTransactionData')).toMatchObject({ materialization: 'incremental', pattern: 'insert-select', incremental: { uniqueKey: [], strategy: 'append' } });
    const kinds = migrate.map((n) => n.disposition === 'snapshot' ? 'snapshot' : n.materialization);
    expect(kinds.filter((k) => k === 'snapshot' || k === 'incremental')).toHaveLength(12);
    for (const id of ['Integration.GetLineageKey', 'Integration.GetLastETLCutoffTime']) expect(one(plan, `procedure:${id}`)).toMatchObject({ disposition: 'retire', pattern: 'logging' });
    for (const id of ['Sequences.ReseedAllSequences', 'Sequences.ReseedSequenceBeyondTableValues', 'Application.Configuration_ReseedETL']) expect(one(plan, `procedure:${id}`)).toMatchObject({ disposition: 'retire', pattern: 'reseed' });
    expect(one(plan, 'procedure:Application.Configuration_ApplyPolybase').disposition).toBe('retire');
    // The date dimension fill loop is recognised as a date spine.
    expect(one(plan, 'procedure:Integration.PopulateDateDimensionForYear')).toMatchObject({ pattern: 'set-based-loop', replaces: 'table:Dimension.Date', incremental: { uniqueKey: ['Date'] } });
    // Derived tables keep their source (the loaded rows to compare with) but no staging model.
    expect(nodesOf(plan, 'table:Dimension.City').map((n) => n.disposition)).toEqual(['source']);
    expect(one(plan, 'table:Dimension.City')).toMatchObject({ raw: { schema: 'raw_dimension', identifier: 'City', sourceName: 'dimension' } });
    // Sequences retire, saying which columns now need a surrogate key expression.
    expect(one(plan, 'sequence:Sequences.CityKey')).toMatchObject({ disposition: 'retire' });
    expect(one(plan, 'sequence:Sequences.CityKey').reasons[0]).toMatch(/Dimension\.City\.City Key/);
    expect(one(plan, 'procedure:Integration.MigrateStagedCityData').diagnostics.map((d) => d.code)).toContain('MD4006');
    // Bookkeeping tables are read by nobody's model.
    expect(plan.nodes.some((n) => n.dependsOn.includes('stg_integration__lineage'))).toBe(false);
  });

  it('pubs: the level-check trigger becomes a singular test of the rows it would reject', () => {
    const plan = plans.get('pubs')!;
    const t = one(plan, 'trigger:dbo.employee_insupd');
    expect(t.disposition).toBe('test');
    // The rule looks up the job's level range in jobs: the test reads both models.
    expect(t.dependsOn).toEqual(['stg_pubs__employee', 'stg_pubs__jobs']);
    expect(t.tests![0]!.model).toBe('stg_pubs__employee');
    expect(t.tests![0]!.arguments!.refs).toEqual({ 'dbo.employee': 'stg_pubs__employee', 'dbo.jobs': 'stg_pubs__jobs', employee: 'stg_pubs__employee', jobs: 'stg_pubs__jobs' });
    expect(t.tests).toHaveLength(1);
    const sql = String(t.tests![0]!.arguments!.sql);
    expect(sql).toMatch(/job_lvl/);
    expect(sql).not.toMatch(/@\w/);
    expect(sql).not.toMatch(/\binserted\b/i);
    expect(one(plan, 'procedure:dbo.reptq1')).toMatchObject({ disposition: 'model', pattern: 'report' });
    expect(one(plan, 'procedure:dbo.byroyalty')).toMatchObject({ disposition: 'analysis', vars: [{ name: 'percentage', parameter: '@percentage' }] });
  });

  it('sales-warehouse: MERGE → incremental, SCD2 → snapshot, #temp → CTE, update stamp trigger → retire, logging → retire', () => {
    const plan = plans.get('sales-warehouse')!;
    expect(one(plan, 'procedure:etl.LoadDimProduct')).toMatchObject({ name: 'dim_product', materialization: 'incremental', pattern: 'upsert-merge', incremental: { uniqueKey: ['ProductID'], strategy: 'merge' } });
    const customer = one(plan, 'procedure:etl.LoadDimCustomer');
    expect(customer).toMatchObject({ disposition: 'snapshot', pattern: 'scd2', snapshot: { strategy: 'check', uniqueKey: ['CustomerID'] } });
    expect(customer.snapshot!.checkCols).toEqual(expect.arrayContaining(['CustomerName', 'City', 'Email']));
    // #CustomerSource is folded into the snapshot; its reads are the snapshot's.
    expect(customer.dependsOn).toEqual(['stg_staging__customer', 'stg_staging__region']);
    const facts = nodesOf(plan, 'procedure:etl.LoadFactSales');
    const fact = facts.find((n) => n.replaces === 'table:dw.FactSales')!;
    expect(fact).toMatchObject({ name: 'fct_sales', pattern: 'upsert-delete-insert', incremental: { uniqueKey: ['SalesOrderID'], strategy: 'delete+insert' } });
    // #SalesLines is read by this one load only: a CTE of fct_sales (its reads are the model's), no ephemeral model.
    expect(facts.filter((n) => n.materialization === 'ephemeral')).toEqual([]);
    expect(fact.reasons.join(' ')).toMatch(/#SalesLines becomes a CTE inside the model/);
    expect(fact.dependsOn).toEqual(expect.arrayContaining(['stg_staging__sales_order_header', 'stg_staging__sales_order_line', 'dim_customer_snapshot', 'dim_date', 'dim_product', 'fn_net_amount']));
    expect(one(plan, 'procedure:etl.usp_PopulateDimDate')).toMatchObject({ pattern: 'set-based-loop', replaces: 'table:dw.DimDate' });
    expect(one(plan, 'procedure:etl.usp_LogLoad')).toMatchObject({ disposition: 'retire', pattern: 'logging' });
    expect(one(plan, 'procedure:report.usp_SalesSummary')).toMatchObject({ disposition: 'model', pattern: 'report' });
    expect(one(plan, 'procedure:report.usp_SalesSummary').vars!.map((v) => v.name)).toEqual(['from_date', 'to_date', 'region', 'group_by']);
    const trigger = one(plan, 'trigger:staging.trg_Customer_SetModifiedDate');
    // AFTER UPDATE only: rows never updated keep ModifiedDate NULL (the sample data has 20), so no not_null test.
    expect(trigger).toMatchObject({ disposition: 'retire', pattern: 'logging' });
    expect(trigger.tests ?? []).toEqual([]);
    expect(trigger.reasons.join(' ')).toMatch(/ModifiedDate on UPDATE only/);
    expect(one(plan, 'function:dbo.fn_NetAmount')).toMatchObject({ disposition: 'macro', path: 'macros/fn_net_amount.sql' });
    expect(one(plan, 'function:report.fn_SalesByCustomer').disposition).toBe('macro');
  });

  it('plans are deterministic: the same catalog gives byte-identical JSON', async () => {
    const catalog = await catalogOf(path.join(corpusRoot, 'wwi-dw'));
    const a = JSON.stringify(planMigration(catalog, { target: 'duckdb' }));
    const b = JSON.stringify(planMigration(JSON.parse(JSON.stringify(catalog)) as Catalog, { target: 'duckdb' }));
    expect(a).toBe(b);
    expect(JSON.stringify(plans.get('wwi-dw'))).toBe(a);
  });
});
