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
import { float4Shortest, type Row } from '../helpers/normalise.js';
import { startPostgres, type PgHandle } from '../helpers/postgres.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NORTHWIND = path.resolve(repoRoot, '../shared/corpus/northwind/instnwnd.sql');
const LOADED = new Set(['CreateTable', 'Insert', 'CreateView']);

/**
 * Northwind's Discount column is `real` (float4): DuckDB hands back the double expansion
 * (0.15000000596…) where PostgreSQL prints 0.15; `float4Shortest` prints both the same way (the
 * value is not changed). Everything else is compared exactly.
 */
const sorted = (rows: Row[]) => rows.map((r) => JSON.stringify(r.map(float4Shortest))).sort();

describe('float4Shortest: representation only', () => {
  it('prints a float4 value as PostgreSQL does and leaves everything else alone', () => {
    expect(float4Shortest(String(Math.fround(0.15)))).toBe('0.15');
    expect(float4Shortest(String(Math.fround(0.05)))).toBe('0.05');
    expect(float4Shortest(String(Math.fround(1234.567)))).toBe('1234.567');
    // Not a float4 (a double, money, an integer, text, NULL): unchanged.
    for (const c of ['0.1500000000000001', '0.15', '1552.6', '440', 'abc', null]) expect(float4Shortest(c)).toBe(c);
  });
});

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
    it(view, async () => {
      const [a, b] = await Promise.all([duck.query(`SELECT * FROM ${view}`), pg.query(`SELECT * FROM ${view}`)]);
      expect(a.length).toBeGreaterThan(0);
      expect(sorted(a)).toEqual(sorted(b));
    });
  }
});
