/**
 * Zero false differences on real data: Northwind and pubs from the shared corpus are loaded by the
 * project's own loader (src/load, the path `migrate` uses) into DuckDB (a temp file) and into
 * PostgreSQL (a throwaway database each), then every table is diffed DuckDB-vs-PostgreSQL by its
 * primary key. The data covers money, datetime, Unicode (N'…'), image/binary, NULLs and char
 * padding; every table must be `verified` with nothing missing, changed or duplicated. Then a few
 * differences are injected into the PostgreSQL copy and exactly those must be reported.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractCatalog } from '../../src/catalog/extract.js';
import type { Catalog, Table } from '../../src/catalog/model.js';
import { loadSourceData } from '../../src/load/index.js';
import { diffTables, type DiffResult } from '../../src/validate/index.js';
import { corpusRoot, hasCorpus } from '../helpers/paths.js';
import { startPostgres, type PgHandle } from '../helpers/postgres.js';

const DATABASES = [
  { name: 'northwind', file: 'northwind/instnwnd.sql' },
  { name: 'pubs', file: 'pubs/instpubs.sql' },
] as const;

interface Loaded {
  readonly catalog: Catalog;
  readonly duckUrl: string;
  readonly pgUrl: string;
  /** PostgreSQL table names in schema raw, by lower-case name (the loader folds unquoted names). */
  readonly pgNames: Map<string, string>;
}

const qi = (s: string): string => `"${s.replace(/"/g, '""')}"`;

describe.skipIf(!hasCorpus)('corpus tables loaded by src/load: DuckDB vs PostgreSQL', () => {
  let pgh: PgHandle;
  let dir: string;
  const loaded = new Map<string, Loaded>();

  beforeAll(async () => {
    pgh = await startPostgres();
    dir = mkdtempSync(path.join(tmpdir(), 'mssql2dbt-corpus-diff-'));
    for (const db of DATABASES) {
      const file = path.join(corpusRoot, db.file);
      const { catalog } = await extractCatalog([file]);
      const tables = catalog.tables.map((table) => ({ table, raw: { schema: 'raw', identifier: table.name } }));
      const duckPath = path.join(dir, `${db.name}.duckdb`);
      const pgUrl = await pgh.createDatabase(`corpus_diff_${db.name}_${process.pid}`);
      const [d, p] = await Promise.all([
        loadSourceData({ catalog, tables, inputs: [file], target: { kind: 'duckdb', path: duckPath } }),
        loadSourceData({ catalog, tables, inputs: [file], target: { kind: 'postgres', url: pgUrl } }),
      ]);
      for (const r of [d, p]) expect(r.tables.every((t) => t.status === 'loaded' || t.status === 'empty')).toBe(true);
      const pg = await import('pg');
      const client = new pg.default.Client({ connectionString: pgUrl });
      await client.connect();
      const names = (await client.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'raw'`)).rows.map((r) => r.table_name);
      await client.end();
      loaded.set(db.name, { catalog, duckUrl: `duckdb://${duckPath}`, pgUrl, pgNames: new Map(names.map((n) => [n.toLowerCase(), n])) });
    }
  }, 120_000);
  afterAll(async () => {
    await pgh?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Columns whose value the loader computes at load time (a `getdate()` default for an INSERT
   * that omits the column: pubs titles.pubdate): each engine's load stamps its own clock, so the
   * two copies really differ by the milliseconds between the loads. They are diffed on their own.
   */
  const loadTime = (t: Table): string[] => t.columns.filter((c) => /getdate|sysdatetime|current_timestamp/i.test(c.default ?? '')).map((c) => c.name);

  const diffOne = (l: Loaded, t: Table, columns?: string[]): Promise<DiffResult> =>
    diffTables({
      source: l.duckUrl,
      target: l.pgUrl,
      sourceRelation: { table: `raw.${qi(t.name)}` },
      targetRelation: { table: `raw.${qi(l.pgNames.get(t.name.toLowerCase()) ?? t.name)}` },
      ...(t.primaryKey ? { key: [...t.primaryKey.columns] } : {}),
      ...(columns ? { columns } : {}),
    });

  /** Why a result is not a clean `verified` (empty when it is). */
  const problems = (r: DiffResult): string[] => {
    const out: string[] = [];
    if (r.status !== 'verified') out.push(`${r.status}: ${r.reason ?? ''}`);
    if (r.missingInSource + r.missingInTarget + r.changed + r.duplicates > 0) out.push(JSON.stringify(r.samples).slice(0, 600));
    for (const c of r.columns) {
      if (c.schema.some((d) => d.blocking)) out.push(`${c.source}: ${c.schema.map((d) => d.detail).join(', ')}`);
      if ((c.profile?.differences.length ?? 0) > 0) out.push(`${c.source} profile: ${c.profile?.differences.join(', ')}`);
    }
    return out;
  };

  for (const db of DATABASES) {
    it(`${db.name}: every table is verified with zero differences`, async () => {
      const l = loaded.get(db.name) as Loaded;
      const failures: string[] = [];
      let rows = 0;
      const stamped: string[] = [];
      for (const t of l.catalog.tables) {
        const skip = loadTime(t);
        const r = await diffOne(l, t, skip.length > 0 ? t.columns.map((c) => c.name).filter((c) => !skip.includes(c)) : undefined);
        rows += r.rowsSource;
        for (const p of problems(r)) failures.push(`${t.name}: ${p}`);
        if (skip.length === 0) continue;
        // The load-time columns: at most the rows whose INSERT omitted them differ, and only there.
        const s = await diffOne(l, t, [...(t.primaryKey?.columns ?? []), ...skip]);
        expect(s.missingInSource + s.missingInTarget + s.duplicates).toBe(0);
        for (const c of s.samples.changed) stamped.push(`${t.name}.${c.columns.map((x) => x.column).join(',')}:${c.key.join(',')}`);
      }
      expect(failures).toEqual([]);
      if (db.name === 'pubs') expect(stamped.every((x) => x === 'titles.pubdate:MC3026' || x === 'titles.pubdate:PC9999')).toBe(true);
      expect(l.catalog.tables.length).toBeGreaterThan(9);
      expect(rows).toBeGreaterThan(200);
    }, 60_000);
  }

  it('northwind: exactly the injected differences are reported', async () => {
    const l = loaded.get('northwind') as Loaded;
    const byName = (n: string): Table => l.catalog.tables.find((t) => t.name === n) as Table;
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: l.pgUrl });
    await client.connect();
    try {
      // A money value, a deleted row, NULL → '' and '' → … in a text column (Region is NULL for many customers).
      await client.query(`UPDATE raw.orders SET freight = freight + 0.0001 WHERE orderid = 10250`);
      await client.query(`DELETE FROM raw.orders WHERE orderid = 10260`);
      await client.query(`UPDATE raw.customers SET region = '' WHERE customerid = 'ALFKI'`);
      await client.query(`UPDATE raw."Order Details" SET unitprice = 0 WHERE orderid = 10248 AND productid = 11`);
    } finally {
      await client.end();
    }
    const orders = await diffOne(l, byName('Orders'));
    expect(orders.status).toBe('mismatch');
    expect([orders.missingInTarget, orders.missingInSource, orders.changed, orders.duplicates]).toEqual([1, 0, 1, 0]);
    expect(orders.samples.missingInTarget).toEqual([['10260']]);
    expect(orders.samples.changed).toEqual([{ key: ['10250'], columns: [{ column: 'Freight', kind: 'value', source: '65.8300', target: '65.8301' }] }]);

    const customers = await diffOne(l, byName('Customers'));
    expect([customers.missingInTarget, customers.missingInSource, customers.changed]).toEqual([0, 0, 1]);
    expect(customers.samples.changed).toEqual([{ key: ['ALFKI'], columns: [{ column: 'Region', kind: 'null-vs-empty', source: null, target: '' }] }]);

    const details = await diffOne(l, byName('Order Details'));
    expect([details.missingInTarget, details.missingInSource, details.changed]).toEqual([0, 0, 1]);
    expect(details.samples.changed).toEqual([{ key: ['10248', '11'], columns: [{ column: 'UnitPrice', kind: 'value', source: '14.0000', target: '0.0000' }] }]);
  }, 60_000);
});
