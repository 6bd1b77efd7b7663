/**
 * `npm run bench:diff [-- --rows N] [--data-diff-timeout S] [--no-data-diff] [--results file]`: the evaluator on
 * N-row tables (--rows, else BENCH_ROWS, default 10,000,000; CI runs use a small N), DuckDB vs
 * DuckDB and DuckDB vs PostgreSQL, with 0 and 100 differences: wall time of diffTables (rows only,
 * and with column profiles) and its ratio to a plain count(*) run on both sides at once; and the
 * same comparisons with the open-source data-diff (Python, archived) when it is installed
 * (DATA_DIFF_BIN, default: `data-diff` on PATH or /tmp/dd-venv/bin/data-diff). Results go to
 * bench/results/diff.json.
 *
 * PostgreSQL: MSSQL2DBT_PG_URL, or a throwaway server started like the tests do.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect, diffTables, type Connector } from '../src/validate/index.js';
import { startPostgres } from '../test/helpers/postgres.js';

/** `--name value` or `--name=value`; `true` for a bare flag. */
function arg(name: string): string | true | undefined {
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === `--${name}`) return argv[i + 1] !== undefined && !argv[i + 1]?.startsWith('--') ? (argv[i + 1] as string) : true;
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}
const rowsArg = arg('rows');
const N = Math.floor(Number(typeof rowsArg === 'string' ? rowsArg : (process.env['BENCH_ROWS'] ?? 10_000_000)));
if (!(N >= 1000)) throw new Error(`--rows: a number of at least 1000, not ${String(rowsArg)}`);
const ddTimeoutArg = arg('data-diff-timeout');
/** data-diff is slow at 10M rows on 2 cores: each of its runs is capped (seconds), a capped run says so. */
const DATA_DIFF_TIMEOUT_S = typeof ddTimeoutArg === 'string' ? Number(ddTimeoutArg) : 1800;
const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository: the nearest folder with a package.json above this file (dist/bench/ or a private build folder). */
const repo = ((): string => {
  for (let d = path.resolve(here, '..'); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, 'package.json'))) return d;
    if (path.dirname(d) === d) return path.resolve(here, '..');
  }
})();
const dir = mkdtempSync(path.join(tmpdir(), 'mssql2dbt-bench-diff-'));

// The same deterministic rows on both engines, generated inside each engine.
const COLUMNS = 'id, qty, price, ratio, name, created, active';
const select = (series: string, ts: string): string => `SELECT id, CAST(id % 1000 AS INTEGER) AS qty, CAST((id % 100000) / 100.0 AS DECIMAL(12,2)) AS price,
  CAST(id AS DOUBLE PRECISION) / 7.0 AS ratio, 'name ' || CAST(id AS VARCHAR) AS name, ${ts} AS created, id % 3 = 0 AS active FROM ${series}`;
const duckSelect = select(`range(1, ${N + 1}) AS r(id)`, `TIMESTAMP '2020-01-01' + to_seconds(id)`);
const pgSelect = select(`generate_series(1, ${N}) AS r(id)`, `TIMESTAMP '2020-01-01' + make_interval(secs => id)`);

/** 100 differences: 50 updated values, 25 deleted rows, 25 inserted rows. */
const dirty = (t: string, engine: 'duckdb' | 'postgres'): string[] => {
  const step = Math.max(1, Math.floor(N / 120));
  const ids = Array.from({ length: 100 }, (_, i) => 1 + i * step);
  return [
    `UPDATE ${t} SET qty = qty + 1 WHERE id IN (${ids.slice(0, 25).join(', ')})`,
    `UPDATE ${t} SET name = name || 'x' WHERE id IN (${ids.slice(25, 50).join(', ')})`,
    `DELETE FROM ${t} WHERE id IN (${ids.slice(50, 75).join(', ')})`,
    `INSERT INTO ${t} SELECT id + ${N}, qty, price, ratio, name, created, active FROM ${t} WHERE id IN (${ids.slice(75, 100).join(', ')})`,
  ].map((s) => (engine === 'postgres' ? s : s)); // the same SQL on both engines
};

async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await f();
  return { ms: Math.round(performance.now() - t0), value };
}

function log(s: string): void {
  process.stderr.write(`${s}\n`);
}

async function main(): Promise<void> {
  log(`bench:diff with ${N.toLocaleString('en')} rows in ${dir}`);
  // DuckDB: a.db holds t (clean); b.db holds t (clean copy) and t_dirty.
  const files = { a: path.join(dir, 'a.duckdb'), b: path.join(dir, 'b.duckdb') };
  for (const [name, file] of Object.entries(files)) {
    const inst = await DuckDBInstance.create(file);
    const c = await inst.connect();
    await c.run(`CREATE TABLE t AS ${duckSelect}`);
    if (name === 'b') {
      await c.run('CREATE TABLE t_dirty AS SELECT * FROM t');
      for (const s of dirty('t_dirty', 'duckdb')) await c.run(s);
    }
    c.closeSync();
    inst.closeSync();
  }
  log('DuckDB loaded');
  const pgh = await startPostgres();
  try {
    await runCases(pgh, files);
  } finally {
    await pgh.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runCases(pgh: Awaited<ReturnType<typeof startPostgres>>, files: { a: string; b: string }): Promise<void> {
  const [[port, db, schema, user]] = (await pgh.query('SELECT inet_server_port(), current_database(), current_schema(), current_user')) as [[string, string, string, string]];
  const pgUrl = process.env['MSSQL2DBT_PG_URL'] ? (() => { const u = new URL(process.env['MSSQL2DBT_PG_URL'] as string); u.password = ''; return u.toString(); })() : `postgres://${user}@127.0.0.1:${port}/${db}`;
  await pgh.exec(`CREATE UNLOGGED TABLE t AS ${pgSelect}`);
  await pgh.exec('CREATE UNLOGGED TABLE t_dirty AS SELECT * FROM t');
  for (const s of dirty('t_dirty', 'postgres')) await pgh.exec(s);
  for (const s of ['ALTER TABLE t ADD PRIMARY KEY (id)', 'ALTER TABLE t_dirty ADD PRIMARY KEY (id)', 'VACUUM ANALYZE t', 'VACUUM ANALYZE t_dirty']) await pgh.exec(s);
  log('PostgreSQL loaded');

  const cases = [
    { name: 'duckdb-duckdb', differences: 0, source: `duckdb://${files.a}`, target: `duckdb://${files.b}`, table: 't' },
    { name: 'duckdb-duckdb', differences: 100, source: `duckdb://${files.a}`, target: `duckdb://${files.b}`, table: 't_dirty' },
    { name: 'duckdb-postgres', differences: 0, source: `duckdb://${files.a}`, target: pgUrl, table: `${schema}.t` },
    { name: 'duckdb-postgres', differences: 100, source: `duckdb://${files.a}`, target: pgUrl, table: `${schema}.t_dirty` },
  ];
  const dataDiff = arg('no-data-diff') ? { why: '--no-data-diff' } : findDataDiff();
  const results: unknown[] = [];
  for (const c of cases) {
    const count = await timed(async () => {
      const conns: Connector[] = await Promise.all([connect(c.source), connect(c.target)]);
      try {
        return await Promise.all([conns[0]?.query('SELECT count(*) FROM t'), conns[1]?.query(`SELECT count(*) FROM ${c.table}`)]);
      } finally {
        await Promise.all(conns.map((x) => x.close()));
      }
    });
    const base = { source: c.source, target: c.target, sourceRelation: { table: 't' }, targetRelation: { table: c.table }, key: ['id'] };
    const rowsOnly = await timed(() => diffTables({ ...base, profile: false }));
    const withProfiles = await timed(() => diffTables(base));
    const r = rowsOnly.value;
    const found = r.missingInTarget + r.missingInSource + r.changed;
    const entry: Record<string, unknown> = {
      case: c.name,
      rows: N,
      injectedDifferences: c.differences,
      countStarMs: count.ms,
      diffMs: rowsOnly.ms,
      ratioToCount: +(rowsOnly.ms / Math.max(1, count.ms)).toFixed(2),
      diffWithProfilesMs: withProfiles.ms,
      ratioWithProfilesToCount: +(withProfiles.ms / Math.max(1, count.ms)).toFixed(2),
      found: { missingInTarget: r.missingInTarget, missingInSource: r.missingInSource, changed: r.changed, total: found, status: r.status },
      stats: r.stats,
    };
    if (r.status === 'unverifiable') entry['error'] = r.reason;
    entry['dataDiff'] = dataDiff.bin ? runDataDiff(dataDiff.bin, c, pgUrl) : { skipped: dataDiff.why };
    log(JSON.stringify(entry));
    results.push(entry);
  }
  // --results elsewhere keeps trial runs from replacing the committed figures.
  const resultsArg = arg('results');
  const file = typeof resultsArg === 'string' ? path.resolve(resultsArg) : path.join(repo, 'bench/results/diff.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify({ bench: 'diff', rows: N, machine: { cpus: (await import('node:os')).cpus().length, node: process.version, loadAverageAtStart: LOAD_AT_START }, date: new Date().toISOString(), dataDiff: dataDiff.bin ? { bin: dataDiff.bin, version: dataDiffVersion(dataDiff.bin), capSeconds: DATA_DIFF_TIMEOUT_S } : { skipped: dataDiff.why }, results }, null, 2)}\n`,
  );
  log(`written ${file}`);
}

/** Other work on a shared machine skews wall times: the 1-minute load average is recorded with the figures. */
const LOAD_AT_START = (await import('node:os')).loadavg()[0];

function dataDiffVersion(bin: string): string {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return (r.stdout || r.stderr || '').trim();
}

function findDataDiff(): { bin?: string; why: string } {
  const candidates = [process.env['DATA_DIFF_BIN'], '/tmp/dd-venv/bin/data-diff'].filter((x): x is string => !!x);
  for (const c of candidates) if (existsSync(c)) return { bin: c, why: '' };
  try {
    return { bin: execFileSync('which', ['data-diff'], { encoding: 'utf8' }).trim(), why: '' };
  } catch {
    return { why: 'data-diff not installed (python3 -m venv /tmp/dd-venv && /tmp/dd-venv/bin/pip install "data-diff[duckdb,postgresql]")' };
  }
}

/** data-diff's own CLI: key id, the same columns, its default bisection settings. */
function runDataDiff(bin: string, c: { source: string; target: string; table: string }, pgUrl: string): Record<string, unknown> {
  // data-diff insists on a password in PostgreSQL URLs: PGPASSWORD, or a dummy one for trust auth.
  const toDd = (url: string): string => {
    if (url.startsWith('duckdb://')) return url;
    const u = new URL(url.replace(/^postgres:/, 'postgresql:'));
    u.password = process.env['PGPASSWORD'] ?? 'unused';
    return u.toString();
  };
  const [schema, table] = c.table.includes('.') ? c.table.split('.') : [undefined, c.table];
  const target = c.target === pgUrl && schema ? `${toDd(c.target)}` : toDd(c.target);
  const args = [toDd(c.source), 't', target, schema && c.target === pgUrl ? `${schema}.${table}` : (table as string), '-k', 'id', ...COLUMNS.split(', ').filter((x) => x !== 'id').flatMap((x) => ['-c', x]), '--stats'];
  const t0 = performance.now();
  const r = spawnSync(bin, args, { encoding: 'utf8', timeout: DATA_DIFF_TIMEOUT_S * 1000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 });
  const ms = Math.round(performance.now() - t0);
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return { ms, timedOut: true, note: `stopped after the ${DATA_DIFF_TIMEOUT_S} s cap (--data-diff-timeout)` };
  if (r.status !== 0 && r.status !== 1) return { ms, failed: true, exit: r.status, error: (r.stderr || String(r.error ?? '')).slice(-800) };
  return { ms, exit: r.status, stats: r.stdout.trim().slice(-600) };
}

await main();
