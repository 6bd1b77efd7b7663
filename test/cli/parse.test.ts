import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { generateScript } from '../../bench/generate-script.js';
import { corpusRoot, hasCorpus, repoRoot } from '../helpers/paths.js';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'mssql2dbt-parse-'));
}

describe('mssql2dbt parse', () => {
  it.skipIf(!hasCorpus)('prints one JSON report for folders, with files, counts by kind and no errors', async () => {
    const r = await run('parse', '--json', path.join(corpusRoot, 'northwind'), path.join(corpusRoot, 'wwi-dw'));
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.files.length).toBe(74);
    expect(report.errors).toEqual([]);
    expect(report.statementsByKind.CreateView).toBe(16);
    expect(report.statementsByKind.CreateProcedure).toBe(7 + 21);
    expect(report.statements).toBe(Object.values(report.statementsByKind as Record<string, number>).reduce((a, b) => a + b, 0));
  });

  it('reports errors with file, line and column and exits 1, still reading the other files', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a_bad.sql'), 'SELECT 1;\nSELECT a, FROM t;\n');
    writeFileSync(path.join(dir, 'b_good.sql'), 'SELECT 2;');
    const r = await run('parse', '--json', dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.files.map((f: { statements: number }) => f.statements)).toEqual([2, 1]);
    expect(report.errors).toEqual([{ file: path.join(dir, 'a_bad.sql'), line: 2, col: 11, code: 'MD1100', severity: 'error', message: "expected an expression but found 'FROM'" }]);
    const human = await run('parse', dir);
    expect(human.code).toBe(1);
    expect(human.out).toContain(`--> ${path.join(dir, 'a_bad.sql')}:2:11`);
    expect(human.out).toContain('2 | SELECT a, FROM t;');
  });

  it('exits 2 with a clear message on an unknown flag, a missing path or no path', async () => {
    expect((await run('parse', '--bogus', 'x')).code).toBe(2);
    const missing = await run('parse', '/no/such/place.sql');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('/no/such/place.sql: no such file or folder');
    expect((await run('parse')).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
  });

  it('handles an empty file, a UTF-16 file and a binary file', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'empty.sql'), '');
    writeFileSync(path.join(dir, 'unicode.sql'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("SELECT N'ü';", 'utf16le')]));
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub', 'binary.sql'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 1, 2, 3]));
    const r = await run('parse', '--json', dir);
    const report = JSON.parse(r.out);
    expect(report.files.map((f: { encoding: string; statements: number }) => [f.encoding, f.statements])).toEqual([['utf-8', 0], ['utf-8', 0], ['utf-16le', 1]]);
    expect(report.errors.map((e: { code: string }) => e.code)).toEqual(['MD1003']);
    expect(r.code).toBe(1);
  });

  it.each([
    ['truncated.sql', 'CREATE PROCEDURE p AS\nBEGIN\n  SELECT a FROM t WHERE', 3, 24],
    ['string.sql', "SELECT 1;\nSELECT 'never closed", 2, 8],
    ['comment.sql', 'SELECT 1;\n/* never closed', 2, 1],
    ['bracket.sql', 'SELECT [never closed', 1, 8],
    ['parens.sql', 'SELECT (1 + (2 * 3);\nSELECT 4;', 1, 20],
    ['begin.sql', 'BEGIN\n  SELECT 1;\n', 3, 1],
    ['end.sql', 'SELECT 1;\nEND;', 2, 1],
    ['nested.sql', 'SELECT ' + '('.repeat(10_000) + '1' + ')'.repeat(10_000), 1, 8 + 398],
  ])('%s: exit 1 and the error at its line and column', async (name, text, line, col) => {
    const dir = tempDir();
    const file = path.join(dir, name);
    writeFileSync(file, text);
    const r = await run('parse', '--json', file);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.errors.length).toBeGreaterThanOrEqual(1);
    expect(report.errors.some((e: { line: number; col: number }) => e.line === line && e.col === col), JSON.stringify(report.errors)).toBe(true);
  });

  it('parses a 50 MB script in bounded memory and reports the one error in its middle', () => {
    // A real child process with a 256 MB heap cap: the parse command keeps one batch's tree at a time.
    const dir = tempDir();
    const text = generateScript(25e6) + '\nSELECT (1 +;\nGO\n' + generateScript(25e6, 7);
    const file = path.join(dir, 'big.sql');
    writeFileSync(file, text);
    const bin = path.join(repoRoot, 'dist/src/cli/bin.js');
    const res = spawnSync(process.execPath, ['--max-old-space-size=256', bin, 'parse', '--json', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(1);
    const report = JSON.parse(res.stdout);
    expect(report.files[0].bytes).toBeGreaterThan(50e6);
    expect(report.statements).toBeGreaterThan(40_000);
    expect(report.errors).toHaveLength(1);
    const errorLine = text.slice(0, text.indexOf('SELECT (1 +;')).split('\n').length;
    expect(report.errors[0]).toMatchObject({ line: errorLine, col: 12, code: 'MD1100' });
  }, 120_000);
});
