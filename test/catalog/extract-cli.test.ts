import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/io/atomic-write.js';
import { parseVars } from '../../src/cli/inputs.js';
import { main } from '../../src/cli/main.js';
import type { Catalog } from '../../src/catalog/model.js';
import { corpusRoot, hasCorpus } from '../helpers/paths.js';
import { schemaErrors } from './validate-catalog.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mssql2dbt-extract-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const readCatalog = (file: string): Catalog => JSON.parse(fs.readFileSync(file, 'utf8')) as Catalog;

describe('mssql2dbt extract', () => {
  it.skipIf(!hasCorpus)('writes a valid metadata.json for a clean input and exits 0', async () => {
    const out = path.join(tmp, 'northwind.json');
    const r = await run('extract', path.join(corpusRoot, 'northwind'), '-o', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain('13 tables, 16 views, 7 procedures');
    expect(r.out).toContain(`wrote ${out}`);
    const catalog = readCatalog(out);
    expect(schemaErrors(catalog)).toEqual([]);
    expect(catalog.tables).toHaveLength(13);
    // No temp file is left beside the output.
    expect(fs.readdirSync(tmp).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it.skipIf(!hasCorpus)('prints a JSON summary with --json and takes --var values', async () => {
    const out = path.join(tmp, 'aw.json');
    const r = await run('extract', path.join(corpusRoot, 'adventureworks-dw'), '-o', out, '--var', 'DatabaseName=AWDW', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { counts: Record<string, number>; errors: number; written: boolean; sources: { database?: string }[] };
    expect(report).toMatchObject({ written: true, errors: 0, counts: { tables: 31, views: 5, functions: 3, triggers: 1 } });
    // --var wins over the script's own :setvar DatabaseName.
    expect(report.sources[0]!.database).toBe('AWDW');
    expect(schemaErrors(readCatalog(out))).toEqual([]);
  });

  it('exits 1 when an input has errors, still writing what was read, with file:line:col', async () => {
    const good = path.join(tmp, 'good.sql');
    const bad = path.join(tmp, 'bad.sql');
    fs.writeFileSync(good, 'CREATE TABLE dbo.A (x int);\n');
    fs.writeFileSync(bad, 'CREATE TABLE dbo.B (y int);\nGO\nSELECT FROM WHERE;\n');
    const out = path.join(tmp, 'partial.json');
    const r = await run('extract', good, bad, path.join(tmp, 'missing-dir'), '-o', out);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: error\\[MD1100\\]`));
    expect(r.out).toContain('error[MD2033]: input');
    const catalog = readCatalog(out);
    expect(catalog.tables.map((t) => t.name)).toEqual(['A', 'B']);
    expect(schemaErrors(catalog)).toEqual([]);
  });

  it('exits 1 for a corrupt package and keeps the JSON summary machine-readable', async () => {
    const pkg = path.join(tmp, 'corrupt.bacpac');
    fs.writeFileSync(pkg, 'PK\u0003\u0004 truncated');
    const out = path.join(tmp, 'corrupt.json');
    const r = await run('extract', pkg, '-o', out, '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { diagnostics: { code: string }[] };
    expect(report.diagnostics.map((d) => d.code)).toEqual(['MD2001']);
    expect(schemaErrors(readCatalog(out))).toEqual([]);
  });

  it('creates the output folder when it does not exist yet (the demo writes to .out/demo/)', async () => {
    const dir = path.join(tmp, 'not', 'yet', 'there');
    const sql = path.join(tmp, 'one.sql');
    fs.writeFileSync(sql, 'CREATE TABLE dbo.T (id int PRIMARY KEY);');
    const r = await run('extract', sql, '-o', path.join(dir, 'metadata.json'));
    expect(r.code).toBe(0);
    expect(readCatalog(path.join(dir, 'metadata.json')).tables).toHaveLength(1);
  });

  it('exits 2 on usage errors: no input, no -o, a malformed --var', async () => {
    expect((await run('extract', '-o', path.join(tmp, 'x.json'))).code).toBe(2);
    expect((await run('extract', tmp)).code).toBe(2);
    const r = await run('extract', tmp, '-o', path.join(tmp, 'x.json'), '--var', 'no-equals-sign');
    expect(r.code).toBe(2);
    expect(r.err).toContain("--var expects NAME=VALUE, got 'no-equals-sign'");
    expect(fs.existsSync(path.join(tmp, 'x.json'))).toBe(false);
  });

  it('parses --var values and writes files atomically', () => {
    expect(parseVars(['A=1', 'Path=C:\\x=y', 'Empty='])).toEqual({ vars: { A: '1', Path: 'C:\\x=y', Empty: '' } });
    expect(parseVars(['=1'])).toEqual({ bad: '=1' });
    const f = path.join(tmp, 'atomic.json');
    writeFileAtomic(f, 'one');
    writeFileAtomic(f, 'two');
    expect(fs.readFileSync(f, 'utf8')).toBe('two');
    // A folder that cannot exist (its parent is a file) is an error, not a half-written file.
    expect(() => writeFileAtomic(path.join(f, 'inside-a-file', 'f.json'), 'x')).toThrow();
  });
});
