/**
 * Differential test on the Northwind corpus: its CREATE TABLEs and INSERTs are translated and
 * loaded into DuckDB and PostgreSQL, every view is translated and created on both, and each view
 * must return identical rows on both engines. The corpus is read in place (../shared/corpus).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transpile, type TranslatedStatement } from '../../src/translate/index.js';
import { openDuckDb, type DuckHandle } from '../helpers/duckdb.js';
import type { Row } from '../helpers/normalise.js';
import { startPostgres, type PgHandle } from '../helpers/postgres.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NORTHWIND = path.resolve(repoRoot, '../shared/corpus/northwind/instnwnd.sql');
const LOADED = new Set(['CreateTable', 'Insert', 'CreateView']);

/**
 * Northwind's Discount column is `real` (float4): DuckDB hands back the double expansion
 * (0.15000000596…) where PostgreSQL prints 0.15. Non-integer numbers are compared at float4's
 * 6 significant digits; everything else exactly.
 */
const float4 = (rows: Row[]) => rows.map((r) => r.map((c) => (c !== null && /^-?\d+\.\d{7,}$/.test(c) ? String(Number(Number(c).toPrecision(6))) : c)));
/**
 * Views computing `CONVERT(money, UnitPrice * Quantity * (1 - Discount) / 100)` with Discount a
 * `real`: SQL Server and DuckDB compute in single precision, PostgreSQL promotes numeric × real to
 * double precision, so rounding to money differs by a cent on some rows. Without column types in
 * the translator (no catalog yet) the multiplication cannot be cast to the source precision. These
 * views must still return the same number of rows; their values are not compared.
 */
const REAL_ARITHMETIC = new Set(['Invoices', '"Order Details Extended"', '"Order Subtotals"', '"Product Sales for 1997"', '"Category Sales for 1997"',
  '"Sales by Category"', '"Sales Totals by Amount"', '"Summary of Sales by Quarter"', '"Summary of Sales by Year"']);
const sorted = (rows: Row[]) => float4(rows).map((r) => JSON.stringify(r)).sort();

describe.skipIf(!existsSync(NORTHWIND))('Northwind views: DuckDB and PostgreSQL return the same rows', () => {
  const text = existsSync(NORTHWIND) ? readFileSync(NORTHWIND, 'utf8') : '';
  const plan = (to: 'duckdb' | 'postgres') => transpile(text, { to, file: NORTHWIND }).statements.filter((s) => LOADED.has(s.kind));
  const duckPlan = plan('duckdb');
  const pgPlan = plan('postgres');
  const views = duckPlan.filter((s) => s.kind === 'CreateView').map((s) => /^CREATE OR REPLACE VIEW (.+?) AS\n/.exec(s.sql)![1]!);
  let duck: DuckHandle;
  let pg: PgHandle;

  async function load(db: { exec(sql: string): Promise<void> }, stmts: readonly TranslatedStatement[]): Promise<void> {
    for (const s of stmts) {
      try {
        await db.exec(s.sql);
      } catch (err) {
        throw new Error(`line ${s.line}: ${(err as Error).message}\n${s.sql.slice(0, 500)}`);
      }
    }
  }

  beforeAll(async () => {
    [duck, pg] = await Promise.all([openDuckDb(), startPostgres()]);
    for (const db of [duck, pg]) await db.exec('CREATE SCHEMA IF NOT EXISTS dbo');
    await load(duck, duckPlan);
    await load(pg, pgPlan);
  }, 120_000);
  afterAll(async () => {
    await duck?.stop();
    await pg?.stop();
  });

  it('loads every table and view', () => {
    expect(duckPlan.filter((s) => s.kind === 'CreateTable').length).toBe(13);
    expect(views.length).toBe(16);
  });
  for (const view of views) {
    const known = REAL_ARITHMETIC.has(view);
    it(known ? `${view} (known difference: real arithmetic; row counts only)` : view, async () => {
      const [a, b] = await Promise.all([duck.query(`SELECT * FROM ${view}`), pg.query(`SELECT * FROM ${view}`)]);
      expect(a.length).toBeGreaterThan(0);
      if (known) expect(a.length).toBe(b.length);
      else expect(sorted(a)).toEqual(sorted(b));
    });
  }
});
