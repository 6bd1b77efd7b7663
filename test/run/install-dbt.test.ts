/**
 * scripts/install-dbt.mjs without pip (a real install takes ~30 s; it was run by hand, see
 * src/run/README.md): the stamp that makes re-runs instant, and failures that must not break
 * `npm install` outside CI. Every case points MSSQL2DBT_VENV at a temporary fake venv.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';

const script = path.join(repoRoot, 'scripts', 'install-dbt.mjs');
const requirementsHash = createHash('sha256').update(readFileSync(path.join(repoRoot, 'python', 'requirements.txt'))).digest('hex');
const STAMP = '.mssql2dbt-requirements.sha256';

function fakeVenv(files: Record<string, string>): string {
  const venv = mkdtempSync(path.join(tmpdir(), 'mssql2dbt-venv-'));
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(venv, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    if (name.startsWith('bin/')) chmodSync(file, 0o755);
  }
  return venv;
}

function install(venv: string, env: Record<string, string> = {}): { code: number | null; stderr: string; ms: number } {
  const started = Date.now();
  // No real Python may be used: a test that reached `python -m venv` would install for real.
  const r = spawnSync(process.execPath, [script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', MSSQL2DBT_VENV: venv, MSSQL2DBT_PYTHON: '/nonexistent/python3', ...env },
  });
  return { code: r.status, stderr: r.stderr, ms: Date.now() - started };
}

const stubDbt = '#!/bin/sh\necho stub dbt\n';
// A venv python that runs but whose pip fails (no network, no such version).
const failingPython = '#!/bin/sh\nif [ "$1" = "-c" ]; then echo 3.11.7; exit 0; fi\necho "ERROR: No matching distribution found for dbt-core==1.11.16" >&2\nexit 1\n';

describe.skipIf(process.platform === 'win32')('scripts/install-dbt.mjs', () => {
  it('skips at once when the stamp matches requirements.txt and bin/dbt exists', () => {
    const venv = fakeVenv({ 'bin/dbt': stubDbt, [STAMP]: `${requirementsHash}\n` });
    const r = install(venv);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/dbt is installed in .* \(python\/requirements\.txt unchanged\)/);
    expect(r.ms).toBeLessThan(5000);
  });

  it('installs again when requirements.txt changed (stale stamp); without Python it explains and exits 0, or 1 in CI', () => {
    const venv = fakeVenv({ 'bin/dbt': stubDbt, [STAMP]: '0000\n' });
    const r = install(venv);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/dbt was NOT installed: no Python found/);
    expect(r.stderr).toMatch(/fix: install Python 3\.10 or later .*then run `npm run setup:dbt`/);
    expect(install(venv, { CI: 'true' }).code).toBe(1);
  });

  it('reports a pip failure with pip’s own words and leaves no stamp, so the next run retries', () => {
    // A matching stamp without bin/dbt: a venv whose install was interrupted.
    const venv = fakeVenv({ 'bin/python': failingPython, [STAMP]: `${requirementsHash}\n` });
    const r = install(venv);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/dbt was NOT installed: pip could not install python\/requirements\.txt/);
    expect(r.stderr).toMatch(/No matching distribution found for dbt-core/);
    expect(r.stderr).toMatch(/PIP_INDEX_URL/);
    expect(existsSync(path.join(venv, STAMP))).toBe(false);
    expect(install(venv, { CI: '1' }).code).toBe(1);
  });

  it('does nothing with MSSQL2DBT_SKIP_DBT_INSTALL=1', () => {
    const venv = fakeVenv({});
    const r = install(venv, { MSSQL2DBT_SKIP_DBT_INSTALL: '1' });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/MSSQL2DBT_SKIP_DBT_INSTALL is set/);
    expect(existsSync(path.join(venv, 'bin'))).toBe(false);
  });
});
