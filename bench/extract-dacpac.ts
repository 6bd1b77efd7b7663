/**
 * Benchmark: catalog extraction from a generated .dacpac of 10,000 objects (tables with columns,
 * keys and foreign keys; views; procedures). Reports objects/s and peak memory.
 * Run: npm run build && node --expose-gc dist/bench/extract-dacpac.js [objects]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { readPackageCatalog } from '../src/catalog/package/read-package.js';

const total = Number(process.argv[2] ?? 10_000);
const NS = 'http://schemas.microsoft.com/sqlserver/dac/Serialization/2012/02';
const col = (t: string, c: string, type: string) =>
  `<Entry><Element Type="SqlSimpleColumn" Name="[dbo].[${t}].[${c}]"><Property Name="IsNullable" Value="False" /><Relationship Name="TypeSpecifier"><Entry><Element Type="SqlTypeSpecifier"><Relationship Name="Type"><Entry><References ExternalSource="BuiltIns" Name="[${type}]" /></Entry></Relationship></Element></Entry></Relationship></Element></Entry>`;

function generateModel(objects: number): string {
  const parts: string[] = [];
  const tables = Math.floor(objects * 0.6);
  const views = Math.floor(objects * 0.2);
  const procs = objects - tables - views;
  for (let i = 0; i < tables; i++) {
    const t = `T${i}`;
    parts.push(`<Element Type="SqlTable" Name="[dbo].[${t}]"><Relationship Name="Columns">${col(t, 'Id', 'int')}${col(t, 'ParentId', 'int')}${col(t, 'Name', 'nvarchar')}${col(t, 'Amount', 'money')}${col(t, 'At', 'datetime2')}</Relationship></Element>`);
    parts.push(`<Element Type="SqlPrimaryKeyConstraint" Name="[dbo].[PK_${t}]"><Relationship Name="ColumnSpecifications"><Entry><Element Type="SqlIndexedColumnSpecification"><Relationship Name="Column"><Entry><References Name="[dbo].[${t}].[Id]" /></Entry></Relationship></Element></Entry></Relationship><Relationship Name="DefiningTable"><Entry><References Name="[dbo].[${t}]" /></Entry></Relationship></Element>`);
    if (i > 0) parts.push(`<Element Type="SqlForeignKeyConstraint" Name="[dbo].[FK_${t}]"><Relationship Name="Columns"><Entry><References Name="[dbo].[${t}].[ParentId]" /></Entry></Relationship><Relationship Name="DefiningTable"><Entry><References Name="[dbo].[${t}]" /></Entry></Relationship><Relationship Name="ForeignColumns"><Entry><References Name="[dbo].[T${i - 1}].[Id]" /></Entry></Relationship><Relationship Name="ForeignTable"><Entry><References Name="[dbo].[T${i - 1}]" /></Entry></Relationship></Element>`);
  }
  for (let i = 0; i < views; i++) {
    parts.push(`<Element Type="SqlView" Name="[dbo].[V${i}]"><Property Name="QueryScript"><Value><![CDATA[SELECT Id, Amount FROM dbo.T${i % tables} WHERE Amount > ${i}]]></Value></Property><Relationship Name="QueryDependencies"><Entry><References Name="[dbo].[T${i % tables}]" /></Entry></Relationship></Element>`);
  }
  for (let i = 0; i < procs; i++) {
    parts.push(`<Element Type="SqlProcedure" Name="[dbo].[P${i}]"><Property Name="BodyScript"><Value><![CDATA[BEGIN INSERT INTO dbo.T${i % tables} (Id) SELECT Id FROM dbo.V${i % views}; END]]></Value></Property><Relationship Name="BodyDependencies"><Entry><References Name="[dbo].[T${i % tables}]" /></Entry><Entry><References Name="[dbo].[V${i % views}]" /></Entry></Relationship></Element>`);
  }
  return `<?xml version="1.0" encoding="utf-8"?><DataSchemaModel FileFormatVersion="1.2" SchemaVersion="2.9" xmlns="${NS}"><Model>${parts.join('\n')}</Model></DataSchemaModel>`;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mssql2dbt-bench-'));
const file = path.join(dir, 'generated.dacpac');
const xml = generateModel(total);
fs.writeFileSync(file, zipSync({ 'model.xml': strToU8(xml) }));
(globalThis as { gc?: () => void }).gc?.();

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
const started = process.hrtime.bigint();
const catalog = await readPackageCatalog(file);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

const objects = catalog.tables.length + catalog.views.length + catalog.procedures.length;
console.log(JSON.stringify({
  bench: 'extract-dacpac',
  objects,
  modelXmlBytes: xml.length,
  seconds: Number(seconds.toFixed(3)),
  objectsPerSecond: Math.round(objects / seconds),
  peakRssMiB: Math.round(peakRss / 2 ** 20),
  dependencies: catalog.dependencies.length,
  diagnostics: catalog.diagnostics.length,
}));
fs.rmSync(dir, { recursive: true, force: true });
