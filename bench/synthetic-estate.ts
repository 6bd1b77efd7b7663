/**
 * A synthetic SQL Server estate as a catalog, for the planner and dbt-writer benchmarks (and tests
 * that want a big estate): tables with keys, identity and sequence defaults; views over tables and
 * other views; procedures of every pattern the planner recognises (truncate-reload, INSERT … SELECT,
 * SELECT INTO, MERGE, UPDATE + INSERT, keyed DELETE + INSERT, SCD type 2, #temp chains, reports with
 * and without parameters, date-dimension loops, cursors, logging, reseeding, dynamic SQL); scalar and
 * table-valued functions; audit and rule triggers; sequences. Objects carry real T-SQL definitions
 * and `analyzeCatalog` (the catalog stage) derives dependencies and routine facts from them, so the
 * catalog is what `extract` would produce for such scripts. Deterministic for a given size.
 */
import { analyzeCatalog } from '../src/catalog/dependencies.js';
import { emptyCatalog, type Catalog, type Column, type Table } from '../src/catalog/model.js';

export interface EstateMix {
  readonly tables: number;
  readonly views: number;
  readonly procedures: number;
  readonly functions: number;
  readonly triggers: number;
  readonly sequences: number;
}

/** 45 % tables, 25 % views, 20 % procedures, 5 % functions, 3 % triggers, 2 % sequences. */
export function mixFor(objects: number): EstateMix {
  const views = Math.floor(objects * 0.25);
  const procedures = Math.floor(objects * 0.2);
  const functions = Math.floor(objects * 0.05);
  const triggers = Math.floor(objects * 0.03);
  const sequences = Math.floor(objects * 0.02);
  return { tables: objects - views - procedures - functions - triggers - sequences, views, procedures, functions, triggers, sequences };
}

const SCHEMAS = ['Sales', 'Stock', 'Finance', 'dbo'];

/** The procedure patterns, cycled in this order. */
export const PROCEDURE_KINDS = [
  'truncate-reload', 'insert-select', 'select-into', 'merge', 'update-insert', 'delete-insert', 'scd2', 'temp-chain',
  'report-params', 'report', 'date-loop', 'cursor-upsert', 'logging', 'reseed', 'dynamic',
] as const;

export function syntheticEstate(objects = 10_000): Catalog {
  const mix = mixFor(objects);
  const c = emptyCatalog();
  c.sources.push({ kind: 'scripts', path: 'synthetic', database: 'Synthetic' });
  const schema = (i: number): string => SCHEMAS[i % SCHEMAS.length]!;
  const loc = (i: number) => ({ file: `synthetic/${i}.sql`, line: 1, col: 1 });
  let at = 0;
  // Procedure i loads table i (the first `procedures` tables are targets); the rest are inputs.
  const inputs = Math.max(1, mix.tables - mix.procedures);
  const tname = (i: number): string => `[${schema(i)}].[T${i}]`;
  const input = (k: number): number => mix.procedures + (k % inputs);

  for (let s = 0; s < mix.sequences; s++) {
    c.sequences.push({ schema: 'dbo', name: `Seq${s}`, location: loc(at++), type: { name: 'int' }, start: '1', increment: '1', cycle: false, definition: `CREATE SEQUENCE dbo.Seq${s} AS int START WITH 1 INCREMENT BY 1;` });
  }
  for (let i = 0; i < mix.tables; i++) {
    const s = schema(i);
    const seq = mix.sequences && i % 7 === 0 ? `dbo.Seq${i % mix.sequences}` : undefined;
    const columns: Column[] = [
      seq ? { name: 'Key', type: { name: 'int' }, nullable: false, default: `(NEXT VALUE FOR ${seq})` } : { name: 'Key', type: { name: 'int' }, nullable: false, identity: { seed: 1, increment: 1 } },
      { name: 'Id', type: { name: 'int' }, nullable: false },
      { name: 'ParentId', type: { name: 'int' }, nullable: true },
      { name: 'Name', type: { name: 'nvarchar', length: 100 }, nullable: true },
      { name: 'Amount', type: { name: 'decimal', precision: 18, scale: 2 }, nullable: false },
      { name: 'ValidFrom', type: { name: 'datetime2' }, nullable: true },
      { name: 'ValidTo', type: { name: 'datetime2' }, nullable: true },
      { name: 'ModifiedDate', type: { name: 'datetime' }, nullable: true },
    ];
    const t: Table = {
      schema: s, name: `T${i}`, location: loc(at++),
      definition: `CREATE TABLE ${tname(i)} ([Key] INT NOT NULL, [Id] INT NOT NULL PRIMARY KEY, [ParentId] INT NULL, [Name] NVARCHAR(100) NULL, [Amount] DECIMAL(18,2) NOT NULL, [ValidFrom] DATETIME2 NULL, [ValidTo] DATETIME2 NULL, [ModifiedDate] DATETIME NULL);`,
      columns, primaryKey: { columns: ['Id'], clustered: true }, uniqueKeys: [], foreignKeys: [], checks: [], indexes: [],
    };
    c.tables.push(t);
  }
  // A few bookkeeping tables the ETL procedures write.
  c.tables.push({ schema: 'dbo', name: 'LoadLog', location: loc(at++), columns: [{ name: 'Message', type: { name: 'nvarchar', length: 400 }, nullable: true }], uniqueKeys: [], foreignKeys: [], checks: [], indexes: [] });

  for (let i = 0; i < mix.views; i++) {
    const s = schema(i);
    const a = i % mix.tables;
    const b = input(i * 7 + 1);
    // Every 10th view reads the previous view: intermediate models.
    const prev = i > 0 && i % 10 === 0 ? `\nUNION ALL\nSELECT v.[Id], v.[Name], v.[Amount], v.[ParentName] FROM [${schema(i - 1)}].[V${i - 1}] AS v` : '';
    const fn = mix.functions && i % 5 === 0 ? `dbo.F${(i % mix.functions) - ((i % mix.functions) % 2)}(t.[Amount])` : 't.[Amount]';
    c.views.push({
      schema: s, name: `V${i}`, location: loc(at++), columns: [], indexes: [],
      definition: `CREATE VIEW [${s}].[V${i}]
AS
SELECT t.[Id], t.[Name], ${fn} AS [Amount], p.[Name] AS [ParentName]
FROM ${tname(a)} AS t
LEFT JOIN ${tname(b)} AS p ON p.[Id] = t.[ParentId]${prev};
`,
    });
  }

  for (let f = 0; f < mix.functions; f++) {
    const a = input(f * 13);
    if (f % 2 === 0) {
      c.functions.push({ schema: 'dbo', name: `F${f}`, kind: 'scalar', location: loc(at++), parameters: [{ name: '@x', type: { name: 'decimal', precision: 18, scale: 2 }, output: false }], returnType: { name: 'decimal', precision: 18, scale: 2 }, definition: `CREATE FUNCTION dbo.F${f} (@x decimal(18,2)) RETURNS decimal(18,2) AS BEGIN RETURN ROUND(@x * 1.${f % 10}, 2); END;` });
    } else {
      const params = f % 4 === 1 ? [{ name: '@id', type: { name: 'int' }, output: false }] : [];
      c.functions.push({
        schema: 'dbo', name: `F${f}`, kind: 'inline-table', location: loc(at++), parameters: params,
        definition: `CREATE FUNCTION dbo.F${f} (${params.length ? '@id int' : ''}) RETURNS TABLE AS RETURN (SELECT [Id], [Name] FROM ${tname(a)} WHERE ${params.length ? '[ParentId] = @id' : '[Amount] > 0'});`,
      });
    }
  }

  for (let i = 0; i < mix.procedures; i++) {
    const kind = PROCEDURE_KINDS[i % PROCEDURE_KINDS.length]!;
    const s = schema(i);
    const t = tname(i);
    const a = tname(input(i * 3));
    const b = tname(input(i * 11 + 5));
    const name = kind === 'logging' ? `usp_Log${i}` : kind === 'reseed' ? `Reseed_${i}` : `Load${i}`;
    const log = `INSERT INTO dbo.LoadLog ([Message]) VALUES (N'${name} done');`;
    let body: string;
    let params = '';
    switch (kind) {
      case 'truncate-reload':
        body = `TRUNCATE TABLE ${t};\n  INSERT INTO ${t} ([Id], [Name], [Amount]) SELECT s.[Id], s.[Name], s.[Amount] FROM ${a} AS s JOIN ${b} AS p ON p.[Id] = s.[ParentId];\n  ${log}`;
        break;
      case 'insert-select':
        body = `INSERT INTO ${t} ([Id], [Name], [Amount]) SELECT s.[Id], s.[Name], s.[Amount] FROM ${a} AS s WHERE s.[Amount] > 10;`;
        break;
      case 'select-into':
        body = `SELECT s.[Id], s.[Name], s.[Amount] INTO [${s}].[New${i}] FROM ${a} AS s;`;
        break;
      case 'merge':
        body = `MERGE ${t} AS tgt USING ${a} AS src ON tgt.[Id] = src.[Id]
  WHEN MATCHED THEN UPDATE SET tgt.[Name] = src.[Name], tgt.[Amount] = src.[Amount]
  WHEN NOT MATCHED THEN INSERT ([Id], [Name], [Amount]) VALUES (src.[Id], src.[Name], src.[Amount]);
  ${log}`;
        break;
      case 'update-insert':
        body = `UPDATE t SET t.[Amount] = s.[Amount] FROM ${t} AS t JOIN ${a} AS s ON s.[Id] = t.[Id];
  INSERT INTO ${t} ([Id], [Name], [Amount]) SELECT s.[Id], s.[Name], s.[Amount] FROM ${a} AS s
  WHERE NOT EXISTS (SELECT 1 FROM ${t} AS x WHERE x.[Id] = s.[Id]);`;
        break;
      case 'delete-insert':
        body = `DELETE f FROM ${t} AS f WHERE f.[ParentId] IN (SELECT [ParentId] FROM ${a});
  INSERT INTO ${t} ([Id], [ParentId], [Name], [Amount]) SELECT [Id], [ParentId], [Name], [Amount] FROM ${a};`;
        break;
      case 'scd2':
        params = '@Now datetime2 = NULL';
        body = `UPDATE d SET d.[ValidTo] = SYSDATETIME() FROM ${t} AS d JOIN ${a} AS s ON s.[Id] = d.[Id]
  WHERE d.[ValidTo] IS NULL AND (d.[Name] <> s.[Name] OR d.[Amount] <> s.[Amount]);
  INSERT INTO ${t} ([Id], [Name], [Amount], [ValidFrom], [ValidTo]) SELECT s.[Id], s.[Name], s.[Amount], SYSDATETIME(), NULL FROM ${a} AS s
  WHERE NOT EXISTS (SELECT 1 FROM ${t} AS d WHERE d.[Id] = s.[Id] AND d.[ValidTo] IS NULL);`;
        break;
      case 'temp-chain':
        body = `SELECT s.[Id], s.[Name], s.[Amount] INTO #stage FROM ${a} AS s WHERE s.[Amount] > 0;
  SELECT g.[Id], g.[Name], SUM(g.[Amount]) AS [Amount] INTO #agg FROM #stage AS g GROUP BY g.[Id], g.[Name];
  TRUNCATE TABLE ${t};
  INSERT INTO ${t} ([Id], [Name], [Amount]) SELECT x.[Id], x.[Name], x.[Amount] FROM #agg AS x JOIN ${b} AS p ON p.[Id] = x.[Id];`;
        break;
      case 'report-params':
        params = `@from decimal(18,2) = 0, @parent int`;
        body = `SELECT s.[Id], s.[Name], SUM(s.[Amount]) AS [Total] FROM ${a} AS s JOIN ${b} AS p ON p.[Id] = s.[ParentId] WHERE s.[Amount] >= @from AND s.[ParentId] = @parent GROUP BY s.[Id], s.[Name] ORDER BY [Total] DESC;`;
        break;
      case 'report':
        body = `SELECT TOP (10) s.[Id], s.[Name], s.[Amount] FROM ${a} AS s ORDER BY s.[Amount] DESC;`;
        break;
      case 'date-loop':
        params = '@Year int';
        body = `DECLARE @d date = DATEFROMPARTS(@Year, 1, 1);
  WHILE YEAR(@d) = @Year
  BEGIN
    IF NOT EXISTS (SELECT 1 FROM ${t} WHERE [ValidFrom] = @d)
      INSERT INTO ${t} ([Id], [Amount], [ValidFrom]) VALUES (DATEDIFF(day, '19000101', @d), 0, @d);
    SET @d = DATEADD(day, 1, @d);
  END`;
        break;
      case 'cursor-upsert':
        body = `DECLARE @id int, @amount decimal(18,2);
  DECLARE c CURSOR FOR SELECT [Id], [Amount] FROM ${a};
  OPEN c;
  FETCH NEXT FROM c INTO @id, @amount;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    IF EXISTS (SELECT 1 FROM ${t} WHERE [Id] = @id)
      UPDATE ${t} SET [Amount] = @amount WHERE [Id] = @id;
    ELSE
      INSERT INTO ${t} ([Id], [Amount]) VALUES (@id, @amount);
    FETCH NEXT FROM c INTO @id, @amount;
  END
  CLOSE c; DEALLOCATE c;`;
        break;
      case 'logging':
        params = '@msg nvarchar(400)';
        body = `INSERT INTO dbo.LoadLog ([Message]) VALUES (@msg);`;
        break;
      case 'reseed':
        body = `DBCC CHECKIDENT ('${s}.T${i}', RESEED, 0);`;
        break;
      case 'dynamic':
        params = '@table sysname';
        body = `DECLARE @sql nvarchar(max) = N'DELETE FROM ' + QUOTENAME(@table) + N';';\n  EXEC (@sql);`;
        break;
    }
    c.procedures.push({
      schema: s, name, location: loc(at++), parameters: [],
      definition: `CREATE PROCEDURE [${s}].[${name}] ${params}\nAS\nBEGIN\n  SET NOCOUNT ON;\n  ${body}\nEND;\n`,
    });
  }
  // Parameters as the script reader records them (the AST pass does not fill them).
  for (const p of c.procedures) {
    const m = /^CREATE PROCEDURE \S+ (.*)$/m.exec(p.definition!);
    const list = (m?.[1] ?? '').split(',').map((x) => x.trim()).filter(Boolean);
    (p as { parameters: unknown }).parameters = list.map((x) => {
      const [name, type, , def] = x.split(/\s+/);
      return { name: name!, type: { name: (type ?? 'int').replace(/\(.*$/, '') }, output: false, ...(def ? { default: def } : {}) };
    });
  }

  for (let g = 0; g < mix.triggers; g++) {
    const i = input(g * 17);
    const s = schema(i);
    const body = g % 3 === 0
      ? `UPDATE t SET t.[ModifiedDate] = GETDATE() FROM ${tname(i)} AS t JOIN inserted AS i ON i.[Id] = t.[Id];`
      : g % 3 === 1
        ? `IF EXISTS (SELECT 1 FROM inserted WHERE [Amount] < 0)\n  BEGIN\n    RAISERROR('negative', 16, 1);\n    ROLLBACK TRANSACTION;\n  END`
        : `INSERT INTO dbo.LoadLog ([Message]) SELECT N'changed ' + CAST([Id] AS nvarchar(20)) FROM inserted;`;
    c.triggers.push({
      schema: s, name: `trg${g}`, location: loc(at++), parent: { schema: s, name: `T${i}`, objectKind: 'table' }, timing: 'AFTER', events: ['INSERT', 'UPDATE'],
      definition: `CREATE TRIGGER [${s}].[trg${g}] ON ${tname(i)} AFTER INSERT, UPDATE AS\nBEGIN\n  SET NOCOUNT ON;\n  ${body}\nEND;\n`,
    });
  }
  analyzeCatalog(c);
  return c;
}
