import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function file(sql: string): string {
  const f = path.join(mkdtempSync(path.join(tmpdir(), 'mssql2dbt-transpile-')), 'q.sql');
  writeFileSync(f, sql);
  return f;
}

describe('mssql2dbt transpile', () => {
  it('prints SQL that DuckDB runs with the T-SQL result', async () => {
    // DATEDIFF counts year boundaries: 1 (learn.microsoft.com/sql/t-sql/functions/datediff-transact-sql).
    const r = await run('transpile', '--to', 'duckdb', file("SELECT DATEDIFF(year, '2020-12-31', '2021-01-01') AS d, 'a' + NULL AS n, LEN('ab  ') AS l;"));
    expect(r.code).toBe(0);
    const db = await DuckDBInstance.create(':memory:');
    const rows = (await (await db.connect()).runAndReadAll(r.out)).getRowObjectsJson();
    expect(rows).toEqual([{ d: '1', n: null, l: '2' }]);
  });

  it('--json gives sql and diagnostics; --strict fails on any diagnostic', async () => {
    const f = file('SELECT * FROM dbo.Orders WITH (NOLOCK);');
    const json = await run('transpile', '--to', 'postgres', '--json', f);
    expect(json.code).toBe(0);
    const body = JSON.parse(json.out);
    expect(body.sql).toContain('FROM Orders');
    expect(body.diagnostics.length).toBeGreaterThan(0);
    expect((await run('transpile', '--to', 'postgres', '--strict', f)).code).toBe(1);
  });

  it('--schema renames schemas in table and function names; dbo is dropped unless kept', async () => {
    const f = file('SELECT s.a, dbo.fn(s.b) FROM Sales.Orders AS s JOIN dbo.Customers AS c ON c.id = s.cid;');
    const renamed = await run('transpile', '--to', 'duckdb', '--schema', 'Sales=sales_mart', f);
    expect(renamed.out).toContain('FROM sales_mart.Orders AS s');
    expect(renamed.out).toContain('JOIN Customers AS c');
    expect(renamed.out).toContain('fn(s.b)');
    const kept = await run('transpile', '--to', 'duckdb', '--schema', 'dbo=dbo', '--schema', 'sales=', f);
    expect(kept.out).toContain('FROM Orders AS s');
    expect(kept.out).toContain('JOIN dbo.Customers AS c');
    expect(kept.out).toContain('dbo.fn(s.b)');
    expect((await run('transpile', '--to', 'duckdb', '--schema', 'nope', f)).code).toBe(2);
  });

  it('exits 1 on a syntax error and 2 on an unknown target or a missing file', async () => {
    const bad = await run('transpile', '--to', 'duckdb', file('SELECT FROM;'));
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('MD1100');
    expect((await run('transpile', '--to', 'oracle', file('SELECT 1;'))).code).toBe(2);
    expect((await run('transpile', '--to', 'duckdb', '/no/such.sql')).code).toBe(2);
    expect((await run('transpile', file('SELECT 1;'))).code).toBe(2);
  });
});
