import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { tryLocateDbt } from '../../src/run/index.js';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const dbt = tryLocateDbt();
const saved = { DBT_PATH: process.env.DBT_PATH, MSSQL2DBT_VENV: process.env.MSSQL2DBT_VENV };
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('mssql2dbt doctor', () => {
  it.skipIf(dbt instanceof Error && !process.env.CI)('reports the dbt executable (key `dbt`), dbt-core and both adapters, exit 0', async () => {
    const r = await run('doctor', '--json');
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ node: process.versions.node, dbt: (dbt as { path: string }).path, missing: [], ok: true });
    expect(report.python).toMatch(/^3\.\d+\.\d+$/);
    expect(report.dbtVersion).toMatch(/^1\.\d+\.\d+/);
    expect(report.adapters.duckdb).toMatch(/^1\.\d+\.\d+/);
    expect(report.adapters.postgres).toMatch(/^1\.\d+\.\d+/);
    expect(r.code).toBe(0);
    const text = await run('doctor');
    expect(text.out).toMatch(/^dbt +1\.\d+\.\d+ +\(/m);
    expect(text.out).toMatch(/ok: dbt and both adapters are ready/);
  });

  it('says what is missing and the fix, exit 1, when dbt cannot be found', async () => {
    process.env.DBT_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'mssql2dbt-doctor-')), 'no-dbt');
    const r = await run('doctor', '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ dbt: null, dbtVersion: null, adapters: { duckdb: null, postgres: null }, ok: false });
    expect(report.missing).toEqual(expect.arrayContaining([{ what: expect.stringContaining('is not an executable'), fix: expect.stringContaining('npm run setup:dbt') }]));
    const text = await run('doctor');
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/missing: dbt[\s\S]*fix: run `npm run setup:dbt`/);
  });
});
