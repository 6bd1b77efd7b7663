/**
 * The planner's rules on small estates written for the purpose: one procedure per pattern, the
 * incremental strategy per target, triggers, functions, naming, --select and cycles.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/model.js';
import { assess } from '../../src/assess/assess.js';
import { main } from '../../src/cli/main.js';
import type { MigrationPlan, PlanNode } from '../../src/plan/model.js';
import { identifierOf, MAX_IDENTIFIER, parseNaming } from '../../src/plan/naming.js';
import { planMigration } from '../../src/plan/plan.js';
import { chooseStrategy } from '../../src/plan/strategy.js';
import { catalogFromSql } from './helpers.js';
import { planErrors } from './validate-plan.js';
import { syntheticEstate } from '../../bench/synthetic-estate.js';

const ESTATE = `
CREATE TABLE dbo.Customer (CustomerID int NOT NULL PRIMARY KEY, Name nvarchar(50) NOT NULL, Balance money NULL, ModifiedDate datetime NULL);
GO
CREATE TABLE dbo.Orders (OrderID int NOT NULL PRIMARY KEY, CustomerID int NOT NULL, Amount money NOT NULL, OrderDate date NOT NULL);
GO
CREATE TABLE dbo.CustomerTotal (CustomerKey int IDENTITY(1,1) NOT NULL, CustomerID int NOT NULL PRIMARY KEY, Total money NULL);
GO
CREATE TABLE dbo.RunningBalance (OrderID int NOT NULL PRIMARY KEY, Amount money NOT NULL, Balance money NULL);
GO
CREATE TABLE dbo.OrderCopy (OrderID int NOT NULL, Amount money NOT NULL);
GO
CREATE TABLE dbo.CustomerAudit (CustomerID int NOT NULL, ChangedAt datetime NOT NULL);
GO
CREATE PROCEDURE dbo.UpsertTotals AS
BEGIN
  UPDATE t SET t.Total = s.Total
    FROM dbo.CustomerTotal AS t
    JOIN (SELECT CustomerID, SUM(Amount) AS Total FROM dbo.Orders GROUP BY CustomerID) AS s ON s.CustomerID = t.CustomerID;
  INSERT INTO dbo.CustomerTotal (CustomerID, Total)
  SELECT o.CustomerID, SUM(o.Amount) FROM dbo.Orders AS o
  WHERE NOT EXISTS (SELECT 1 FROM dbo.CustomerTotal AS x WHERE x.CustomerID = o.CustomerID)
  GROUP BY o.CustomerID;
END
GO
CREATE PROCEDURE dbo.CopyOrders AS
BEGIN
  TRUNCATE TABLE dbo.OrderCopy;
  INSERT INTO dbo.OrderCopy (OrderID, Amount) SELECT OrderID, Amount FROM dbo.Orders;
END
GO
CREATE PROCEDURE dbo.BuildBigOrders AS
  SELECT OrderID, Amount INTO dbo.BigOrders FROM dbo.Orders WHERE Amount > 1000;
GO
CREATE PROCEDURE dbo.RunningTotals AS
BEGIN
  DECLARE @id int, @amount money, @balance money = 0;
  DECLARE c CURSOR FOR SELECT OrderID, Amount FROM dbo.RunningBalance ORDER BY OrderID;
  OPEN c;
  FETCH NEXT FROM c INTO @id, @amount;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    SET @balance = @balance + @amount;
    UPDATE dbo.RunningBalance SET Balance = @balance WHERE OrderID = @id;
    FETCH NEXT FROM c INTO @id, @amount;
  END
  CLOSE c; DEALLOCATE c;
END
GO
CREATE PROCEDURE dbo.SyncCustomersRowByRow AS
BEGIN
  DECLARE @id int, @total money;
  DECLARE c CURSOR FOR SELECT CustomerID, SUM(Amount) FROM dbo.Orders GROUP BY CustomerID;
  OPEN c;
  FETCH NEXT FROM c INTO @id, @total;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    IF EXISTS (SELECT 1 FROM dbo.Customer WHERE CustomerID = @id)
      UPDATE dbo.Customer SET Balance = @total WHERE CustomerID = @id;
    ELSE
      INSERT INTO dbo.Customer (CustomerID, Name, Balance) VALUES (@id, N'?', @total);
    FETCH NEXT FROM c INTO @id, @total;
  END
  CLOSE c; DEALLOCATE c;
END
GO
CREATE PROCEDURE dbo.Dynamic @t sysname AS
  EXEC ('SELECT * FROM ' + @t);
GO
CREATE PROCEDURE dbo.RebuildIndexes AS
  ALTER INDEX ALL ON dbo.Orders REBUILD;
GO
CREATE PROCEDURE dbo.AddIndex AS
  CREATE INDEX IX_Orders_Date ON dbo.Orders (OrderDate);
GO
CREATE PROCEDURE dbo.RunAll AS
BEGIN
  EXEC dbo.UpsertTotals;
  EXEC dbo.CopyOrders;
END
GO
CREATE PROCEDURE dbo.OrdersSince @from date = '2020-01-01' AS
  SELECT OrderID, Amount FROM dbo.Orders WHERE OrderDate >= @from;
GO
CREATE FUNCTION dbo.BigCustomers() RETURNS TABLE AS RETURN (SELECT CustomerID FROM dbo.CustomerTotal WHERE Total > 10000);
GO
CREATE FUNCTION dbo.Twice(@x int) RETURNS int AS BEGIN RETURN @x * 2; END
GO
CREATE FUNCTION dbo.OrdersOf(@c int) RETURNS @r TABLE (OrderID int, Amount money) AS
BEGIN
  INSERT INTO @r (OrderID, Amount) SELECT OrderID, Amount FROM dbo.Orders WHERE CustomerID = @c;
  RETURN;
END
GO
CREATE FUNCTION dbo.Ranked() RETURNS @r TABLE (OrderID int, Rnk int) AS
BEGIN
  DECLARE @i int = 0;
  WHILE @i < 3 BEGIN INSERT INTO @r (OrderID, Rnk) VALUES (@i, @i); SET @i += 1; END
  RETURN;
END
GO
CREATE PROCEDURE dbo.BigSpenders @min money = 100 AS
BEGIN
  SELECT CustomerID, SUM(Amount) AS Total INTO #t FROM dbo.Orders GROUP BY CustomerID;
  SELECT c.Name, t.Total FROM #t AS t JOIN dbo.Customer AS c ON c.CustomerID = t.CustomerID WHERE t.Total >= @min;
END
GO
CREATE VIEW dbo.CustomerOrders AS
  SELECT c.CustomerID, c.Name, dbo.Twice(o.OrderID) AS OrderRef FROM dbo.Customer AS c JOIN dbo.Orders AS o ON o.CustomerID = c.CustomerID;
GO
CREATE VIEW dbo.TopCustomers AS
  SELECT co.CustomerID, co.Name FROM dbo.CustomerOrders AS co JOIN dbo.BigCustomers() AS b ON b.CustomerID = co.CustomerID;
GO
CREATE TRIGGER dbo.trgCustomerAudit ON dbo.Customer AFTER UPDATE AS
  INSERT INTO dbo.CustomerAudit (CustomerID, ChangedAt) SELECT CustomerID, GETDATE() FROM inserted;
GO
CREATE TRIGGER dbo.trgOrdersPositive ON dbo.Orders AFTER INSERT, UPDATE AS
  IF EXISTS (SELECT 1 FROM inserted WHERE Amount < 0)
  BEGIN
    RAISERROR('negative amount', 16, 1);
    ROLLBACK TRANSACTION;
  END
GO
`;

const one = (plan: MigrationPlan, objectId: string, pred: (n: PlanNode) => boolean = () => true): PlanNode => {
  const l = plan.nodes.filter((n) => n.objectId === objectId && pred(n));
  if (l.length !== 1) throw new Error(`${objectId}: ${l.length} node(s): ${l.map((n) => n.name).join(', ')}`);
  return l[0]!;
};

describe('planner rules', () => {
  let catalog: Catalog;
  let plan: MigrationPlan;
  beforeAll(async () => {
    catalog = await catalogFromSql(ESTATE);
    plan = planMigration(catalog, { target: 'duckdb' });
  });

  it('the plan is valid and deterministic', () => {
    expect(catalog.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(planErrors(plan)).toEqual([]);
    expect(JSON.stringify(planMigration(catalog, { target: 'duckdb' }))).toBe(JSON.stringify(plan));
    expect(plan.naming.project).toBe('estate');
  });

  it('UPDATE then INSERT … WHERE NOT EXISTS is an upsert: incremental with the guard key', () => {
    const n = one(plan, 'procedure:dbo.UpsertTotals');
    expect(n).toMatchObject({ name: 'customer_total', pattern: 'upsert-update-insert', materialization: 'incremental', replaces: 'table:dbo.CustomerTotal', incremental: { uniqueKey: ['CustomerID'], strategy: 'merge' } });
    expect(n.diagnostics.map((d) => d.code)).toContain('MD4006'); // CustomerKey IDENTITY
    expect(n.reasons.join(' ')).toMatch(/surrogate key/);
    // Readers of the table ref the model, not a staging model (there is none).
    expect(one(plan, 'function:dbo.BigCustomers').dependsOn).toEqual(['customer_total']);
    expect(plan.nodes.filter((x) => x.objectId === 'table:dbo.CustomerTotal').map((x) => x.disposition)).toEqual(['source']);
  });

  it('TRUNCATE + INSERT is a table model; SELECT INTO a new table too', () => {
    expect(one(plan, 'procedure:dbo.CopyOrders')).toMatchObject({ pattern: 'truncate-reload', materialization: 'table', dependsOn: ['stg_estate__orders'] });
    const big = one(plan, 'procedure:dbo.BuildBigOrders');
    expect(big).toMatchObject({ name: 'big_orders', pattern: 'select-into', materialization: 'table', dependsOn: ['stg_estate__orders'] });
    expect(big.replaces).toBeUndefined(); // a table the procedure creates: no loaded rows to compare with
  });

  it('cursor loops: a running total and a row-by-row upsert are recognised', () => {
    const rt = one(plan, 'procedure:dbo.RunningTotals');
    expect(rt).toMatchObject({ pattern: 'set-based-loop', materialization: 'table', replaces: 'table:dbo.RunningBalance' });
    expect(rt.reasons.join(' ')).toMatch(/running total/);
    expect(one(plan, 'procedure:dbo.SyncCustomersRowByRow')).toMatchObject({ pattern: 'row-by-row', materialization: 'incremental', incremental: { uniqueKey: ['CustomerID'] } });
  });

  it('dynamic SQL is manual; administration, DDL-only and orchestration retire', () => {
    const dyn = one(plan, 'procedure:dbo.Dynamic');
    expect(dyn).toMatchObject({ disposition: 'manual' });
    expect(dyn.path).toBeUndefined();
    expect(dyn.diagnostics.map((d) => d.code)).toContain('MD4002');
    expect(one(plan, 'procedure:dbo.RebuildIndexes')).toMatchObject({ disposition: 'retire', pattern: 'administration' });
    expect(one(plan, 'procedure:dbo.AddIndex')).toMatchObject({ disposition: 'retire', pattern: 'ddl-only' });
    const runAll = one(plan, 'procedure:dbo.RunAll');
    expect(runAll).toMatchObject({ disposition: 'retire' });
    expect(runAll.reasons.join(' ')).toMatch(/orchestration/);
  });

  it('a report reading a #temp table: the temp statements travel with the query', () => {
    const n = one(plan, 'procedure:dbo.BigSpenders');
    expect(n).toMatchObject({ disposition: 'model', pattern: 'report', vars: [{ name: 'min', parameter: '@min', default: '100' }] });
    expect(n.statements!.map((x) => `${x.kind}:${x.role}`)).toEqual(['SelectInto:source', 'QueryStmt:query']);
    expect(n.dependsOn).toEqual(['customer', 'stg_estate__orders']);
  });

  it('a report whose parameters all have defaults is a model with vars', () => {
    expect(one(plan, 'procedure:dbo.OrdersSince')).toMatchObject({ disposition: 'model', layer: 'marts', pattern: 'report', vars: [{ name: 'from', parameter: '@from', default: "'2020-01-01'" }] });
  });

  it('functions: scalar → macro, inline TVF without parameters → ephemeral model', () => {
    expect(one(plan, 'function:dbo.Twice')).toMatchObject({ disposition: 'macro', layer: 'macros', path: 'macros/twice.sql' });
    expect(one(plan, 'function:dbo.BigCustomers')).toMatchObject({ disposition: 'model', materialization: 'ephemeral', layer: 'intermediate' });
    const ordersOf = one(plan, 'function:dbo.OrdersOf');
    expect(ordersOf).toMatchObject({ disposition: 'macro', pattern: 'temp-table-chain', dependsOn: ['stg_estate__orders'] });
    expect(ordersOf.statements!.map((x) => x.kind)).toEqual(['Insert']);
    expect(one(plan, 'function:dbo.Ranked')).toMatchObject({ disposition: 'manual' });
  });

  it('views: read by another view → intermediate; the reader depends on macros and ephemeral models it uses', () => {
    // dbo.Customer is upserted row by row by SyncCustomersRowByRow: readers ref that procedure's model.
    expect(one(plan, 'view:dbo.CustomerOrders')).toMatchObject({ layer: 'intermediate', name: 'int_customer_orders', dependsOn: ['customer', 'stg_estate__orders', 'twice'] });
    expect(one(plan, 'view:dbo.TopCustomers')).toMatchObject({ layer: 'marts', dependsOn: ['int_big_customers', 'int_customer_orders'] });
  });

  it('triggers: an audit trail retires, a rejecting rule becomes a singular test', () => {
    const audit = one(plan, 'trigger:dbo.trgCustomerAudit');
    expect(audit).toMatchObject({ disposition: 'retire', pattern: 'logging' });
    const rule = one(plan, 'trigger:dbo.trgOrdersPositive');
    expect(rule).toMatchObject({ disposition: 'test', dependsOn: ['stg_estate__orders'], path: 'tests/trg_orders_positive.sql' });
    expect(rule.tests![0]).toMatchObject({ test: 'singular', arguments: { dialect: 'tsql' } });
    expect(String(rule.tests![0]!.arguments!.sql).replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')')).toBe('SELECT 1 FROM dbo.Orders WHERE Amount < 0');
  });

  it('statements point at the file: line and offset of each', () => {
    const n = one(plan, 'procedure:dbo.UpsertTotals');
    const def = catalog.procedures.find((p) => p.name === 'UpsertTotals')!.definition!;
    expect(n.statements!.map((s) => s.kind)).toEqual(['Update', 'Insert']);
    for (const s of n.statements!) {
      const text = def.slice(s.offset, s.end);
      expect(text).toMatch(/^(UPDATE|INSERT)/);
      const fileLine = ESTATE.split('\n')[s.line - 1]!;
      expect(fileLine.slice(s.col - 1)).toMatch(/^(UPDATE|INSERT)/);
    }
  });

  it('incremental strategies per target', () => {
    const pg = planMigration(catalog, { target: 'postgres' });
    expect(planErrors(pg)).toEqual([]);
    expect(one(pg, 'procedure:dbo.UpsertTotals').incremental!.strategy).toBe('delete+insert');
    const bq = planMigration(catalog, { target: 'bigquery' });
    expect(planErrors(bq)).toEqual([]);
    expect(one(bq, 'procedure:dbo.UpsertTotals').incremental!.strategy).toBe('merge');
    expect(chooseStrategy('snowflake', 'upsert').strategy).toBe('merge');
    expect(chooseStrategy('databricks', 'upsert').strategy).toBe('merge');
    expect(chooseStrategy('fabric', 'upsert').strategy).toBe('delete+insert');
    expect(chooseStrategy('duckdb', 'replace-keys').strategy).toBe('delete+insert');
    const rk = chooseStrategy('bigquery', 'replace-keys');
    expect(rk.strategy).toBe('merge');
    expect(rk.caveat).toBeDefined();
  });

  it('naming overrides apply to names, raw schemas and folders', () => {
    const p = planMigration(catalog, {
      target: 'duckdb',
      naming: { project: 'acme', sourceName: 'erp_{schema}', rawSchema: 'landing', staging: 'base_{table}', intermediate: 'mid_{name}', mart: 'm_{name}', folders: { staging: 'base', intermediate: 'mid', marts: 'final' } },
    });
    expect(planErrors(p)).toEqual([]);
    expect(p.naming).toMatchObject({ project: 'acme', staging: 'base_{table}' });
    expect(one(p, 'table:dbo.Orders', (n) => n.disposition === 'source')).toMatchObject({ name: 'erp_dbo.Orders', raw: { schema: 'landing', sourceName: 'erp_dbo' }, path: 'models/base/erp_dbo/_erp_dbo__sources.yml' });
    expect(one(p, 'table:dbo.Orders', (n) => n.layer === 'staging')).toMatchObject({ name: 'base_orders', path: 'models/base/erp_dbo/base_orders.sql' });
    expect(one(p, 'view:dbo.CustomerOrders')).toMatchObject({ name: 'mid_customer_orders', path: 'models/mid/mid_customer_orders.sql' });
    expect(one(p, 'view:dbo.TopCustomers')).toMatchObject({ name: 'm_top_customers', path: 'models/final/m_top_customers.sql' });
    expect(parseNaming({ stagin: 'x' })).toMatch(/unknown field/);
    expect(parseNaming({ folders: { marts: '../x' } })).toMatch(/relative/);
  });

  it('names longer than PostgreSQL allows are shortened with a hash that keeps them distinct', () => {
    const long = 'stg_adventure_works_dw__fact_additional_international_product_description';
    const a = identifierOf(long);
    const b = identifierOf(`${long}_2`);
    expect(a.length).toBeLessThanOrEqual(MAX_IDENTIFIER);
    expect(a.startsWith('stg_adventure_works_dw__fact_additional_internation')).toBe(true);
    expect(a).toMatch(/_[0-9a-f]{8}$/);
    expect(b).not.toBe(a);
    expect(identifierOf(long)).toBe(a);
    expect(identifierOf('stg_pubs__titles')).toBe('stg_pubs__titles');
  });

  it('--select restricts the plan and pulls in upstream dependencies', () => {
    const p = planMigration(catalog, { target: 'duckdb', select: ['view:dbo.TopCustomers'] });
    expect(planErrors(p)).toEqual([]);
    const ids = new Set(p.nodes.map((n) => n.objectId));
    expect([...ids].sort()).toEqual(['function:dbo.BigCustomers', 'function:dbo.Twice', 'table:dbo.Customer', 'table:dbo.CustomerTotal', 'table:dbo.Orders', 'view:dbo.CustomerOrders', 'view:dbo.TopCustomers']);
    // Without '+', the procedure loading CustomerTotal is not planned: the table stays a plain source + staging.
    expect(one(p, 'function:dbo.BigCustomers').dependsOn).toEqual(['stg_estate__customer_total']);
    const plus = planMigration(catalog, { target: 'duckdb', select: ['+view:dbo.TopCustomers'] });
    expect(planErrors(plus)).toEqual([]);
    expect(plus.nodes.some((n) => n.objectId === 'procedure:dbo.UpsertTotals')).toBe(true);
    expect(one(plus, 'function:dbo.BigCustomers').dependsOn).toEqual(['customer_total']);
    const schemaGlob = planMigration(catalog, { target: 'duckdb', select: ['dbo.Cust*'] });
    expect(schemaGlob.nodes.some((n) => n.objectId === 'view:dbo.CustomerOrders')).toBe(true);
    expect(schemaGlob.nodes.some((n) => n.objectId === 'procedure:dbo.CopyOrders')).toBe(false);
    const none = planMigration(catalog, { target: 'duckdb', select: ['nothing.here', 'bad:x.y'] });
    expect(none.diagnostics.map((d) => d.code).sort()).toEqual(['MD4011', 'MD4012']);
    expect(none.select).toEqual(['nothing.here', 'bad:x.y']);
  });
});

describe('the assessment and conflicting loads', () => {
  it('a duplicate procedure is retired with the assessment; without it the second load of a table is manual (MD4003)', async () => {
    const catalog = await catalogFromSql(ESTATE + `
CREATE PROCEDURE dbo.CopyOrdersAgain AS
BEGIN
  TRUNCATE TABLE dbo.OrderCopy;
  INSERT INTO dbo.OrderCopy (OrderID, Amount) SELECT OrderID, Amount FROM dbo.Orders;
END
GO`);
    const plain = planMigration(catalog, { target: 'duckdb' });
    expect(planErrors(plain)).toEqual([]);
    const second = one(plain, 'procedure:dbo.CopyOrdersAgain');
    expect(second.disposition).toBe('manual');
    expect(second.diagnostics.map((d) => d.code)).toContain('MD4003');
    expect(one(plain, 'procedure:dbo.CopyOrders')).toMatchObject({ disposition: 'model', replaces: 'table:dbo.OrderCopy' });
    const withAssessment = planMigration(catalog, { target: 'duckdb', assessment: assess(catalog) });
    expect(planErrors(withAssessment)).toEqual([]);
    const dup = one(withAssessment, 'procedure:dbo.CopyOrdersAgain');
    expect(dup.disposition).toBe('retire');
    expect(dup.reasons.join(' ')).toMatch(/assessment: duplicate of procedure:dbo.CopyOrders/);
    // "Never referenced" is only a candidate for the assessment: the planner keeps such objects.
    expect(one(withAssessment, 'view:dbo.TopCustomers').disposition).toBe('model');
  });
});

describe('cycles', () => {
  it('procedures loading each other\'s inputs: broken at the first node by name, with MD4001', async () => {
    const catalog = await catalogFromSql(`
CREATE TABLE dbo.A (id int NOT NULL PRIMARY KEY, v int);
GO
CREATE TABLE dbo.B (id int NOT NULL PRIMARY KEY, v int);
GO
CREATE PROCEDURE dbo.LoadA AS BEGIN TRUNCATE TABLE dbo.A; INSERT INTO dbo.A (id, v) SELECT id, v FROM dbo.B; END
GO
CREATE PROCEDURE dbo.LoadB AS BEGIN TRUNCATE TABLE dbo.B; INSERT INTO dbo.B (id, v) SELECT id, v + 1 FROM dbo.A; END
GO`);
    const p = planMigration(catalog, { target: 'duckdb' });
    expect(planErrors(p)).toEqual([]);
    const a = one(p, 'procedure:dbo.LoadA');
    const b = one(p, 'procedure:dbo.LoadB');
    expect(a.name).toBe('a');
    expect(a.diagnostics.map((d) => d.code)).toEqual(['MD4001']);
    expect(a.dependsOn).toEqual(['estate.B']); // reads B from its raw source
    expect(b.dependsOn).toEqual(['a']);
    expect(p.diagnostics.filter((d) => d.code === 'MD4001')).toHaveLength(1);
    expect(JSON.stringify(planMigration(catalog, { target: 'duckdb' }))).toBe(JSON.stringify(p));
  });
});

describe('mssql2dbt plan (CLI)', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'plan-cli-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('reads metadata.json, applies --naming and --select, prints --json, writes the plan', async () => {
    const sql = path.join(tmp, 'estate.sql');
    writeFileSync(sql, ESTATE);
    const meta = path.join(tmp, 'metadata.json');
    const out: string[] = [];
    expect(await main(['extract', sql, '-o', meta], (s) => out.push(s), (s) => out.push(s))).toBe(0);
    const naming = path.join(tmp, 'naming.json');
    writeFileSync(naming, JSON.stringify({ mart: 'fct_{name}' }));
    const lines: string[] = [];
    const code = await main(['plan', meta, '-o', path.join(tmp, 'plan'), '--target', 'postgres', '--naming', naming, '--select', 'dbo.TopCustomers,dbo.CopyOrders', '--json'], (s) => lines.push(s), (s) => lines.push(s));
    expect(code).toBe(0);
    const report = JSON.parse(lines.join('\n')) as { target: string; summary: MigrationPlan['summary']; errors: number };
    expect(report).toMatchObject({ target: 'postgres', errors: 0 });
    const plan = JSON.parse(readFileSync(path.join(tmp, 'plan', 'migration_plan.json'), 'utf8')) as MigrationPlan;
    expect(planErrors(plan)).toEqual([]);
    expect(plan.select).toEqual(['dbo.TopCustomers', 'dbo.CopyOrders']);
    expect(plan.nodes.find((n) => n.objectId === 'view:dbo.TopCustomers')!.name).toBe('fct_top_customers');
    expect(plan.nodes.some((n) => n.objectId === 'procedure:dbo.UpsertTotals')).toBe(false);
  });

  it('usage errors exit 2: unknown target, bad naming file', async () => {
    const err: string[] = [];
    expect(await main(['plan', 'x.sql', '-o', tmp, '--target', 'oracle'], () => {}, (s) => err.push(s))).toBe(2);
    const naming = path.join(tmp, 'bad-naming.json');
    writeFileSync(naming, '{"colour": "red"}');
    expect(await main(['plan', 'x.sql', '-o', tmp, '--naming', naming], () => {}, (s) => err.push(s))).toBe(2);
    expect(err.join('\n')).toMatch(/MD4013/);
  });
});

describe('synthetic estate (bench/synthetic-estate.ts)', () => {
  it('1,500 objects of every pattern: valid, no errors, every procedure pattern recognised', () => {
    const catalog = syntheticEstate(1500);
    const p = planMigration(catalog, { target: 'duckdb' });
    expect(planErrors(p)).toEqual([]);
    expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const pattern of ['truncate-reload', 'insert-select', 'select-into', 'upsert-merge', 'upsert-update-insert', 'upsert-delete-insert', 'scd2', 'report', 'set-based-loop', 'row-by-row', 'logging', 'reseed']) {
      expect(p.summary.byPattern[pattern] ?? 0, pattern).toBeGreaterThan(0);
    }
    // The synthetic #temp chains are each read by one load: CTEs of that load's model, not ephemeral models.
    expect(p.nodes.filter((n) => n.reasons.some((r) => /a CTE inside the model/.test(r))).length).toBeGreaterThan(0);
    expect(p.summary.byDisposition.test).toBeGreaterThan(0);
    expect(p.summary.byDisposition.snapshot).toBeGreaterThan(0);
    expect(JSON.stringify(planMigration(catalog, { target: 'duckdb' }))).toBe(JSON.stringify(p));
  });
});
