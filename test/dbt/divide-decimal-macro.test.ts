/**
 * The shipped `mssql2dbt_divide_decimal` macro under real dbt: a model translated with the portable
 * `dbt` target (which calls the macro) is run by dbt-duckdb and dbt-postgres, and the quotients must
 * carry SQL Server's digits (precision/scale rules, truncated; see test/translate/decimal-arithmetic.test.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { divideDecimalMacro } from '../../src/dbt/project-files.js';
import { transpile } from '../../src/translate/index.js';
import { openDuckDb } from '../helpers/duckdb.js';
import { normaliseValue } from '../helpers/normalise.js';
import { startPostgres, type PgHandle } from '../helpers/postgres.js';
import { dbt, hasDbt } from './dbt-cli.js';

const QUERY = `SELECT 2.0 / 3 AS a, -2.0 / 3 AS b, CAST(1.67574 AS decimal(38, 10)) / CAST(10000 AS decimal(38, 10)) AS c,
  12345678901234.5678 / 7 AS d, CAST(10 AS decimal(5, 2)) / CAST(3 AS int) AS e`;
const SQL_SERVER = ['0.666666', '-0.666666', '0.000167', '1763668414462.081114', '3.3333333333333'];

function project(dir: string, profile: string): void {
  mkdirSync(path.join(dir, 'models'), { recursive: true });
  mkdirSync(path.join(dir, 'macros'), { recursive: true });
  writeFileSync(path.join(dir, 'dbt_project.yml'), "name: quotients\nversion: '1.0.0'\nprofile: quotients\nmodels:\n  quotients:\n    +materialized: table\n");
  writeFileSync(path.join(dir, 'profiles.yml'), `quotients:\n  target: main\n  outputs:\n    main:\n${profile}`);
  const macro = divideDecimalMacro();
  writeFileSync(path.join(dir, macro.path), macro.content);
  const model = transpile(QUERY, { to: 'dbt' });
  expect(model.diagnostics).toEqual([]);
  expect(model.sql).toContain('mssql2dbt_divide_decimal(');
  writeFileSync(path.join(dir, 'models', 'quotients.sql'), model.sql.replace(/;$/, ''));
}

describe.skipIf(!hasDbt)('mssql2dbt_divide_decimal under real dbt', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'dbt-divide-'));
  let pg: PgHandle;
  beforeAll(async () => {
    pg = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await pg?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('dbt-duckdb', async () => {
    const dir = path.join(tmp, 'duckdb');
    const file = path.join(dir, 'q.duckdb');
    project(dir, `      type: duckdb\n      path: ${JSON.stringify(file)}\n      threads: 1\n`);
    const run = dbt(dir, 'run');
    expect(run.code, run.output).toBe(0);
    const db = await openDuckDb(file);
    try {
      expect((await db.query('SELECT a, b, c, d, e FROM quotients'))[0]).toEqual(SQL_SERVER.map(normaliseValue));
    } finally {
      await db.stop();
    }
  }, 120_000);

  it('dbt-postgres', async () => {
    const dir = path.join(tmp, 'postgres');
    const url = new URL(await pg.createDatabase('quotients'));
    project(dir, [
      '      type: postgres', `      host: ${url.hostname}`, `      port: ${url.port || 5432}`, `      user: ${decodeURIComponent(url.username)}`,
      `      password: ${JSON.stringify(decodeURIComponent(url.password))}`, `      dbname: ${url.pathname.slice(1)}`, '      schema: public', '      threads: 1', '',
    ].join('\n'));
    const run = dbt(dir, 'run');
    expect(run.code, run.output).toBe(0);
    const client = new postgres.Client({ connectionString: url.href });
    await client.connect();
    try {
      const { rows } = await client.query({ text: 'SELECT a, b, c, d, e FROM public.quotients', rowMode: 'array' });
      expect((rows[0] as unknown[]).map(normaliseValue)).toEqual(SQL_SERVER.map(normaliseValue));
    } finally {
      await client.end();
    }
  }, 120_000);
});
