/**
 * Data files: the AdventureWorksDW script's BULK INSERTs (the files present in the corpus; the six
 * listed in ABSENT.txt give MD5100 at the statement's file:line and the rest still load), BULK
 * INSERT options on files written here (multi-character terminators, UTF-16, FIRSTROW, identity),
 * bad rows reported at file:line, and a CSV/Parquet data folder.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { extractCatalog } from '../../src/catalog/extract.js';
import { loadSourceData, type LoadReport } from '../../src/load/index.js';
import { corpusRoot, hasCorpus } from '../helpers/paths.js';
import { startPostgres, type PgHandle } from '../helpers/postgres.js';
import { allTables, catalogOf, duckQuery, pgUrl, removeTempDirs, tempDir, uniqueSchema } from './helpers.js';

const AWDW = path.join(corpusRoot, 'adventureworks-dw');
const AWDW_SCRIPT = path.join(AWDW, 'instawdbdw.sql');

/** Data lines of a file (non-empty LF-separated lines; every corpus file is one row per line). */
const dataLines = (file: string) => readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').length;

afterAll(() => removeTempDirs());

describe.skipIf(!hasCorpus)('AdventureWorksDW BULK INSERT', () => {
  let report: LoadReport;
  let db: string;
  let pgh: PgHandle;
  const schema = uniqueSchema('raw_awdw');
  let pgReport: LoadReport;

  beforeAll(async () => {
    const catalog = await catalogOf([AWDW_SCRIPT]);
    db = path.join(tempDir(), 'awdw.duckdb');
    report = await loadSourceData({ catalog, tables: allTables(catalog), inputs: [AWDW_SCRIPT], target: { kind: 'duckdb', path: db } });
    pgh = await startPostgres();
    const small = allTables(catalog, schema).filter((t) => ['DimDate', 'DimSalesTerritory', 'DimCustomer', 'FactCurrencyRate'].includes(t.table.name));
    pgReport = await loadSourceData({ catalog, tables: small, inputs: [AWDW_SCRIPT], target: { kind: 'postgres', url: await pgUrl(pgh) } });
  }, 120_000);
  afterAll(async () => pgh?.stop());

  it('every BULK INSERT whose file exists loads one row per line of the file', () => {
    const script = readFileSync(AWDW_SCRIPT, 'utf8');
    const bulk = [...script.matchAll(/BULK INSERT\s*\[dbo\]\.\[(\w+)\] FROM '\$\(SqlSamplesSourceDataPath\)(\w+)\.csv'/g)].map((m) => ({ table: m[1]!, file: `${m[2]}.csv` }));
    const present = new Set(readdirSync(AWDW));
    const loaded = bulk.filter((b) => present.has(b.file));
    expect(loaded.length).toBe(23);
    for (const b of loaded) {
      const t = report.tables.find((x) => x.name === b.table)!;
      expect({ table: b.table, rows: t.rows, source: t.source }).toEqual({ table: b.table, rows: dataLines(path.join(AWDW, b.file)), source: 'bulk-insert' });
      expect(t.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    }
  });

  it('a missing data file is MD5100 at the BULK INSERT line; the table is created empty, the others load', async () => {
    const absent = readFileSync(path.join(AWDW, 'ABSENT.txt'), 'utf8').split(/\s+/).filter(Boolean);
    const lines = readFileSync(AWDW_SCRIPT, 'utf8').split('\n');
    for (const file of absent) {
      const t = report.tables.find((x) => x.name === file.replace('.csv', ''))!;
      expect(t.rows).toBe(0);
      const d = t.diagnostics.find((x) => x.code === 'MD5100')!;
      expect(d.span?.file).toBe(AWDW_SCRIPT);
      expect(lines[d.span!.line - 1]).toContain(`BULK INSERT`);
      expect(lines[d.span!.line - 1]).toContain(file);
    }
    expect(await duckQuery(db, 'SELECT count(*) FROM raw.DimCustomer')).toEqual([[0n]]);
  });

  it('spot values: UTF-8 text, ISO dates, varbinary hex, decimals; PostgreSQL the same', async () => {
    expect(await duckQuery(db, `SELECT CAST(FullDateAlternateKey AS VARCHAR), SpanishDayNameOfWeek FROM raw.DimDate WHERE DateKey = 20050101`)).toEqual([['2005-01-01', 'Sábado']]);
    const [[img, len]] = await duckQuery(db, `SELECT hex(SalesTerritoryImage[1:4]), octet_length(SalesTerritoryImage) FROM raw.DimSalesTerritory WHERE SalesTerritoryKey = 1`);
    expect(img).toBe('FFD8FFE0');
    const line1 = readFileSync(path.join(AWDW, 'DimSalesTerritory.csv'), 'utf8').split('\n')[0]!.split('|');
    expect(Number(len)).toBe(line1[5]!.length / 2);
    expect(await duckQuery(db, `SELECT CAST(AverageRate AS VARCHAR), CAST(Date AS VARCHAR) FROM raw.FactCurrencyRate WHERE CurrencyKey = 3 AND DateKey = 20101229`)).toEqual([['1.0', '2010-12-29 00:00:00']]);
    expect(await pgh.query(`SELECT SpanishDayNameOfWeek FROM ${schema}.DimDate WHERE DateKey = 20050101`)).toEqual([['Sábado']]);
    expect(pgReport.tables.map((t) => [t.name, t.rows])).toEqual([
      ['DimCustomer', 0], ['DimDate', dataLines(path.join(AWDW, 'DimDate.csv'))], ['DimSalesTerritory', 11], ['FactCurrencyRate', dataLines(path.join(AWDW, 'FactCurrencyRate.csv'))],
    ].sort((a, b) => pgReport.tables.findIndex((t) => t.name === a[0]) - pgReport.tables.findIndex((t) => t.name === b[0])));
  });
});

describe('BULK INSERT options and bad rows (files written here)', () => {
  let dir: string;
  let report: LoadReport;
  let db: string;

  beforeAll(async () => {
    dir = tempDir();
    // Multi-character terminators, a header skipped by FIRSTROW, an identity generated (no KEEPIDENTITY),
    // line 4 with a field missing, line 5 with a bad date.
    writeFileSync(path.join(dir, 'people.dat'), 'id~~name~~born##\r\nx~~skip~~x##\r\n7~~Zoë~~2001-02-03##\r\n8~~two fields##\r\n9~~Bad~~2001-02-30##\r\n10~~Ann~~1999-12-31##\r\n');
    // UTF-16LE with a BOM, tab/CRLF defaults, KEEPIDENTITY.
    writeFileSync(path.join(dir, 'wide.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('5\tÅsa\r\n6\t北京\r\n', 'utf16le')]));
    // FORMAT = 'CSV' with quotes around a comma and a line break.
    writeFileSync(path.join(dir, 'notes.csv'), '1,"a, b"\n2,"line one\nline two"\n3,plain\n');
    const script = `
CREATE TABLE dbo.People (id int IDENTITY(100, 5) NOT NULL, name nvarchar(50), born date);
CREATE TABLE dbo.Wide (id int IDENTITY(1,1), name nvarchar(20));
CREATE TABLE dbo.Notes (id int, note nvarchar(100));
GO
BULK INSERT dbo.People FROM '$(DataPath)people.dat' WITH (FIELDTERMINATOR = '~~', ROWTERMINATOR = '##\\r\\n', FIRSTROW = 3, CODEPAGE = '65001');
BULK INSERT dbo.Wide FROM 'C:\\data\\wide.txt' WITH (DATAFILETYPE = 'widechar', KEEPIDENTITY);
BULK INSERT dbo.Notes FROM 'notes.csv' WITH (FORMAT = 'CSV', FIELDTERMINATOR = ',', ROWTERMINATOR = '0x0a');
`;
    writeFileSync(path.join(dir, 'load.sql'), script);
    const inputs = [path.join(dir, 'load.sql')];
    const { catalog } = await extractCatalog(inputs, { vars: { DataPath: `${dir}/` } });
    db = path.join(dir, 'opts.duckdb');
    report = await loadSourceData({ catalog, tables: allTables(catalog), inputs, vars: { DataPath: `${dir}/` }, target: { kind: 'duckdb', path: db } });
  });

  it('honours multi-character terminators, FIRSTROW, identity generation; reports bad rows at file:line and loads the rest', async () => {
    const people = report.tables.find((t) => t.name === 'People')!;
    expect(people.rows).toBe(3);
    expect(await duckQuery(db, 'SELECT id, name, CAST(born AS VARCHAR) FROM raw.People ORDER BY id')).toEqual([[100, 'Zoë', '2001-02-03'], [105, 'Bad', null], [110, 'Ann', '1999-12-31']]);
    const file = path.join(dir, 'people.dat');
    expect(people.diagnostics.map((d) => [d.code, d.span?.file, d.span?.line, d.span?.col])).toEqual([
      ['MD5102', file, 4, 1],
      ['MD5103', file, 5, 9],
    ]);
  });

  it('reads UTF-16 widechar files found by name beside the script, keeping identity values', async () => {
    expect(await duckQuery(db, 'SELECT id, name FROM raw.Wide ORDER BY id')).toEqual([[5, 'Åsa'], [6, '北京']]);
  });

  it("FORMAT = 'CSV' keeps quoted terminators inside fields", async () => {
    expect(await duckQuery(db, 'SELECT id, note FROM raw.Notes ORDER BY id')).toEqual([[1, 'a, b'], [2, 'line one\nline two'], [3, 'plain']]);
  });
});

describe.skipIf(!hasCorpus)("BULK INSERT … DATAFILETYPE = 'widenative'", () => {
  it('reads a bcp -N file with the .bacpac decoder (contosohr Employees part written out)', async () => {
    const dir = tempDir();
    const part = unzipSync(readFileSync(path.join(corpusRoot, 'bacpac/contosohr.bacpac')))['Data/dbo.Employees/TableData-000-00000.BCP']!;
    writeFileSync(path.join(dir, 'employees.bcp'), part);
    writeFileSync(path.join(dir, 'load.sql'), `CREATE TABLE dbo.Employees (EmployeeID int IDENTITY NOT NULL, SSN char(11) NOT NULL, FirstName nvarchar(50) NOT NULL,
      LastName nvarchar(50) NOT NULL, Salary money NOT NULL);\nGO\nBULK INSERT dbo.Employees FROM 'employees.bcp' WITH (DATAFILETYPE = 'widenative', KEEPIDENTITY);\n`);
    const inputs = [path.join(dir, 'load.sql')];
    const { catalog } = await extractCatalog(inputs);
    const db = path.join(dir, 'wn.duckdb');
    const r = await loadSourceData({ catalog, tables: allTables(catalog), inputs, target: { kind: 'duckdb', path: db } });
    expect([r.tables[0]!.source, r.tables[0]!.rows, r.tables[0]!.diagnostics]).toEqual(['bulk-insert', 270, []]);
    expect(await duckQuery(db, 'SELECT FirstName, CAST(Salary AS VARCHAR) FROM raw.Employees WHERE EmployeeID = 1')).toEqual([['Catherine', '31692.0000']]);
  });
});

describe('a folder of CSV and Parquet files named after the tables', () => {
  it('loads <schema>.<table>.csv with a header (any column order), <table>.parquet, and reports a bad line', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'load.sql'), `CREATE TABLE dbo.A (k int, s nvarchar(20), d datetime, b varbinary(10));\nCREATE TABLE sales.B (k bigint, amount money);\nCREATE TABLE dbo.C (k int);`);
    const data = path.join(dir, 'data');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(data);
    writeFileSync(path.join(data, 'dbo.A.csv'), 's,k,d,b\r\n"x, y",1,2020-01-02 03:04:05,0A0B\r\n,2,,\r\n"q""uote",3,2020-01-03\r\n');
    const inputs = [path.join(dir, 'load.sql')];
    const { catalog } = await extractCatalog(inputs);
    // A Parquet file written by DuckDB itself.
    const pq = path.join(data, 'B.parquet');
    await duckQuery(':memory:', `COPY (SELECT i::BIGINT AS k, (i * 1.25)::DECIMAL(19,4) AS amount FROM range(1, 1001) t(i)) TO '${pq}' (FORMAT parquet)`);
    const db = path.join(dir, 'folder.duckdb');
    const r = await loadSourceData({ catalog, tables: allTables(catalog), inputs, dataDir: data, target: { kind: 'duckdb', path: db } });
    const a = r.tables.find((t) => t.name === 'A')!;
    expect([a.source, a.rows]).toEqual(['csv', 2]);
    expect(a.diagnostics.map((d) => [d.code, d.span?.line])).toEqual([['MD5102', 4]]);
    expect(await duckQuery(db, 'SELECT k, s, CAST(d AS VARCHAR), hex(b) FROM raw.A ORDER BY k')).toEqual([[1, 'x, y', '2020-01-02 03:04:05', '0A0B'], [2, null, null, null]]);
    const b = r.tables.find((t) => t.name === 'B')!;
    expect([b.source, b.rows]).toEqual(['parquet', 1000]);
    expect(await duckQuery(db, 'SELECT CAST(sum(amount) AS VARCHAR) FROM raw.B')).toEqual([['625625.0000']]);
    expect(r.tables.find((t) => t.name === 'C')!.source).toBe('none');
  });
});
