/**
 * The catalog of the script corpora (read in place from ../shared/corpus, never copied).
 *
 * Every expected count below was found independently of our parser, with grep over the corpus
 * (commands in the comments, run from ../shared/corpus), and checked by reading the scripts where
 * grep over-counts (comments, temp tables, DDL inside procedures).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractCatalog } from '../../src/catalog/extract.js';
import type { Catalog, Table } from '../../src/catalog/model.js';
import { corpusRoot, hasCorpus } from '../helpers/paths.js';
import { schemaErrors } from './validate-catalog.js';

const extract = async (dir: string): Promise<Catalog> => (await extractCatalog([path.join(corpusRoot, dir)])).catalog;
const table = (c: Catalog, schema: string, name: string): Table => c.tables.find((t) => t.schema === schema && t.name === name)!;
const sum = (c: Catalog, f: (t: Table) => number): number => c.tables.reduce((n, t) => n + f(t), 0);
const names = (list: readonly { schema: string; name: string }[]) => list.map((o) => `${o.schema}.${o.name}`).sort();
const notes = (c: Catalog) => c.diagnostics.filter((d) => d.severity !== 'info');

describe.skipIf(!hasCorpus)('northwind (instnwnd.sql)', () => {
  let c: Catalog;
  beforeAll(async () => {
    c = await extract('northwind');
  });

  it('has 13 tables, 16 views and 7 procedures, cleanly', () => {
    // grep -ciE '^\s*create\s+table' northwind/instnwnd.sql → 13; '^\s*create\s+view' → 16; '^\s*create\s+procedure' → 7
    expect([c.tables.length, c.views.length, c.procedures.length, c.functions.length, c.triggers.length]).toEqual([13, 16, 7, 0, 0]);
    expect(notes(c)).toEqual([]);
    expect(schemaErrors(c)).toEqual([]);
  });

  it('has every key: 13 primary keys, 13 foreign keys, 26 indexes, 8 checks', () => {
    // grep -ci 'PRIMARY KEY' → 13, grep -ci 'FOREIGN KEY' → 13,
    // grep -ciE '^\s*CREATE\s+(UNIQUE\s+)?(NON)?(CLUSTERED\s+)?INDEX' → 26, grep -ciE 'CHECK \(' → 8
    expect(c.tables.filter((t) => t.primaryKey).length).toBe(13);
    expect(sum(c, (t) => t.foreignKeys.length)).toBe(13);
    expect(sum(c, (t) => t.indexes.length)).toBe(26);
    expect(sum(c, (t) => t.checks.length)).toBe(8);
  });

  it('reads Orders exactly as its CREATE TABLE (instnwnd.sql:244) declares it', () => {
    const t = table(c, 'dbo', 'Orders');
    expect(t.location).toEqual({ file: path.join(corpusRoot, 'northwind', 'instnwnd.sql'), line: 244, col: 1 });
    const n = (name: string, type: object, extra: object = {}) => ({ name, type, nullable: true, ...extra });
    expect(t.columns).toEqual([
      { name: 'OrderID', type: { name: 'int' }, nullable: false, identity: { seed: 1, increment: 1 } },
      n('CustomerID', { name: 'nchar', length: 5 }),
      n('EmployeeID', { name: 'int' }),
      n('OrderDate', { name: 'datetime' }),
      n('RequiredDate', { name: 'datetime' }),
      n('ShippedDate', { name: 'datetime' }),
      n('ShipVia', { name: 'int' }),
      n('Freight', { name: 'money' }, { default: '(0)', defaultName: 'DF_Orders_Freight' }),
      n('ShipName', { name: 'nvarchar', length: 40 }),
      n('ShipAddress', { name: 'nvarchar', length: 60 }),
      n('ShipCity', { name: 'nvarchar', length: 15 }),
      n('ShipRegion', { name: 'nvarchar', length: 15 }),
      n('ShipPostalCode', { name: 'nvarchar', length: 10 }),
      n('ShipCountry', { name: 'nvarchar', length: 15 }),
    ]);
    expect(t.primaryKey).toEqual({ name: 'PK_Orders', columns: ['OrderID'], clustered: true });
    const fk = (name: string, col: string, to: string, refCol: string) => ({
      name, columns: [col], referencedTable: { schema: 'dbo', name: to }, referencedColumns: [refCol], onDelete: 'NO ACTION', onUpdate: 'NO ACTION',
    });
    expect(t.foreignKeys).toEqual([
      fk('FK_Orders_Customers', 'CustomerID', 'Customers', 'CustomerID'),
      fk('FK_Orders_Employees', 'EmployeeID', 'Employees', 'EmployeeID'),
      fk('FK_Orders_Shippers', 'ShipVia', 'Shippers', 'ShipperID'),
    ]);
    expect(t.indexes.map((i) => i.name)).toEqual(['CustomerID', 'CustomersOrders', 'EmployeeID', 'EmployeesOrders', 'OrderDate', 'ShippedDate', 'ShippersOrders', 'ShipPostalCode']);
  });

  it('reads "Order Details" with its composite key, defaults and checks', () => {
    const t = table(c, 'dbo', 'Order Details');
    expect(t.primaryKey).toEqual({ name: 'PK_Order_Details', columns: ['OrderID', 'ProductID'], clustered: true });
    expect(t.columns.map((x) => [x.name, x.type?.name, x.nullable, x.default])).toEqual([
      ['OrderID', 'int', false, undefined],
      ['ProductID', 'int', false, undefined],
      ['UnitPrice', 'money', false, '(0)'],
      ['Quantity', 'smallint', false, '(1)'],
      ['Discount', 'real', false, '(0)'],
    ]);
    expect(t.foreignKeys.map((f) => [f.name, f.columns, f.referencedTable.name, f.referencedColumns])).toEqual([
      ['FK_Order_Details_Orders', ['OrderID'], 'Orders', ['OrderID']],
      ['FK_Order_Details_Products', ['ProductID'], 'Products', ['ProductID']],
    ]);
    expect(t.checks).toEqual([
      { name: 'CK_Discount', expression: 'Discount >= 0 and (Discount <= 1)' },
      { name: 'CK_Quantity', expression: 'Quantity > 0' },
      { name: 'CK_UnitPrice', expression: 'UnitPrice >= 0' },
    ]);
  });

  it('knows what the views and procedures read', () => {
    const reads = (from: string) => c.dependencies.filter((d) => d.from.name === from && d.kind === 'reads').map((d) => d.to.name).sort();
    expect(reads('Order Subtotals')).toEqual(['Order Details']);
    expect(reads('Sales by Year')).toEqual(['Order Subtotals', 'Orders']);
    expect(c.procedures.find((p) => p.name === 'CustOrderHist')!.parameters).toEqual([{ name: '@CustomerID', type: { name: 'nchar', length: 5 }, output: false }]);
    expect(c.views.find((v) => v.name === 'Order Subtotals')!.columns.map((x) => x.name)).toEqual(['OrderID', 'Subtotal']);
  });
});

describe.skipIf(!hasCorpus)('pubs (instpubs.sql)', () => {
  let c: Catalog;
  beforeAll(async () => {
    c = await extract('pubs');
  });

  it('has 11 tables, 1 view, 4 procedures, 1 trigger and the 3 sp_addtype alias types', () => {
    // grep -ciE '^\s*create\s+table' → 11, 'create view' → 1, 'create procedure' → 4, 'create trigger' → 1, 'sp_addtype' → 3
    expect([c.tables.length, c.views.length, c.procedures.length, c.triggers.length]).toEqual([11, 1, 4, 1]);
    expect(c.types.map((t) => [t.name, t.kind, t.baseType, t.nullable])).toEqual([
      ['id', 'alias', { name: 'varchar', length: 11 }, false],
      ['tid', 'alias', { name: 'varchar', length: 6 }, false],
      ['empid', 'alias', { name: 'char', length: 9 }, false],
    ]);
    expect(c.sources).toEqual([{ kind: 'scripts', path: path.join(corpusRoot, 'pubs'), database: 'pubs' }]);
    expect(notes(c)).toEqual([]);
    expect(schemaErrors(c)).toEqual([]);
  });

  it('has its keys: 9 primary keys, 10 foreign keys (inline REFERENCES), 7 indexes', () => {
    // grep -ci 'PRIMARY KEY' → 9, grep -ciE '^\s*REFERENCES' → 10,
    // grep -ciE '^\s*CREATE\s+(UNIQUE\s+)?(NON)?(CLUSTERED\s+)?INDEX' → 7 (roysched and discounts have no key)
    expect(c.tables.filter((t) => !t.primaryKey).map((t) => t.name).sort()).toEqual(['discounts', 'roysched']);
    expect(sum(c, (t) => t.foreignKeys.length)).toBe(10);
    expect(sum(c, (t) => t.indexes.length)).toBe(7);
  });

  it('reads authors with its alias-typed key and inline constraints', () => {
    const t = table(c, 'dbo', 'authors');
    expect(t.columns[0]).toEqual({ name: 'au_id', type: { name: 'id', schema: 'dbo' }, nullable: false });
    expect(t.primaryKey).toEqual({ name: 'UPKCL_auidind', columns: ['au_id'], clustered: true });
    expect(t.columns.find((x) => x.name === 'phone')).toEqual({ name: 'phone', type: { name: 'char', length: 12 }, nullable: false, default: "('UNKNOWN')" });
    expect(t.checks.map((x) => x.expression)).toEqual(["au_id like '[0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][0-9][0-9]'", "zip like '[0-9][0-9][0-9][0-9][0-9]'"]);
    const employee = table(c, 'dbo', 'employee');
    expect(employee.primaryKey).toEqual({ name: 'PK_emp_id', columns: ['emp_id'], clustered: false });
    expect(employee.foreignKeys.map((f) => [f.columns[0], f.referencedTable.name, f.referencedColumns[0]])).toEqual([['job_id', 'jobs', 'job_id'], ['pub_id', 'publishers', 'pub_id']]);
  });

  it('reads the trigger on employee and the view titleview', () => {
    const tr = c.triggers[0]!;
    expect(tr).toMatchObject({ schema: 'dbo', name: 'employee_insupd', parent: { schema: 'dbo', name: 'employee', objectKind: 'table' }, timing: 'AFTER', events: ['INSERT', 'UPDATE'] });
    expect(tr.facts).toMatchObject({ usesTransaction: true, usesErrorHandling: true });
    expect(names(tr.facts!.tablesRead)).toEqual(['dbo.employee', 'dbo.jobs']);
    expect(c.dependencies).toContainEqual({ from: { schema: 'dbo', name: 'employee_insupd', objectKind: 'trigger' }, to: { schema: 'dbo', name: 'employee', objectKind: 'table' }, kind: 'triggers-on' });
    const v = c.views[0]!;
    expect(v.location).toMatchObject({ line: 2081 });
    expect(v.columns.map((x) => x.name)).toEqual(['title', 'au_ord', 'au_lname', 'price', 'ytd_sales', 'pub_id']);
    expect(c.dependencies.filter((d) => d.from.name === 'titleview').map((d) => d.to.name).sort()).toEqual(['authors', 'titleauthor', 'titles']);
  });
});

describe.skipIf(!hasCorpus)('AdventureWorksDW (instawdbdw.sql, sqlcmd :setvar script)', () => {
  let c: Catalog;
  beforeAll(async () => {
    c = await extract('adventureworks-dw');
  });

  it('has its 31 tables, 5 views, 3 functions and the DDL trigger', () => {
    // grep -ciE '^\s*create\s+table' → 31, 'create view' → 5, 'create function' → 3, 'create trigger' → 1
    expect([c.tables.length, c.views.length, c.functions.length, c.triggers.length, c.procedures.length]).toEqual([31, 5, 3, 1, 0]);
    expect(c.functions.map((f) => [f.name, f.kind, f.returnType])).toEqual([
      ['udfBuildISO8601Date', 'scalar', { name: 'datetime' }],
      ['udfMinimumDate', 'scalar', { name: 'datetime' }],
      ['udfTwoDigitZeroFill', 'scalar', { name: 'char', length: 2 }],
    ]);
    // `USE $(DatabaseName)` after `:setvar DatabaseName "AdventureWorksDW"`.
    expect(c.sources[0]!.database).toBe('AdventureWorksDW');
    expect(notes(c)).toEqual([]);
    expect(schemaErrors(c)).toEqual([]);
  });

  it('applies the ALTER TABLE … ADD keys: 28 primary keys, 44 foreign keys', () => {
    // grep -ciE 'CONSTRAINT.*PRIMARY KEY' → 28, grep -ciE 'CONSTRAINT.*FOREIGN KEY' → 44 (the other
    // PRIMARY/FOREIGN KEY lines are comments; DatabaseLog, sysdiagrams … carry the PKs on 28 tables).
    expect(c.tables.filter((t) => t.primaryKey).length).toBe(28);
    expect(sum(c, (t) => t.foreignKeys.length)).toBe(44);
    expect(table(c, 'dbo', 'FactInternetSales').primaryKey).toEqual({
      name: 'PK_FactInternetSales_SalesOrderNumber_SalesOrderLineNumber', columns: ['SalesOrderNumber', 'SalesOrderLineNumber'], clustered: true,
    });
    expect(table(c, 'dbo', 'DatabaseLog').primaryKey?.clustered).toBe(false);
  });

  it('reads the database DDL trigger and what it writes', () => {
    const tr = c.triggers[0]!;
    expect(tr).toMatchObject({ name: 'ddlDatabaseTriggerLog', timing: 'AFTER', events: ['DDL_DATABASE_LEVEL_EVENTS'] });
    expect(tr.parent).toBeUndefined();
    expect(names(tr.facts!.tablesWritten)).toEqual(['dbo.DatabaseLog']);
    expect(c.views.map((v) => v.name)).toEqual(['vDMPrep', 'vTimeSeries', 'vTargetMail', 'vAssocSeqOrders', 'vAssocSeqLineItems']);
  });
});

describe.skipIf(!hasCorpus)('WideWorldImportersDW (SSDT project)', () => {
  let c: Catalog;
  beforeAll(async () => {
    c = await extract('wwi-dw');
  });

  it('has 30 tables, 21 procedures, the table-valued function and 8 sequences', () => {
    // grep -rhiE '^\W*CREATE TABLE' --include=*.sql → 31, one of which is `CREATE TABLE #CurrentValue`
    // inside Sequences.ReseedSequenceBeyondTableValues; '^\W*CREATE PROC' → 21; 'CREATE FUNCTION' → 1;
    // 'CREATE SEQUENCE' → 8.
    expect([c.tables.length, c.procedures.length, c.functions.length, c.sequences.length, c.views.length]).toEqual([30, 21, 1, 8, 0]);
    expect(c.functions[0]).toMatchObject({ schema: 'Integration', name: 'GenerateDateDimensionColumns', kind: 'inline-table', parameters: [{ name: '@Date', type: { name: 'date' }, output: false }] });
    // grep -cE 'AS \[[^]]+\]' Integration/Functions/GenerateDateDimensionColumns.sql → 62 distinct aliases.
    expect(c.functions[0]!.resultColumns?.length).toBe(62);
    expect(names(c.sequences)).toEqual([
      'Sequences.CityKey', 'Sequences.CustomerKey', 'Sequences.EmployeeKey', 'Sequences.LineageKey', 'Sequences.PaymentMethodKey',
      'Sequences.StockItemKey', 'Sequences.SupplierKey', 'Sequences.TransactionTypeKey',
    ]);
    expect(c.sequences[0]).toMatchObject({ type: { name: 'int' }, start: '1', increment: '1', cycle: false });
    expect(c.sources[0]).toMatchObject({ kind: 'sqlproj', database: 'WideWorldImportersDW' });
    expect(schemaErrors(c)).toEqual([]);
  });

  it('has every key, index, option and description', () => {
    // grep -rhciE 'CONSTRAINT.*PRIMARY KEY' → 30 (one inside Configuration_PopulateLargeSaleTable's
    // body); 'CONSTRAINT.*FOREIGN KEY' → 29; '^\W*CREATE\s+.*INDEX' → 51, 6 of them in that procedure.
    expect(c.tables.filter((t) => t.primaryKey).length).toBe(29);
    expect(sum(c, (t) => t.foreignKeys.length)).toBe(29);
    expect(sum(c, (t) => t.indexes.length)).toBe(45);
    // grep -rli 'MEMORY_OPTIMIZED = ON' --include=*.sql → 12 files, all staging tables.
    expect(c.tables.filter((t) => t.options?.includes('memory-optimized')).length).toBe(12);
    // 283 sp_addextendedproperty calls: 8 on schemas and 9 on indexes have no catalog field; the
    // other 266 describe tables and columns (WWI names the property `Description`, not MS_Description).
    expect(sum(c, (t) => (t.description ? 1 : 0) + t.columns.filter((x) => x.description).length)).toBe(266);
    const cust = table(c, 'Dimension', 'Customer');
    expect(cust.location).toEqual({ file: path.join(corpusRoot, 'wwi-dw', 'Dimension', 'Tables', 'Customer.sql'), line: 1, col: 1 });
    expect(cust.description).toBe('Customer dimension');
    expect(cust.columns[0]).toEqual({
      name: 'Customer Key', type: { name: 'int' }, nullable: false, default: '(NEXT VALUE FOR [Sequences].[CustomerKey])',
      defaultName: 'DF_Dimension_Customer_Customer_Key', description: 'DW key for the customer dimension',
    });
  });

  it('shows each MigrateStaged*Data procedure reading its staging table and writing its dimension or fact table', () => {
    const targets: Record<string, string> = {
      City: 'Dimension.City', Customer: 'Dimension.Customer', Employee: 'Dimension.Employee', PaymentMethod: 'Dimension.Payment Method',
      StockItem: 'Dimension.Stock Item', Supplier: 'Dimension.Supplier', TransactionType: 'Dimension.Transaction Type',
      Movement: 'Fact.Movement', Order: 'Fact.Order', Purchase: 'Fact.Purchase', Sale: 'Fact.Sale', StockHolding: 'Fact.Stock Holding',
      Transaction: 'Fact.Transaction',
    };
    const migrate = c.procedures.filter((p) => /^MigrateStaged.*Data$/.test(p.name));
    expect(migrate).toHaveLength(13);
    const edge = (from: string, kind: string, to: string) =>
      c.dependencies.some((d) => d.from.schema === 'Integration' && d.from.name === from && d.kind === kind && `${d.to.schema}.${d.to.name}` === to && d.to.objectKind === 'table');
    for (const [entity, target] of Object.entries(targets)) {
      const proc = `MigrateStaged${entity}Data`;
      expect(edge(proc, 'reads', `Integration.${entity}_Staging`), `${proc} reads its staging table`).toBe(true);
      expect(edge(proc, 'writes', target), `${proc} writes ${target}`).toBe(true);
      const p = c.procedures.find((x) => x.name === proc)!;
      expect(p.facts).toMatchObject({ usesTransaction: true, usesDynamicSql: false });
      expect(names(p.facts!.tablesWritten)).toContain(target);
    }
    // `UPDATE c … FROM Dimension.Customer AS c`: the alias is resolved, CTE RowsToCloseOff is not a table.
    const cust = c.procedures.find((p) => p.name === 'MigrateStagedCustomerData')!;
    expect(names(cust.facts!.tablesWritten)).toEqual(['Dimension.Customer', 'Integration.ETL Cutoff', 'Integration.Lineage']);
    expect(names(cust.facts!.tablesRead)).toEqual(['Integration.Customer_Staging', 'Integration.ETL Cutoff', 'Integration.Lineage']);
    expect(c.procedures.find((p) => p.name === 'MigrateStagedMovementData')!.facts?.usesMerge).toBe(true);
  });

  it('marks dynamic SQL opaque and reports the one procedure the project does not contain', () => {
    const reseed = c.procedures.find((p) => p.name === 'ReseedSequenceBeyondTableValues')!;
    expect(reseed.facts).toMatchObject({ usesDynamicSql: true, dynamicSqlOpaque: true, tempTables: ['#CurrentValue'] });
    expect(c.diagnostics.filter((d) => d.code === 'MD2035').length).toBe(2);
    // Configuration_PopulateLargeSaleTable EXECs [Application].Configuration_ApplyPartitionedColumnstoreIndexing,
    // which no file of the project creates (grep -rl 'CREATE PROCEDURE.*ApplyPartitioned' → nothing).
    expect(notes(c).map((d) => `${d.code} ${path.basename(d.span?.file ?? '')}:${d.span?.line}`)).toEqual(['MD2030 Configuration_PopulateLargeSaleTable.sql:13']);
    expect(c.dependencies).toContainEqual({
      from: { schema: 'Application', name: 'Configuration_PopulateLargeSaleTable', objectKind: 'procedure' },
      to: { schema: 'Application', name: 'Configuration_ApplyPartitionedColumnstoreIndexing' },
      kind: 'calls',
    });
    expect(c.dependencies).toContainEqual({
      from: { schema: 'Integration', name: 'PopulateDateDimensionForYear', objectKind: 'procedure' },
      to: { schema: 'Integration', name: 'GenerateDateDimensionColumns', objectKind: 'function' },
      kind: 'reads',
    });
  });
});
