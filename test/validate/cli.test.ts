/** `mssql2dbt diff` in process: exit codes 0 / 1 / 2, text and JSON output. DuckDB files only. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createScript, duckFile, makeRows } from './dataset.js';

let duck: { url: string; cleanup: () => void };

beforeAll(async () => {
  const rows = makeRows(300);
  const changed = rows.map((r) => (r.id === 7 ? { ...r, code: 'CHANGED' } : r)).filter((r) => r.id !== 9);
  duck = await duckFile(`${createScript('main.a', rows, 'duckdb')};\n${createScript('main.b', rows, 'duckdb')};\n${createScript('main.c', changed, 'duckdb')}`);
});
afterAll(() => duck?.cleanup());

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('mssql2dbt diff', () => {
  it('exits 0 on equal tables', async () => {
    const r = await run(['diff', '--source', duck.url, '--target', duck.url, '--table', 'main.a=main.b', '--key', 'id']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^verified \(score 100\)/);
  });

  it('exits 1 and lists the differences', async () => {
    const r = await run(['diff', '--source', duck.url, '--target', duck.url, '--table', 'main.a=main.c', '--key', 'id']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('missing in target: 9');
    expect(r.out).toContain('changed 7: code "C00007" → "CHANGED"');
    expect(r.err).toContain('MD6010');
  });

  it('prints the DiffResult as JSON', async () => {
    const r = await run(['diff', '--source', duck.url, '--target', duck.url, '--table', 'main.a=main.c', '--key', 'id', '--columns', 'code', '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ rowsSource: 300, rowsTarget: 299, missingInTarget: 1, missingInSource: 0, changed: 1, status: 'mismatch' });
    expect(j.columns.map((c: { source: string }) => c.source)).toEqual(['id', 'code']);
    expect(j.samples.changed[0]).toEqual({ key: ['7'], columns: [{ column: 'code', kind: 'value', source: 'C00007', target: 'CHANGED' }] });
  });

  it('exits 2 on a refused connection, without hanging', async () => {
    const r = await run(['diff', '--source', duck.url, '--target', 'postgres://nobody@127.0.0.1:1/db', '--table', 'main.a', '--key', 'id']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('MD6001');
  });

  it('exits 2 on usage errors', async () => {
    expect((await run(['diff', '--source', 'oracle://x', '--target', duck.url, '--table', 'a'])).code).toBe(2);
    expect((await run(['diff', '--source', duck.url, '--target', duck.url])).code).toBe(2);
    expect((await run(['diff', '--source', duck.url, '--target', duck.url, '--table', 'main.a', '--tolerance', 'x'])).code).toBe(2);
    expect((await run(['diff', '--source', 'duckdb:///no/such/file.db', '--target', duck.url, '--table', 'main.a'])).code).toBe(2);
    expect((await run(['diff', '--source', duck.url, '--target', duck.url, '--table', 'main.a', '--key', 'nope'])).code).toBe(2);
  });
});
