/**
 * Benchmark: catalog extraction from a generated estate of script files — 10,000 objects by
 * default (60 % tables with keys, foreign keys, defaults and indexes; 20 % views; 20 % procedures
 * that read, write, loop and handle errors), one object per .sql file in schema folders the way
 * SSDT lays them out. Reports objects/s and peak memory (RSS sampled every 5 ms, and the
 * process's maxRSS) to bench/results/extract.json.
 * Run: npm run build && node dist/bench/extract.js [objects]
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractCatalog } from '../src/catalog/extract.js';
import { countObjects } from '../src/catalog/model.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, existsSync(path.resolve(here, '../package.json')) ? '..' : '../..');
const total = Number(process.argv[2] ?? 10_000);

function generate(dir: string, objects: number): { tables: number; views: number; procedures: number; bytes: number } {
  const tables = Math.floor(objects * 0.6);
  const views = Math.floor(objects * 0.2);
  const procedures = objects - tables - views;
  let bytes = 0;
  const write = (folder: string, name: string, text: string): void => {
    const d = path.join(dir, folder);
    mkdirSync(d, { recursive: true });
    writeFileSync(path.join(d, `${name}.sql`), text);
    bytes += Buffer.byteLength(text);
  };
  const schema = (i: number) => ['Sales', 'Stock', 'Finance', 'dbo'][i % 4]!;
  for (let i = 0; i < tables; i++) {
    const s = schema(i);
    const fk = i > 0 ? `,\n    CONSTRAINT [FK_T${i}_Parent] FOREIGN KEY ([ParentId]) REFERENCES [${schema(i - 1)}].[T${i - 1}] ([Id])` : '';
    write(`${s}/Tables`, `T${i}`, `CREATE TABLE [${s}].[T${i}] (
    [Id]        INT            IDENTITY (1, 1) NOT NULL,
    [ParentId]  INT            NULL,
    [Code]      NVARCHAR (20)  NOT NULL,
    [Name]      NVARCHAR (100) NULL,
    [Amount]    DECIMAL (18, 2) CONSTRAINT [DF_T${i}_Amount] DEFAULT ((0)) NOT NULL,
    [CreatedAt] DATETIME2 (7)  CONSTRAINT [DF_T${i}_CreatedAt] DEFAULT (sysdatetime()) NOT NULL,
    CONSTRAINT [PK_T${i}] PRIMARY KEY CLUSTERED ([Id] ASC),
    CONSTRAINT [UQ_T${i}_Code] UNIQUE ([Code])${fk}
);
GO
CREATE NONCLUSTERED INDEX [IX_T${i}_Name] ON [${s}].[T${i}] ([Name] ASC) INCLUDE ([Amount]);
GO
EXECUTE sp_addextendedproperty @name = N'MS_Description', @value = N'Generated table ${i}', @level0type = N'SCHEMA', @level0name = N'${s}', @level1type = N'TABLE', @level1name = N'T${i}';
`);
  }
  for (let i = 0; i < views; i++) {
    const a = i % tables;
    const b = (i * 7 + 1) % tables;
    write(`${schema(i)}/Views`, `V${i}`, `CREATE VIEW [${schema(i)}].[V${i}]
AS
SELECT t.[Id], t.[Code], t.[Amount], p.[Name] AS [ParentName]
FROM [${schema(a)}].[T${a}] AS t
LEFT JOIN [${schema(b)}].[T${b}] AS p ON p.[Id] = t.[ParentId]
WHERE t.[Amount] > ${i % 100};
`);
  }
  for (let i = 0; i < procedures; i++) {
    const t = i % tables;
    const v = i % Math.max(1, views);
    write(`${schema(i)}/Stored Procedures`, `P${i}`, `CREATE PROCEDURE [${schema(i)}].[P${i}]
    @From DATETIME2 (7),
    @Rows INT = NULL OUTPUT
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @batch TABLE (Id INT NOT NULL PRIMARY KEY);
    BEGIN TRY
        BEGIN TRAN;
        WITH Recent AS (SELECT [Id] FROM [${schema(v)}].[V${v}] WHERE [Amount] > 0)
        INSERT @batch (Id) SELECT Id FROM Recent;
        UPDATE t SET t.[Amount] = t.[Amount] + 1
        FROM [${schema(t)}].[T${t}] AS t INNER JOIN @batch AS b ON b.Id = t.[Id]
        WHERE t.[CreatedAt] >= @From;
        SET @Rows = @@ROWCOUNT;
        WHILE @Rows > 1000 SET @Rows = @Rows / 2;
        COMMIT;
    END TRY
    BEGIN CATCH
        IF @@TRANCOUNT > 0 ROLLBACK;
        THROW;
    END CATCH
END;
`);
  }
  return { tables, views, procedures, bytes };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'mssql2dbt-bench-extract-'));
try {
  const generated = generate(dir, total);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
  const t0 = process.hrtime.bigint();
  const { catalog, diagnostics } = await extractCatalog([dir]);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const counts = countObjects(catalog);
  const objects = counts.tables + counts.views + counts.procedures;
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: os.cpus()[0]?.model,
    input: { objects: total, files: total, megabytes: +(generated.bytes / 1e6).toFixed(1), ...generated },
    counts,
    diagnostics: diagnostics.length,
    seconds: +seconds.toFixed(2),
    objectsPerSecond: Math.round(objects / seconds),
    peakRssMiB: Math.round(peakRss / 2 ** 20),
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  if (objects !== total) throw new Error(`expected ${total} objects, the catalog has ${objects}`);
  const outDir = path.join(repoRoot, 'bench/results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'extract.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(`extract: ${objects} objects (${generated.tables} tables, ${generated.views} views, ${generated.procedures} procedures; ${report.input.megabytes} MB in ${total} files)`);
  console.log(`  ${report.seconds} s, ${report.objectsPerSecond} objects/s, peak RSS ${report.peakRssMiB} MiB (maxRSS ${report.maxRssMiB} MiB), ${counts.dependencies} dependencies, ${report.diagnostics} diagnostics`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
