import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';
import { DbtNotFoundError, interpreterOf, locateDbt, packageRoot, parseDbtVersionOutput } from '../../src/run/index.js';

function executable(file: string, text = '#!/bin/sh\nexit 0\n'): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  chmodSync(file, 0o755);
  return file;
}

const temp = (): string => mkdtempSync(path.join(tmpdir(), 'mssql2dbt-locate-'));

describe('locateDbt', () => {
  it('finds the package root from the source tree', () => {
    expect(packageRoot()).toBe(repoRoot);
  });

  it('honours DBT_PATH before anything else', () => {
    const dbt = executable(path.join(temp(), 'my-dbt'));
    const venv = temp();
    executable(path.join(venv, 'bin', 'dbt'));
    expect(locateDbt({ DBT_PATH: dbt, MSSQL2DBT_VENV: venv, PATH: '' })).toEqual({ path: dbt, foundBy: 'DBT_PATH' });
  });

  it('does not fall back when DBT_PATH is wrong: the user asked for that dbt', () => {
    const venv = temp();
    executable(path.join(venv, 'bin', 'dbt'));
    expect(() => locateDbt({ DBT_PATH: '/nonexistent/dbt', MSSQL2DBT_VENV: venv })).toThrow(DbtNotFoundError);
    expect(() => locateDbt({ DBT_PATH: '/nonexistent/dbt' })).toThrow(/DBT_PATH=\/nonexistent\/dbt is not an executable file; run `npm run setup:dbt`/);
  });

  it('uses the venv (MSSQL2DBT_VENV) before PATH, then PATH, then says how to install', () => {
    const venv = temp();
    const bin = temp();
    const onPath = executable(path.join(bin, 'dbt'));
    expect(locateDbt({ MSSQL2DBT_VENV: venv, PATH: bin })).toEqual({ path: onPath, foundBy: 'PATH' });
    const inVenv = executable(path.join(venv, 'bin', 'dbt'));
    expect(locateDbt({ MSSQL2DBT_VENV: venv, PATH: bin })).toEqual({ path: inVenv, foundBy: 'venv' });
    const empty = temp();
    const notFound = (): unknown => locateDbt({ MSSQL2DBT_VENV: empty, PATH: temp() });
    expect(notFound).toThrow(`dbt is not installed; run \`npm run setup:dbt\` in ${repoRoot} (or set DBT_PATH to a dbt executable)`);
    expect(notFound).toThrow(path.join(empty, 'bin', 'dbt'));
  });

  it('skips a dbt that is not executable', () => {
    const venv = temp();
    mkdirSync(path.join(venv, 'bin'));
    writeFileSync(path.join(venv, 'bin', 'dbt'), 'not executable');
    expect(() => locateDbt({ MSSQL2DBT_VENV: venv, PATH: '' })).toThrow(DbtNotFoundError);
  });
});

describe('versions', () => {
  it('reads the interpreter of a console script from its first line, in pip’s three forms', () => {
    const dir = temp();
    const python = executable(path.join(dir, 'bin', 'python3'));
    // pip writes the /bin/sh form when the interpreter's path has spaces (a shebang cannot).
    const spaced = executable(path.join(dir, 'py dir', 'python3'));
    expect(interpreterOf(executable(path.join(dir, 'a'), `#!${python}\nimport sys\n`))).toBe(python);
    expect(interpreterOf(executable(path.join(dir, 'b'), `#!/bin/sh\n'''exec' "${spaced}" "$0" "$@"\n' '''\n`))).toBe(spaced);
    expect(interpreterOf(executable(path.join(dir, 'c'), '#!/usr/bin/env python3\n'), { PATH: path.dirname(python) })).toBe(python);
  });

  it('parses `dbt --version`', () => {
    const text = 'Core:\n  - installed: 1.11.16\n  - latest:    1.12.6  - Update available!\n\nPlugins:\n  - postgres: 1.11.0 - Up to date!\n  - duckdb:   1.11.1 - Up to date!\n';
    expect(parseDbtVersionOutput(text)).toEqual({ core: '1.11.16', adapters: { postgres: '1.11.0', duckdb: '1.11.1' } });
    expect(parseDbtVersionOutput('Core:\n  - installed: 1.9.0\n')).toEqual({ core: '1.9.0', adapters: {} });
  });
});
