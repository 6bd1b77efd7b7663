import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeCatalog } from '../../src/catalog/dependencies.js';
import { extractCatalog } from '../../src/catalog/extract.js';
import { emptyCatalog, type Catalog } from '../../src/catalog/model.js';
import { ScriptCatalogBuilder } from '../../src/catalog/scripts.js';
import { schemaErrors } from './validate-catalog.js';

/** Builds a catalog from in-memory scripts, as a folder of files would. */
function catalogOf(...scripts: string[]): Catalog {
  const catalog = emptyCatalog();
  const b = new ScriptCatalogBuilder();
  scripts.forEach((text, i) => b.addScript({ file: `s${i + 1}.sql`, text }));
  const db = b.database;
  catalog.sources.push({ kind: 'scripts', path: 'mem', ...(db ? { database: db } : {}) });
  const modules = b.finish(catalog);
  analyzeCatalog(catalog, modules);
  expect(schemaErrors(catalog)).toEqual([]);
  return catalog;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mssql2dbt-scripts-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('tables from scripts', () => {
  it('reads columns, identity, defaults, computed columns, collation and keys', () => {
    const c = catalogOf(`
CREATE TABLE Sales.Orders (
  Id int IDENTITY(100, 5) NOT NULL CONSTRAINT PK_Orders PRIMARY KEY NONCLUSTERED,
  Code varchar(10) COLLATE Latin1_General_CS_AS NOT NULL UNIQUE,
  Amount decimal(18, 2) NULL CONSTRAINT DF_Amount DEFAULT (0),
  Note nvarchar(max),
  Total AS (Amount * 2) PERSISTED,
  At datetime2(3) NOT NULL DEFAULT getdate(),
  CustomerId int REFERENCES Sales.Customers (Id) ON DELETE CASCADE,
  CONSTRAINT CK_Amount CHECK (Amount >= 0)
);
CREATE TABLE Sales.Customers (Id int NOT NULL PRIMARY KEY, Name nvarchar(50) NOT NULL);
`);
    const t = c.tables.find((x) => x.name === 'Orders')!;
    expect(t.schema).toBe('Sales');
    expect(t.location).toEqual({ file: 's1.sql', line: 2, col: 1 });
    expect(t.definition).toMatch(/^CREATE TABLE Sales\.Orders \([\s\S]*\)$/);
    expect(t.columns).toEqual([
      { name: 'Id', type: { name: 'int' }, nullable: false, identity: { seed: 100, increment: 5 } },
      { name: 'Code', type: { name: 'varchar', length: 10 }, nullable: false, collation: 'Latin1_General_CS_AS' },
      { name: 'Amount', type: { name: 'decimal', precision: 18, scale: 2 }, nullable: true, default: '(0)', defaultName: 'DF_Amount' },
      { name: 'Note', type: { name: 'nvarchar', max: true }, nullable: true },
      { name: 'Total', nullable: true, computed: { expression: '(Amount * 2)', persisted: true } },
      { name: 'At', type: { name: 'datetime2', scale: 3 }, nullable: false, default: 'getdate()' },
      { name: 'CustomerId', type: { name: 'int' }, nullable: true },
    ]);
    expect(t.primaryKey).toEqual({ name: 'PK_Orders', columns: ['Id'], clustered: false });
    expect(t.uniqueKeys).toEqual([{ columns: ['Code'], clustered: false }]);
    expect(t.checks).toEqual([{ name: 'CK_Amount', expression: 'Amount >= 0' }]);
    expect(t.foreignKeys).toEqual([
      { columns: ['CustomerId'], referencedTable: { schema: 'Sales', name: 'Customers' }, referencedColumns: ['Id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION' },
    ]);
    expect(c.dependencies).toContainEqual({ from: { schema: 'Sales', name: 'Orders', objectKind: 'table' }, to: { schema: 'Sales', name: 'Customers', objectKind: 'table' }, kind: 'references' });
  });

  it('applies ALTER TABLE, DEFAULT … FOR, CREATE INDEX and descriptions from any file, in any order', () => {
    const c = catalogOf(
      `CREATE UNIQUE NONCLUSTERED INDEX IX_T_Name ON dbo.T (Name DESC) INCLUDE (Id) WHERE Name IS NOT NULL;
       EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'The T table', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'T';
       EXEC sp_addextendedproperty N'MS_Description', N'Its name', N'SCHEMA', N'dbo', N'TABLE', N'T', N'COLUMN', N'Name';`,
      `CREATE TABLE [dbo].[T] ([Id] [int] NOT NULL, [Name] [nvarchar](20) NULL, [Old] int NULL)
       GO
       ALTER TABLE [dbo].[T] WITH CHECK ADD CONSTRAINT [PK_T] PRIMARY KEY CLUSTERED ([Id] ASC)
       ALTER TABLE [dbo].[T] ADD CONSTRAINT [DF_T_Name] DEFAULT (N'x') FOR [Name]
       ALTER TABLE [dbo].[T] ADD [Extra] bit NOT NULL
       ALTER TABLE [dbo].[T] DROP COLUMN [Old]
       CREATE CLUSTERED COLUMNSTORE INDEX CCI ON dbo.Other;`,
    );
    const t = c.tables[0]!;
    expect(t.primaryKey).toEqual({ name: 'PK_T', columns: ['Id'], clustered: true });
    expect(t.columns.map((x) => x.name)).toEqual(['Id', 'Name', 'Extra']);
    expect(t.columns[1]).toMatchObject({ default: "(N'x')", defaultName: 'DF_T_Name', description: 'Its name' });
    expect(t.description).toBe('The T table');
    expect(t.indexes).toEqual([{ name: 'IX_T_Name', clustered: false, unique: true, columns: [{ name: 'Name', descending: true }], includedColumns: ['Id'], filter: 'Name IS NOT NULL' }]);
    // The index on a table no script creates is reported, not invented.
    expect(c.diagnostics.map((d) => d.code)).toContain('MD2032');
  });

  it('keeps the last CREATE and ignores DROP statements of install scripts', () => {
    const c = catalogOf(`
if exists (select * from sysobjects where id = object_id('dbo.T') and sysstat & 0xf = 3)
  drop table "dbo"."T"
GO
CREATE TABLE dbo.T (a int)
GO
ALTER TABLE dbo.T ADD CONSTRAINT DF_a DEFAULT (1) FOR a
GO
DROP TABLE dbo.T
GO
CREATE TABLE dbo.T (a int NOT NULL, b int)
GO
CREATE INDEX IX_b ON dbo.T (b)
`);
    expect(c.tables).toHaveLength(1);
    const t = c.tables[0]!;
    expect(t.columns).toEqual([{ name: 'a', type: { name: 'int' }, nullable: false }, { name: 'b', type: { name: 'int' }, nullable: true }]);
    expect(t.indexes.map((i) => i.name)).toEqual(['IX_b']);
    expect(t.location).toMatchObject({ line: 11 });
    expect(c.diagnostics.filter((d) => d.code === 'MD2031')).toHaveLength(1);
  });

  it('reads alias types (sp_addtype, CREATE TYPE) and lets them decide column nullability', () => {
    const c = catalogOf(`
EXEC sp_addtype id, 'varchar(11)', 'NOT NULL'
EXEC sp_addtype @typename = flag, @phystype = 'bit'
GO
CREATE TYPE dbo.Amount FROM decimal(19, 4) NULL;
CREATE TYPE dbo.IdList AS TABLE (Id int NOT NULL PRIMARY KEY);
GO
CREATE TABLE t (a id, b flag, c dbo.Amount NOT NULL, d id NULL)
`);
    expect(c.types.map((t) => [t.name, t.kind, t.baseType, t.nullable])).toEqual([
      ['id', 'alias', { name: 'varchar', length: 11 }, false],
      ['flag', 'alias', { name: 'bit' }, true],
      ['Amount', 'alias', { name: 'decimal', precision: 19, scale: 4 }, true],
      ['IdList', 'table', undefined, undefined],
    ]);
    expect(c.types[3]!.columns).toEqual([{ name: 'Id', type: { name: 'int' }, nullable: false }]);
    expect(c.tables[0]!.columns.map((x) => [x.name, x.type, x.nullable])).toEqual([
      ['a', { name: 'id', schema: 'dbo' }, false],
      ['b', { name: 'flag', schema: 'dbo' }, true],
      ['c', { name: 'Amount', schema: 'dbo' }, false],
      ['d', { name: 'id', schema: 'dbo' }, true],
    ]);
  });
});

describe('modules from scripts', () => {
  const c = catalogOf(
    `CREATE TABLE dbo.Src (Id int NOT NULL, Name nvarchar(40) NULL);
     CREATE TABLE dbo.Dst (Id int NOT NULL);
     GO
     CREATE SEQUENCE dbo.Seq AS bigint START WITH 10 INCREMENT BY 2 MINVALUE 1 MAXVALUE 1000 CYCLE CACHE 50;
     GO
     CREATE SYNONYM dbo.Remote FOR OtherDb.dbo.Thing;`,
    `CREATE VIEW dbo.V AS SELECT s.Id, s.Name AS Label, CAST(1 AS tinyint) AS One FROM dbo.Src AS s
     GO
     CREATE VIEW dbo.VStar (A, B) AS SELECT * FROM dbo.Src
     GO
     CREATE FUNCTION dbo.Inline (@id int) RETURNS TABLE AS RETURN (SELECT * FROM dbo.V WHERE Id = @id)
     GO
     CREATE FUNCTION dbo.Multi (@n int = 3) RETURNS @r TABLE (k int NOT NULL, v nvarchar(10)) AS BEGIN INSERT @r SELECT Id, Name FROM dbo.Src; RETURN; END
     GO
     CREATE FUNCTION dbo.Scalar (@x int) RETURNS decimal(9, 2) AS BEGIN RETURN (SELECT COUNT(*) FROM dbo.Src) END
     GO
     CREATE PROCEDURE dbo.Load @from datetime2(7) = NULL, @rows int OUTPUT
     AS
     INSERT dbo.Dst (Id) SELECT Id FROM dbo.Src CROSS APPLY dbo.Inline(Id) AS i WHERE dbo.Scalar(Id) > 0;
     SELECT * FROM OtherDb.dbo.Far; SELECT * FROM [LinkedSrv].Db.dbo.Farther; SELECT * FROM dbo.Missing;
     SET @rows = NEXT VALUE FOR dbo.Seq;
     EXEC dbo.Child; EXEC sp_send_dbmail;
     GO
     CREATE PROC dbo.Child AS SELECT 1
     GO
     CREATE TRIGGER trgDst ON dbo.Dst INSTEAD OF DELETE AS DELETE d FROM dbo.Dst AS d JOIN deleted AS x ON x.Id = d.Id
     GO
     CREATE TRIGGER ddl ON DATABASE FOR CREATE_TABLE, ALTER_TABLE AS INSERT dbo.Dst (Id) VALUES (1)`,
  );

  it('reads views with inferred result columns', () => {
    expect(c.views.find((v) => v.name === 'V')!.columns).toEqual([
      { name: 'Id', type: { name: 'int' }, nullable: false },
      { name: 'Label', type: { name: 'nvarchar', length: 40 }, nullable: true },
      { name: 'One', type: { name: 'tinyint' } },
    ]);
    expect(c.views.find((v) => v.name === 'VStar')!.columns.map((x) => x.name)).toEqual(['A', 'B']);
    expect(c.views.find((v) => v.name === 'V')!.location).toEqual({ file: 's2.sql', line: 1, col: 1 });
  });

  it('reads functions of every kind with parameters, return types and result columns', () => {
    const f = (n: string) => c.functions.find((x) => x.name === n)!;
    expect(f('Inline').kind).toBe('inline-table');
    expect(f('Inline').resultColumns?.map((x) => x.name)).toEqual(['Id', 'Label', 'One']);
    expect(f('Multi')).toMatchObject({ kind: 'multi-statement-table', parameters: [{ name: '@n', type: { name: 'int' }, default: '3', output: false }] });
    expect(f('Multi').resultColumns).toEqual([{ name: 'k', type: { name: 'int' }, nullable: false }, { name: 'v', type: { name: 'nvarchar', length: 10 }, nullable: true }]);
    expect(f('Scalar')).toMatchObject({ kind: 'scalar', returnType: { name: 'decimal', precision: 9, scale: 2 } });
    expect(f('Scalar').facts?.tablesRead).toEqual([{ schema: 'dbo', name: 'Src', objectKind: 'table' }]);
  });

  it('reads procedures with parameters, facts and edges', () => {
    const p = c.procedures.find((x) => x.name === 'Load')!;
    expect(p.parameters).toEqual([
      { name: '@from', type: { name: 'datetime2', scale: 7 }, default: 'NULL', output: false },
      { name: '@rows', type: { name: 'int' }, output: true },
    ]);
    expect(p.definition).toMatch(/^CREATE PROCEDURE dbo\.Load[\s\S]*EXEC sp_send_dbmail;$/);
    expect(p.facts?.tablesWritten).toEqual([{ schema: 'dbo', name: 'Dst', objectKind: 'table' }]);
    expect(p.facts?.tablesRead).toEqual([
      { schema: 'dbo', name: 'Src', objectKind: 'table' },
      { schema: 'dbo', name: 'Inline', objectKind: 'function' },
      { schema: 'dbo', name: 'Far', database: 'OtherDb' },
      { schema: 'dbo', name: 'Farther', database: 'Db', server: 'LinkedSrv' },
      { schema: 'dbo', name: 'Missing' },
    ]);
    expect(p.facts?.calls).toEqual([{ schema: 'dbo', name: 'Child', objectKind: 'procedure' }, { schema: 'sys', name: 'sp_send_dbmail' }]);
    const from = { schema: 'dbo', name: 'Load', objectKind: 'procedure' };
    const edges = c.dependencies.filter((d) => d.from.name === 'Load');
    expect(edges).toEqual(expect.arrayContaining([
      { from, to: { schema: 'dbo', name: 'Dst', objectKind: 'table' }, kind: 'writes' },
      { from, to: { schema: 'dbo', name: 'Src', objectKind: 'table' }, kind: 'reads' },
      { from, to: { schema: 'dbo', name: 'Inline', objectKind: 'function' }, kind: 'reads' },
      { from, to: { schema: 'dbo', name: 'Scalar', objectKind: 'function' }, kind: 'calls' },
      { from, to: { schema: 'dbo', name: 'Child', objectKind: 'procedure' }, kind: 'calls' },
      { from, to: { schema: 'dbo', name: 'Seq', objectKind: 'sequence' }, kind: 'uses' },
      { from, to: { schema: 'dbo', name: 'Far', database: 'OtherDb' }, kind: 'reads', external: { database: 'OtherDb' } },
      { from, to: { schema: 'dbo', name: 'Farther', database: 'Db', server: 'LinkedSrv' }, kind: 'reads', external: { database: 'Db', server: 'LinkedSrv' } },
      { from, to: { schema: 'dbo', name: 'Missing' }, kind: 'reads' },
    ]));
    expect(edges.some((d) => d.to.name === 'sp_send_dbmail')).toBe(false);
    const unresolved = c.diagnostics.filter((d) => d.code === 'MD2030');
    expect(unresolved.map((d) => d.message)).toEqual(['procedure [dbo].[Load] refers to dbo.Missing, which is not in the catalog']);
    expect(unresolved[0]!.span).toMatchObject({ file: 's2.sql', line: 14 });
  });

  it('reads DML and DDL triggers, sequences and synonyms', () => {
    const t = c.triggers.find((x) => x.name === 'trgDst')!;
    expect(t).toMatchObject({ schema: 'dbo', parent: { schema: 'dbo', name: 'Dst', objectKind: 'table' }, timing: 'INSTEAD OF', events: ['DELETE'] });
    expect(t.facts?.tablesWritten).toEqual([{ schema: 'dbo', name: 'Dst', objectKind: 'table' }]);
    expect(c.dependencies).toContainEqual({ from: { schema: 'dbo', name: 'trgDst', objectKind: 'trigger' }, to: { schema: 'dbo', name: 'Dst', objectKind: 'table' }, kind: 'triggers-on' });
    const ddl = c.triggers.find((x) => x.name === 'ddl')!;
    expect(ddl.parent).toBeUndefined();
    expect(ddl.events).toEqual(['CREATE_TABLE', 'ALTER_TABLE']);
    expect(c.sequences[0]).toMatchObject({ name: 'Seq', type: { name: 'bigint' }, start: '10', increment: '2', minValue: '1', maxValue: '1000', cycle: true, cache: 50 });
    expect(c.synonyms[0]).toMatchObject({ name: 'Remote', target: { schema: 'dbo', name: 'Thing', database: 'OtherDb' } });
  });

  it('treats 3-part names in the database the scripts USE as local', () => {
    const local = catalogOf('USE Shop\nGO\nCREATE TABLE dbo.A (x int)\nGO\nCREATE VIEW dbo.V AS SELECT x FROM Shop.dbo.A');
    expect(local.dependencies.find((d) => d.from.name === 'V')).toEqual({ from: { schema: 'dbo', name: 'V', objectKind: 'view' }, to: { schema: 'dbo', name: 'A', objectKind: 'table' }, kind: 'reads' });
  });

  it('resolves one-part names in the routine schema first, then dbo', () => {
    const s = catalogOf('CREATE TABLE App.T (x int)\nCREATE TABLE dbo.U (x int)\nGO\nCREATE PROCEDURE App.P AS SELECT * FROM T JOIN U ON 1 = 1');
    expect(s.procedures[0]!.facts?.tablesRead).toEqual([{ schema: 'App', name: 'T', objectKind: 'table' }, { schema: 'dbo', name: 'U', objectKind: 'table' }]);
  });
});

describe('extractCatalog over files', () => {
  it('reads a folder in any order, points locations at the real files and merges inputs', async () => {
    const dir = path.join(tmp, 'folder');
    fs.mkdirSync(path.join(dir, 'b'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'a_index.sql'), 'CREATE INDEX IX ON dbo.T (x);\n');
    fs.writeFileSync(path.join(dir, 'b', 'table.sql'), '\n\nCREATE TABLE dbo.T (x int);\n');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not sql');
    const other = path.join(tmp, 'more.sql');
    fs.writeFileSync(other, ':setvar Src dbo.T\nCREATE VIEW dbo.V AS SELECT x FROM $(Src);\n');
    const { catalog, diagnostics } = await extractCatalog([dir, other]);
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(catalog.tables[0]!.indexes.map((i) => i.name)).toEqual(['IX']);
    expect(catalog.tables[0]!.location).toEqual({ file: path.join(dir, 'b', 'table.sql'), line: 3, col: 1 });
    expect(catalog.views[0]!.definition).toBe('CREATE VIEW dbo.V AS SELECT x FROM dbo.T');
    expect(catalog.dependencies).toContainEqual({ from: { schema: 'dbo', name: 'V', objectKind: 'view' }, to: { schema: 'dbo', name: 'T', objectKind: 'table' }, kind: 'reads' });
    expect(catalog.sources.map((s) => s.kind)).toEqual(['scripts', 'scripts']);
  });

  it('reports missing inputs, corrupt packages and bad connections without throwing', async () => {
    const bad = path.join(tmp, 'broken.dacpac');
    fs.writeFileSync(bad, 'not a zip');
    const good = path.join(tmp, 'good.sql');
    fs.writeFileSync(good, 'CREATE TABLE dbo.Kept (x int);');
    const { catalog, diagnostics } = await extractCatalog([path.join(tmp, 'nope'), bad, 'Server=;Database=x', good]);
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['MD2033', 'MD2001', 'MD2024']);
    expect(catalog.tables.map((t) => t.name)).toEqual(['Kept']);
  });

  it('keeps the later of two inputs that describe the same object', async () => {
    const a = path.join(tmp, 'dup-a.sql');
    const b = path.join(tmp, 'dup-b.sql');
    fs.writeFileSync(a, 'CREATE TABLE dbo.D (a int);');
    fs.writeFileSync(b, 'CREATE TABLE dbo.D (b int);');
    const { catalog, diagnostics } = await extractCatalog([a, b]);
    expect(catalog.tables.map((t) => t.columns[0]!.name)).toEqual(['b']);
    expect(diagnostics.map((d) => d.code)).toEqual(['MD2037']);
  });
});

describe('the AST pass over package and live modules', () => {
  it('parses their definitions and refines neutral `uses` edges into reads/writes', () => {
    const catalog = emptyCatalog();
    const location = { package: 'x.dacpac', part: 'model.xml' };
    catalog.tables.push({ schema: 'dbo', name: 'A', location, columns: [], uniqueKeys: [], foreignKeys: [], checks: [], indexes: [] });
    catalog.tables.push({ schema: 'dbo', name: 'B', location, columns: [], uniqueKeys: [], foreignKeys: [], checks: [], indexes: [] });
    catalog.procedures.push({ schema: 'dbo', name: 'P', location, parameters: [], definition: 'CREATE PROCEDURE dbo.P AS INSERT dbo.A SELECT * FROM dbo.B JOIN dbo.Gone ON 1 = 1' });
    const from = { schema: 'dbo', name: 'P', objectKind: 'procedure' as const };
    catalog.dependencies.push(
      { from, to: { schema: 'dbo', name: 'A', objectKind: 'table' }, kind: 'uses' },
      { from, to: { schema: 'dbo', name: 'B', objectKind: 'table' }, kind: 'uses' },
      { from, to: { schema: 'dbo', name: 'SomeType', objectKind: 'type' }, kind: 'uses' },
    );
    analyzeCatalog(catalog);
    expect(catalog.dependencies.map((d) => `${d.kind} ${d.to.name}`).sort()).toEqual(['reads B', 'reads Gone', 'uses SomeType', 'writes A']);
    expect(catalog.procedures[0]!.facts?.tablesWritten.map((t) => t.name)).toEqual(['A']);
    // No file to point at: the diagnostic names the object instead.
    const d = catalog.diagnostics.find((x) => x.code === 'MD2030')!;
    expect(d.message).toBe('procedure [dbo].[P] refers to dbo.Gone, which is not in the catalog');
    expect(d.span).toBeUndefined();
  });
});
