/**
 * Benchmark: assessing a synthetic 10,000-object estate (50 % tables, 25 % views, 20 % procedures,
 * 5 % functions; views join two tables, procedures read/write with transactions, loops, cursors,
 * SCD updates and dynamic SQL in a fixed mix, a few cycles, superseded and admin names), built in
 * memory as catalog objects with real definitions so the AST pass runs on every module.
 * Times `assess()` (translator diagnostics on, duckdb) and the three reports; reports peak memory
 * (RSS sampled every 5 ms, and the process's maxRSS) to bench/results/assess.json. Target: < 30 s.
 * Run: npm run build && node dist/bench/assess.js [objects]
 */
import { assess } from '../src/assess/assess.js';
import { renderHtml } from '../src/assess/report-html.js';
import { renderMarkdown } from '../src/assess/report-md.js';
import { emptyCatalog, type Catalog, type Dependency, type ObjectKind } from '../src/catalog/model.js';
import { writeResults } from './common.js';

const total = Number(process.argv[2] ?? 10_000);

function build(n: number): Catalog {
  const c = emptyCatalog();
  const tables = Math.floor(n * 0.5);
  const views = Math.floor(n * 0.25);
  const procs = Math.floor(n * 0.2);
  const funcs = n - tables - views - procs;
  const schema = (i: number): string => ['Sales', 'Stock', 'Finance', 'dbo'][i % 4]!;
  const loc = (i: number) => ({ file: `gen/${i}.sql`, line: 1, col: 1 });
  const ref = (kind: ObjectKind, s: string, name: string) => ({ schema: s, name, objectKind: kind });
  const dep = (from: ReturnType<typeof ref>, to: ReturnType<typeof ref>, kind: Dependency['kind']): void => {
    c.dependencies.push({ from, to, kind });
  };
  for (let i = 0; i < tables; i++) {
    const s = schema(i);
    c.tables.push({
      schema: s, name: `T${i}`, location: loc(i),
      definition: `CREATE TABLE [${s}].[T${i}] ([Id] INT NOT NULL PRIMARY KEY, [ParentId] INT NULL, [Name] NVARCHAR(100) NULL, [Amount] DECIMAL(18,2) NOT NULL, [ValidTo] DATETIME2 NULL);`,
      columns: [
        { name: 'Id', type: { name: 'int' }, nullable: false },
        { name: 'ParentId', type: { name: 'int' }, nullable: true },
        { name: 'Name', type: { name: 'nvarchar', length: 100 }, nullable: true },
        { name: 'Amount', type: { name: 'decimal', precision: 18, scale: 2 }, nullable: false },
        { name: 'ValidTo', type: { name: 'datetime2' }, nullable: true },
      ],
      primaryKey: { columns: ['Id'], clustered: true },
      uniqueKeys: [], checks: [], indexes: [],
      foreignKeys: i > 0 ? [{ columns: ['ParentId'], referencedTable: ref('table', schema(i - 1), `T${i - 1}`), referencedColumns: ['Id'], onDelete: 'NO ACTION', onUpdate: 'NO ACTION' }] : [],
    });
    if (i > 0 && i % 10 !== 0) dep(ref('table', s, `T${i}`), ref('table', schema(i - 1), `T${i - 1}`), 'references');
  }
  for (let i = 0; i < views; i++) {
    const s = schema(i);
    const a = i % tables;
    const b = (i * 7 + 1) % tables;
    const name = i % 97 === 0 ? `V${i}_old` : `V${i}`;
    // Every 50th view reads the previous view, and every 500th pair forms a cycle.
    const prev = i > 0 && i % 50 === 0 ? `V${i - 1}` : undefined;
    c.views.push({
      schema: s, name, location: loc(tables + i), columns: [], indexes: [],
      definition: `CREATE VIEW [${s}].[${name}]
AS
SELECT t.[Id], t.[Name], t.[Amount], p.[Name] AS [ParentName]
FROM [${schema(a)}].[T${a}] AS t
LEFT JOIN [${schema(b)}].[T${b}] AS p ON p.[Id] = t.[ParentId]
WHERE t.[Amount] > (SELECT AVG(x.[Amount]) FROM [${schema(a)}].[T${a}] AS x WHERE x.[ParentId] = t.[Id]) + ${i % 100};
`,
    });
    dep(ref('view', s, name), ref('table', schema(a), `T${a}`), 'reads');
    dep(ref('view', s, name), ref('table', schema(b), `T${b}`), 'reads');
    if (prev) dep(ref('view', s, name), ref('view', schema(i - 1), prev), 'reads');
    if (i % 500 === 1 && i + 1 < views) dep(ref('view', s, name), ref('view', schema(i + 1), `V${i + 1}`), 'reads');
    if (i % 500 === 2) dep(ref('view', s, name), ref('view', schema(i - 1), `V${i - 1}`), 'reads');
  }
  for (let i = 0; i < procs; i++) {
    const s = schema(i);
    const a = (i * 3) % tables;
    const b = (i * 11 + 5) % tables;
    const name = i % 200 === 0 ? `Reseed${i}` : `Load${i}`;
    const loop = i % 10 === 0 ? `DECLARE @n int = 0;\n  WHILE @n < 10 BEGIN SET @n += 1; INSERT [${schema(b)}].[T${b}] ([Id], [Amount]) VALUES (@n, 0); END` : '';
    const cursor = i % 25 === 0 ? `DECLARE c CURSOR FOR SELECT [Id] FROM [${schema(a)}].[T${a}]; OPEN c; CLOSE c; DEALLOCATE c;` : '';
    const dyn = i % 40 === 0 ? `DECLARE @sql nvarchar(max) = N'SELECT 1'; EXEC (@sql);` : '';
    c.procedures.push({
      schema: s, name, location: loc(tables + views + i), parameters: [],
      definition: `CREATE PROCEDURE [${s}].[${name}] @cutoff datetime2
AS
BEGIN
  SET NOCOUNT ON;
  BEGIN TRY
    BEGIN TRAN;
    UPDATE t SET t.[ValidTo] = @cutoff
    FROM [${schema(b)}].[T${b}] AS t
    INNER JOIN [${schema(a)}].[T${a}] AS s ON s.[Id] = t.[Id]
    WHERE t.[ValidTo] IS NULL AND EXISTS (SELECT 1 FROM [${schema(a)}].[T${a}] AS z WHERE z.[ParentId] = s.[Id]);
    INSERT [${schema(b)}].[T${b}] ([Id], [Name], [Amount])
    SELECT s.[Id], s.[Name], s.[Amount] FROM [${schema(a)}].[T${a}] AS s;
    ${loop}
    ${cursor}
    ${dyn}
    COMMIT;
  END TRY
  BEGIN CATCH
    IF @@TRANCOUNT > 0 ROLLBACK;
    THROW;
  END CATCH
END;
`,
    });
    dep(ref('procedure', s, name), ref('table', schema(a), `T${a}`), 'reads');
    dep(ref('procedure', s, name), ref('table', schema(b), `T${b}`), 'writes');
  }
  for (let i = 0; i < funcs; i++) {
    const s = schema(i);
    const a = (i * 13) % tables;
    c.functions.push({
      schema: s, name: `F${i}`, kind: 'inline-table', location: loc(tables + views + procs + i), parameters: [{ name: '@id', type: { name: 'int' }, output: false }],
      definition: `CREATE FUNCTION [${s}].[F${i}] (@id int) RETURNS TABLE AS RETURN (SELECT [Id], [Name] FROM [${schema(a)}].[T${a}] WHERE [ParentId] = @id);`,
    });
    dep(ref('function', s, `F${i}`), ref('table', schema(a), `T${a}`), 'reads');
  }
  return c;
}

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 5);

const t0 = performance.now();
const catalog = build(total);
const t1 = performance.now();
const a = assess(catalog);
const t2 = performance.now();
const html = renderHtml(a);
const md = renderMarkdown(a);
const json = JSON.stringify(a);
const t3 = performance.now();
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

const report = {
  objects: a.objects.length,
  edges: a.edges.length,
  cycles: a.cycles.length,
  waves: a.waves.length,
  buildCatalogSeconds: +((t1 - t0) / 1000).toFixed(2),
  assessSeconds: +((t2 - t1) / 1000).toFixed(2),
  reportsSeconds: +((t3 - t2) / 1000).toFixed(2),
  totalSeconds: +((t3 - t0) / 1000).toFixed(2),
  targetSeconds: 30,
  withinTarget: (t3 - t1) / 1000 < 30,
  peakRssMB: Math.round(peakRss / 1048576),
  maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  htmlMB: +(Buffer.byteLength(html) / 1048576).toFixed(2),
  markdownKB: Math.round(Buffer.byteLength(md) / 1024),
  jsonMB: +(Buffer.byteLength(json) / 1048576).toFixed(2),
  byDisposition: a.summary.byDisposition,
  byLevel: a.summary.byLevel,
  node: process.version,
};
const file = writeResults('assess', report);
console.log(JSON.stringify(report, null, 2));
console.log(`wrote ${file}`);
