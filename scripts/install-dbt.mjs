#!/usr/bin/env node
/**
 * Installs the dbt runtime mssql2dbt drives (python/requirements.txt: dbt-core, dbt-duckdb,
 * dbt-postgres, pinned) into a project-local Python virtual environment, `.venv/`. Run by npm's
 * `postinstall` and by `npm run setup:dbt`. Plain Node, no build step: it runs before `tsc`,
 * which is why it repeats the few venv path helpers of src/run/locate.ts instead of importing them.
 *
 *   MSSQL2DBT_SKIP_DBT_INSTALL=1   do nothing (parse/assess users, or a dbt of your own via DBT_PATH)
 *   MSSQL2DBT_VENV=<dir>           where the virtual environment lives (default <package>/.venv)
 *   MSSQL2DBT_PYTHON=<python>      which Python creates it (default python3, then python, on PATH)
 *   CI=<anything>                  fail (exit 1) instead of warning when the install fails
 *
 * Re-runs are instant: the SHA-256 of requirements.txt is stamped into the venv after a complete
 * install and compared next time. The stamp is removed before pip starts and written last, so an
 * install killed half-way runs again.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const isWindows = process.platform === 'win32';
const MIN_PYTHON = [3, 10]; // what the pinned dbt-core 1.11 requires
const STAMP_NAME = '.mssql2dbt-requirements.sha256';

const log = (message) => process.stderr.write(`mssql2dbt: ${message}\n`);
const truthy = (v) => v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';

/** Ends the install. Failures exit 0 so `npm install` still succeeds for parse/assess users — except in CI. */
function fail(what, fix, detail = '') {
  log(`dbt was NOT installed: ${what}`);
  if (detail) process.stderr.write(detail.replace(/^/gm, '    ') + '\n');
  log(`fix: ${fix}`);
  log('parse, extract, assess, transpile and diff work without dbt; migrate and doctor need it.');
  process.exit(truthy(env.CI) ? 1 : 0);
}

const bin = (venv, name) => (isWindows ? path.join(venv, 'Scripts', `${name}.exe`) : path.join(venv, 'bin', name));

function isExecutable(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, isWindows ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A console script's interpreter still exists (a moved or re-versioned venv breaks every script). */
function scriptInterpreterExists(script) {
  if (isWindows) return true;
  try {
    const first = readFileSync(script, 'latin1').slice(0, 512).split('\n')[0];
    if (!first.startsWith('#!')) return true;
    const interpreter = first.slice(2).trim().split(/\s+/)[0];
    return interpreter === '/bin/sh' || interpreter.endsWith('/env') || existsSync(interpreter);
  } catch {
    return false;
  }
}

function pythonVersion(python) {
  const r = spawnSync(python, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])'], { encoding: 'utf8', timeout: 20_000 });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

const atLeast = (version, min) => {
  const [a, b] = version.split('.').map(Number);
  return a > min[0] || (a === min[0] && b >= min[1]);
};

function findPython() {
  const candidates = env.MSSQL2DBT_PYTHON ? [env.MSSQL2DBT_PYTHON] : isWindows ? ['python', 'py'] : ['python3', 'python'];
  const found = [];
  for (const c of candidates) {
    const version = pythonVersion(c);
    if (version === undefined) continue;
    if (atLeast(version, MIN_PYTHON)) return { python: c, version };
    found.push(`${c} ${version}`);
  }
  return { found };
}

/** Runs a command, copying its output to stderr as progress and keeping the end for error messages. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PYTHONUNBUFFERED: '1' } });
    const tail = [];
    const onData = (chunk) => {
      const text = chunk.toString();
      process.stderr.write(text.replace(/^(?=.)/gm, '  '));
      tail.push(...text.split('\n').filter((l) => l.trim() !== ''));
      if (tail.length > 40) tail.splice(0, tail.length - 40);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (e) => resolve({ code: -1, tail: [e.message] }));
    child.on('close', (code) => resolve({ code, tail }));
  });
}

async function main() {
  if (truthy(env.MSSQL2DBT_SKIP_DBT_INSTALL)) {
    log('MSSQL2DBT_SKIP_DBT_INSTALL is set: not installing dbt (set DBT_PATH to use your own dbt)');
    return;
  }
  const venv = path.resolve(env.MSSQL2DBT_VENV || path.join(root, '.venv'));
  const requirements = path.join(root, 'python', 'requirements.txt');
  const wanted = createHash('sha256').update(readFileSync(requirements)).digest('hex');
  const stamp = path.join(venv, STAMP_NAME);
  const dbt = bin(venv, 'dbt');
  const stamped = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : undefined;
  if (stamped === wanted && isExecutable(dbt) && scriptInterpreterExists(dbt)) {
    log(`dbt is installed in ${venv} (python/requirements.txt unchanged)`);
    return;
  }

  const started = Date.now();
  const venvPython = bin(venv, 'python');
  // Reuse a working venv (only the requirements changed, or a killed install); rebuild a broken one.
  const reusable = isExecutable(venvPython) && pythonVersion(venvPython) !== undefined && scriptInterpreterExists(venvPython);
  if (!reusable) {
    const py = findPython();
    if (!py.python) {
      fail(
        py.found.length ? `Python ${MIN_PYTHON.join('.')}+ is required; found ${py.found.join(', ')}` : 'no Python found (python3 or python on PATH, or MSSQL2DBT_PYTHON)',
        'install Python 3.10 or later with its venv module (Debian/Ubuntu: `apt-get install python3 python3-venv`; macOS: `brew install python`), then run `npm run setup:dbt`',
      );
    }
    log(`creating the virtual environment ${venv} with ${py.python} (Python ${py.version})`);
    // --clear: a half-built or moved venv is replaced, not patched.
    const created = await run(py.python, ['-m', 'venv', ...(existsSync(venv) ? ['--clear'] : []), venv]);
    if (created.code !== 0) {
      fail(`\`${py.python} -m venv ${venv}\` failed`, 'install the venv module (Debian/Ubuntu: `apt-get install python3-venv`), then run `npm run setup:dbt`', created.tail.join('\n'));
    }
  }
  rmSync(stamp, { force: true });
  log(`installing dbt into ${venv} from python/requirements.txt (pip, about 30 s the first time)…`);
  const pip = await run(venvPython, ['-m', 'pip', 'install', '--no-input', '--disable-pip-version-check', '--progress-bar', 'off', '-r', requirements]);
  if (pip.code !== 0) {
    fail('pip could not install python/requirements.txt', 'check that PyPI is reachable (or set PIP_INDEX_URL to your mirror), then run `npm run setup:dbt`; or set DBT_PATH to a dbt you installed yourself', pip.tail.join('\n'));
  }
  // Import what mssql2dbt will use, so a broken wheel is caught now rather than mid-migration.
  const check = spawnSync(venvPython, ['-c', 'import dbt.version, dbt.adapters.duckdb, dbt.adapters.postgres; print(dbt.version.__version__)'], { encoding: 'utf8', timeout: 120_000 });
  if (check.status !== 0 || !isExecutable(dbt)) {
    fail('dbt was installed but does not start', 'delete the venv folder and run `npm run setup:dbt` again', `${check.stderr ?? ''}${check.error ? String(check.error) : ''}`.trim());
  }
  // Written last, atomically: its presence means the install above completed.
  writeFileSync(`${stamp}.tmp`, `${wanted}\n`);
  renameSync(`${stamp}.tmp`, stamp);
  log(`dbt ${check.stdout.trim()} with dbt-duckdb and dbt-postgres installed in ${venv} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

await main();
