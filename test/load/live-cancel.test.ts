/**
 * The live path's SELECT text (parsed by our own T-SQL parser; no SQL Server can run here, so the
 * live path itself is NOT exercised against a server), value conversion, a refused connection,
 * cancellation, and the BCP decoder on types the corpus bacpacs do not contain (bytes built here
 * from SQL Server's documented storage formats).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractCatalog } from '../../src/catalog/extract.js';
import { loadColumns, loadSourceData, liveSelectSql } from '../../src/load/index.js';
import { BcpDecoder, bcpFields } from '../../src/load/sources/bcp-native.js';
import { liveValue } from '../../src/load/sources/live.js';
import { parseScript } from '../../src/tsql/index.js';
import { startPostgres } from '../helpers/postgres.js';
import { allTables, duckQuery, pgUrl, removeTempDirs, tempDir, uniqueSchema } from './helpers.js';

afterAll(() => removeTempDirs());

const DDL = `CREATE TABLE sales.[Odd Name] (id bigint NOT NULL, amount decimal(12, 3) NULL, at datetime NULL, small smalldatetime NULL, g uniqueidentifier NULL,
  o datetimeoffset(3) NULL, t time(2) NULL, r real NULL, f float NULL, h hierarchyid NULL, shape geography NULL, v sql_variant NULL, x xml NULL, [select] nvarchar(10) NULL);`;

async function ddlCatalog(dir: string) {
  const file = path.join(dir, 'ddl.sql');
  writeFileSync(file, DDL);
  return (await extractCatalog([file])).catalog;
}

describe('live SQL Server (not run against a server)', () => {
  it('the SELECT for a table parses with our T-SQL parser, converts the types the driver cannot hand over', async () => {
    const catalog = await ddlCatalog(tempDir());
    const table = catalog.tables[0]!;
    const sql = liveSelectSql(table, loadColumns(table, catalog));
    const parsed = parseScript(sql);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.script.batches[0]!.statements[0]!.kind).toBe('SelectStatement');
    expect(sql).toContain('FROM [sales].[Odd Name]');
    expect(sql).toContain('[h].ToString() AS [h]');
    expect(sql).toContain('[shape].STAsText() AS [shape]');
    expect(sql).toContain('CONVERT(nvarchar(40), [o], 127) AS [o]');
    expect(sql).toContain('[select]');
  });

  it('converts values as mssql returns them', async () => {
    const catalog = await ddlCatalog(tempDir());
    const cols = loadColumns(catalog.tables[0]!, catalog);
    const col = (n: string) => cols.find((c) => c.name === n)!;
    expect(liveValue(new Date(Date.UTC(1996, 6, 4, 10, 11, 12, 123)), col('at'))).toBe('1996-07-04 10:11:12.123');
    expect(liveValue(12.5, col('amount'))).toBe('12.5');
    expect(liveValue('6F9619FF-8B86-D011-B42D-00C04FC964FF', col('g'))).toBe('6f9619ff-8b86-d011-b42d-00c04fc964ff');
    expect(liveValue(null, col('r'))).toBeNull();
    expect(liveValue(Buffer.from([1, 2]), col('x'))).toEqual(new Uint8Array([1, 2]));
  });

  it('a refused connection fails the table with MD5107, fast, and the load goes on', async () => {
    const dir = tempDir();
    const catalog = await ddlCatalog(dir);
    const t0 = Date.now();
    const r = await loadSourceData({ catalog, tables: allTables(catalog), inputs: ['mssql://sa@127.0.0.1:1/nowhere'], target: { kind: 'duckdb', path: path.join(dir, 'x.duckdb') } });
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(r.tables[0]!.status).toBe('failed');
    expect(r.tables[0]!.diagnostics.map((d) => d.code)).toContain('MD5107');
  }, 30_000);
});

describe('targets that cannot be opened', () => {
  it('a refused PostgreSQL or a locked DuckDB file is MD5110, not an exception', async () => {
    const dir = tempDir();
    const catalog = await ddlCatalog(dir);
    const r = await loadSourceData({ catalog, tables: allTables(catalog), inputs: [], target: { kind: 'postgres', url: 'postgres://nobody:secret@127.0.0.1:1/db' } });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['MD5110']);
    expect(r.diagnostics[0]!.message).not.toContain('secret');
    const r2 = await loadSourceData({ catalog, tables: allTables(catalog), inputs: [], target: { kind: 'duckdb', path: path.join(dir, 'no/such/dir/x.duckdb') } });
    expect(r2.diagnostics.map((d) => d.code)).toEqual(['MD5110']);
  });
});

describe('cancellation', () => {
  it('an abort mid-table rolls that table back to its previous rows and stops the load', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'ddl.sql'), 'CREATE TABLE dbo.Big (k int, s varchar(20)); CREATE TABLE dbo.Later (k int);');
    const data = path.join(dir, 'data');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(data);
    writeFileSync(path.join(data, 'Big.csv'), Array.from({ length: 20_000 }, (_, i) => `${i},row ${i}`).join('\n'));
    writeFileSync(path.join(data, 'Later.csv'), '1\n2\n');
    const { catalog } = await extractCatalog([path.join(dir, 'ddl.sql')]);
    const db = path.join(dir, 'c.duckdb');
    const opts = { catalog, tables: allTables(catalog), inputs: [], dataDir: data, target: { kind: 'duckdb' as const, path: db }, batchRows: 1000 };
    expect((await loadSourceData(opts)).rows).toBe(20_002);
    writeFileSync(path.join(data, 'Big.csv'), Array.from({ length: 20_000 }, (_, i) => `${i},changed`).join('\n'));
    const ac = new AbortController();
    const r = await loadSourceData({ ...opts, signal: ac.signal, onProgress: (p) => p.phase === 'rows' && p.rows >= 5000 && ac.abort() });
    expect(r.tables.map((t) => [t.name, t.status])).toEqual([['Big', 'cancelled']]);
    expect(r.tables[0]!.diagnostics.map((d) => d.code)).toEqual(['MD5112']);
    expect(await duckQuery(db, "SELECT count(*), count(*) FILTER (WHERE s = 'changed') FROM raw.Big")).toEqual([[20_000n, 0n]]);

    // PostgreSQL: the COPY in flight is failed (CopyFail), the transaction rolled back, the old rows kept.
    const pgh = await startPostgres();
    try {
      const schema = uniqueSchema('raw_cancel');
      writeFileSync(path.join(data, 'Big.csv'), Array.from({ length: 20_000 }, (_, i) => `${i},row ${i}`).join('\n'));
      const pgOpts = { ...opts, tables: allTables(catalog, schema), target: { kind: 'postgres' as const, url: await pgUrl(pgh) } };
      expect((await loadSourceData(pgOpts)).rows).toBe(20_002);
      writeFileSync(path.join(data, 'Big.csv'), Array.from({ length: 20_000 }, (_, i) => `${i},changed`).join('\n'));
      const ac2 = new AbortController();
      const r2 = await loadSourceData({ ...pgOpts, signal: ac2.signal, onProgress: (p) => p.phase === 'rows' && p.rows >= 5000 && ac2.abort() });
      expect(r2.tables.map((t) => [t.name, t.status])).toEqual([['Big', 'cancelled']]);
      expect(await pgh.query(`SELECT count(*), count(*) FILTER (WHERE s = 'changed') FROM ${schema}.big`)).toEqual([['20000', '0']]);
    } finally {
      await pgh.stop();
    }
  }, 60_000);
});

describe('BCP widenative decoder on types the corpus does not use', () => {
  it('bigint, decimal, datetime, smalldatetime, uniqueidentifier, datetimeoffset, time, real, float, NULLs; rows split across chunks', async () => {
    const catalog = await ddlCatalog(tempDir());
    const cols = loadColumns(catalog.tables[0]!, catalog).filter((c) => !['h', 'shape', 'v'].includes(c.name));
    const fields = bcpFields(cols);
    if (!Array.isArray(fields)) throw new Error(`unsupported ${fields.type}`);
    const parts: Buffer[] = [];
    const u8 = (...b: number[]) => parts.push(Buffer.from(b));
    const le = (n: number | bigint, size: number) => {
      const b = Buffer.alloc(size);
      if (size === 8) b.writeBigInt64LE(BigInt(n));
      else b.writeIntLE(Number(n), 0, size);
      parts.push(b);
    };
    le(-5n, 8); // id bigint NOT NULL: no prefix
    // amount decimal(12,3) = -1234.567: prefix 19, precision, scale, sign 0, magnitude 1234567 LE in 16 bytes.
    u8(19, 12, 3, 0); const mag = Buffer.alloc(16); mag.writeUInt32LE(1_234_567); parts.push(mag);
    // at datetime 1900-01-02 00:00:01.003: days 1, ticks 301.
    u8(8); le(1, 4); le(301, 4);
    // small smalldatetime 1900-01-03 01:02: days 2, minutes 62.
    u8(4); le(2, 2); le(62, 2);
    // g uniqueidentifier 6F9619FF-8B86-D011-B42D-00C04FC964FF, first three groups little-endian.
    u8(16); parts.push(Buffer.from('FF19966F868B11D0B42D00C04FC964FF', 'hex'));
    // o datetimeoffset(3): 2000-01-01 12:00:00.500 UTC at +02:00 → local 14:00:00.5+02:00. time(3) = 4 bytes.
    const days2000 = 730119; // 0001-01-01 → 2000-01-01
    u8(9); le(12 * 3600 * 1000 + 500, 4); le(days2000 & 0xffff, 2); u8(days2000 >> 16); le(120, 2);
    // t time(2) = 3 bytes: 01:02:03.04 → 372304 hundredths.
    u8(3); le(372_304, 3);
    u8(4); const r = Buffer.alloc(4); r.writeFloatLE(0.15); parts.push(r);
    u8(0xff); // f float NULL
    parts.push(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])); // x xml NULL (8-byte prefix)
    u8(4, 0); parts.push(Buffer.from('hé', 'utf16le')); // [select] nvarchar(10)
    const all = Buffer.concat(parts);
    const decoder = new BcpDecoder(fields);
    const rows = [...decoder.push(all.subarray(0, 17)), ...decoder.push(all.subarray(17))];
    expect(decoder.end()).toBeUndefined();
    expect(rows).toEqual([[
      '-5', '-1234.567', '1900-01-02 00:00:01.003', '1900-01-03 01:02:00', '6f9619ff-8b86-d011-b42d-00c04fc964ff',
      '2000-01-01 14:00:00.5+02:00', '01:02:03.04', '0.15', null, null, 'hé',
    ]]);
  });
});
