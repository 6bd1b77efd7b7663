/**
 * Northwind and pubs loaded from their install scripts' INSERT statements into DuckDB (a temp file)
 * and PostgreSQL (throwaway server): row counts equal the INSERT statements per table, counted here
 * independently with a regular expression over the script text; spot values exact.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSourceData, type LoadReport } from '../../src/load/index.js';
import { transpile } from '../../src/translate/index.js';
import { DuckDBInstance } from '@duckdb/node-api';
import { corpusRoot, hasCorpus } from '../helpers/paths.js';
import { startPostgres, type PgHandle } from '../helpers/postgres.js';
import { allTables, catalogOf, duckQuery, pgUrl, removeTempDirs, tempDir, uniqueSchema } from './helpers.js';

const NORTHWIND = path.join(corpusRoot, 'northwind/instnwnd.sql');
const PUBS = path.join(corpusRoot, 'pubs/instpubs.sql');

/** INSERT statements per table (lower-case name), counted from the text without our parser. */
function insertCounts(file: string): Map<string, number> {
  const text = readFileSync(file, 'utf8');
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/^\s*insert\s+(?:into\s+)?(?:\[?dbo\]?\.)?["[]?([A-Za-z_][A-Za-z_ ]*?)["\]]?\s*(?:\(|values)/gim)) {
    const k = m[1]!.toLowerCase();
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

function rowsByTable(r: LoadReport): Map<string, number> {
  return new Map(r.tables.filter((t) => t.rows > 0).map((t) => [t.name.toLowerCase(), t.rows]));
}

describe.skipIf(!hasCorpus)('script INSERTs → DuckDB and PostgreSQL', () => {
  let pgh: PgHandle;
  let url: string;
  const duck = { northwind: '', pubs: '' };
  const reports: Record<string, LoadReport> = {};
  const pgSchema = uniqueSchema('raw_scripts');

  beforeAll(async () => {
    pgh = await startPostgres();
    url = await pgUrl(pgh);
    for (const [name, file] of [['northwind', NORTHWIND], ['pubs', PUBS]] as const) {
      const catalog = await catalogOf([file]);
      duck[name] = path.join(tempDir(), `${name}.duckdb`);
      reports[`duck-${name}`] = await loadSourceData({ catalog, tables: allTables(catalog), inputs: [file], target: { kind: 'duckdb', path: duck[name] } });
      reports[`pg-${name}`] = await loadSourceData({ catalog, tables: allTables(catalog, `${pgSchema}_${name}`), inputs: [file], target: { kind: 'postgres', url } });
    }
  }, 120_000);
  afterAll(async () => {
    await pgh?.stop();
    removeTempDirs();
  });

  for (const [name, file] of [['northwind', NORTHWIND], ['pubs', PUBS]] as const) {
    it(`${name}: rows per table = INSERT statements per table, on both engines`, async () => {
      const expected = insertCounts(file);
      expect(expected.size).toBeGreaterThan(9);
      for (const engine of ['duck', 'pg']) {
        const r = reports[`${engine}-${name}`]!;
        expect(rowsByTable(r)).toEqual(expected);
        expect(r.tables.every((t) => t.status === 'loaded' || t.status === 'empty')).toBe(true);
        expect(r.tables.filter((t) => t.rows > 0).every((t) => t.source === 'script-inserts')).toBe(true);
      }
      // The engines hold what the report says.
      const order = name === 'northwind' ? '"Order Details"' : 'sales';
      const [[n]] = await duckQuery(duck[name], `SELECT count(*) FROM raw.${order}`);
      expect(Number(n)).toBe(expected.get(name === 'northwind' ? 'order details' : 'sales'));
      const [[m]] = await pgh.query(`SELECT count(*) FROM ${pgSchema}_${name}.${order}`);
      expect(Number(m)).toBe(expected.get(name === 'northwind' ? 'order details' : 'sales'));
    });
  }

  it('northwind spot values: dates under SET DATEFORMAT mdy, money, N\'…\' text, quotes, NULLs, image bytes', async () => {
    const sql = `SELECT CAST(OrderDate AS VARCHAR), CAST(Freight AS VARCHAR), ShipName, ShipAddress, ShipRegion FROM raw.Orders WHERE OrderID = 10248`;
    expect(await duckQuery(duck.northwind, sql)).toEqual([['1996-07-04 00:00:00', '32.3800', 'Vins et alcools Chevalier', "59 rue de l'Abbaye", null]]);
    // The PostgreSQL test helper normalises numeric text (32.3800 → 32.38); the column is NUMERIC(19, 4).
    expect(await pgh.query(sql.replace('raw.', `${pgSchema}_northwind.`).replace(/VARCHAR/g, 'TEXT'))).toEqual([['1996-07-04 00:00:00', '32.38', 'Vins et alcools Chevalier', "59 rue de l'Abbaye", null]]);
    expect(await pgh.query(`SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '${pgSchema}_northwind.orders'::regclass AND attname = 'freight'`)).toEqual([['numeric(19,4)']]);
    expect(await duckQuery(duck.northwind, `SELECT CompanyName, Region FROM raw.Customers WHERE CustomerID = 'ANTON'`)).toEqual([['Antonio Moreno Taquería', null]]);
    const [[hex, len]] = await duckQuery(duck.northwind, `SELECT hex(Picture[1:4]), octet_length(Picture) FROM raw.Categories WHERE CategoryID = 1`);
    expect(hex).toBe('151C2F00');
    const picture = /VALUES\(1,'Beverages','[^']*',0x([0-9A-F]+)\)/.exec(readFileSync(NORTHWIND, 'utf8'))![1]!;
    expect(Number(len)).toBe(picture.length / 2);
    const [[pgHex]] = await pgh.query(`SELECT encode(substring(Picture from 1 for 4), 'hex') FROM ${pgSchema}_northwind.Categories WHERE CategoryID = 1`);
    expect(pgHex).toBe('151c2f00');
    expect(await duckQuery(duck.northwind, `SELECT CAST(UnitPrice AS VARCHAR), Discontinued FROM raw.Products WHERE ProductName = 'Chai'`)).toEqual([['18.0000', 0]]);
  });

  it('pubs spot values: mdy dates, omitted columns from defaults and identity, NULL price, image logo, text', async () => {
    const db = duck.pubs;
    expect(await duckQuery(db, `SELECT CAST(pubdate AS VARCHAR), CAST(price AS VARCHAR) FROM raw.titles WHERE title_id = 'BU1032'`)).toEqual([['1991-06-12 00:00:00', '19.9900']]);
    // MC3026 lists only title_id, title, pub_id: type and pubdate come from their defaults, price is NULL.
    const [[type, price, pubdate]] = await duckQuery(db, `SELECT type, price, pubdate FROM raw.titles WHERE title_id = 'MC3026'`);
    expect(String(type).trim()).toBe('UNDECIDED');
    expect(price).toBeNull();
    expect(pubdate).not.toBeNull();
    expect(await duckQuery(db, `SELECT city FROM raw.publishers WHERE pub_id = '9901'`)).toEqual([['M\uFFFDnchen']]);
    // jobs has an identity column the INSERTs omit: 1..14.
    expect(await duckQuery(db, `SELECT min(job_id), max(job_id), count(DISTINCT job_id) FROM raw.jobs`)).toEqual([[1, 14, 14n]]);
    const [[logo]] = await duckQuery(db, `SELECT hex(logo[1:6]) FROM raw.pub_info WHERE pub_id = '0736'`);
    expect(logo).toBe('474946383961'); // GIF89a
    const [[pr]] = await pgh.query(`SELECT left(pr_info, 40) FROM ${pgSchema}_pubs.pub_info WHERE pub_id = '0736'`);
    expect(pr).toBe('This is sample text data for New Moon Bo');
    expect(await pgh.query(`SELECT CAST(hire_date AS TEXT) FROM ${pgSchema}_pubs.employee WHERE emp_id = 'PMA42628M'`)).toEqual([['1992-08-27 00:00:00']]);
  });

  it('the translated Northwind views resolve the raw tables on both engines (same identifier spelling)', async () => {
    const text = readFileSync(NORTHWIND, 'utf8');
    const views = (to: 'duckdb' | 'postgres') => transpile(text, { to, file: NORTHWIND }).statements.filter((s) => s.kind === 'CreateView').map((s) => s.sql);
    const pgViews = views('postgres');
    expect(pgViews.length).toBe(16);
    await pgh.exec(`SET search_path TO ${pgSchema}_northwind`);
    for (const v of pgViews) await pgh.exec(v);
    expect(Number((await pgh.query('SELECT count(*) FROM "Order Details Extended"'))[0]![0])).toBe(2155);
    await pgh.exec('SET search_path TO public');
    const instance = await DuckDBInstance.create(duck.northwind);
    const conn = await instance.connect();
    try {
      await conn.run("SET search_path = 'raw'");
      for (const v of views('duckdb')) await conn.run(v);
      expect((await conn.runAndReadAll('SELECT count(*) FROM "Order Details Extended"')).getRowsJS()).toEqual([[2155n]]);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });

  it('re-loading replaces the rows (idempotent) and the DuckDB file is closed for the next process', async () => {
    const catalog = await catalogOf([PUBS]);
    const again = await loadSourceData({ catalog, tables: allTables(catalog), inputs: [PUBS], target: { kind: 'duckdb', path: duck.pubs } });
    expect(rowsByTable(again)).toEqual(rowsByTable(reports['duck-pubs']!));
    expect(await duckQuery(duck.pubs, 'SELECT count(*) FROM raw.authors')).toEqual([[23n]]);
    const pgAgain = await loadSourceData({ catalog, tables: allTables(catalog, `${pgSchema}_pubs`), inputs: [PUBS], target: { kind: 'postgres', url } });
    expect(pgAgain.rows).toBe(reports['pg-pubs']!.rows);
    expect(await pgh.query(`SELECT count(*) FROM ${pgSchema}_pubs.authors`)).toEqual([['23']]);
  }, 60_000);
});
