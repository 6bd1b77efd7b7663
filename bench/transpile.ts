/**
 * `npm run bench:transpile`: translator throughput (parse + lower + passes + generate) over every
 * .sql file of the shared corpus, for DuckDB and PostgreSQL, median of several runs, written to
 * bench/results/transpile.json. One core: transpile() is single-threaded and pure.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { corpusRoot, median, sqlFiles, writeResults } from './common.js';
import { transpile } from '../src/translate/index.js';
import { decodeSqlBytes } from '../src/tsql/source.js';

const corpus = corpusRoot;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 10);
// Runs before measuring: V8 optimises the parser and the passes over the first few passes through
// the corpus, and a single warm-up run measured half-compiled code.
const WARMUP = Number(process.env['BENCH_WARMUP'] ?? 3);
const TARGETS = ['duckdb', 'postgres'] as const;


if (!existsSync(corpus)) {
  console.error(`corpus not found at ${corpus}; nothing to measure`);
  process.exit(0);
}
const files = sqlFiles(corpus).map((f) => ({ file: f, text: decodeSqlBytes(readFileSync(f), f).text }));
const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text, 'utf8'), 0);

const results: Record<string, unknown> = {};
for (const to of TARGETS) {
  let statements = 0;
  let diagnostics = 0;
  const times: number[] = [];
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const t0 = process.hrtime.bigint();
    let s = 0;
    let d = 0;
    for (const f of files) {
      const r = transpile(f.text, { to, file: f.file });
      s += r.statements.length;
      d += r.diagnostics.length;
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (run >= WARMUP) times.push(ms);
    statements = s;
    diagnostics = d;
  }
  const ms = median(times);
  results[to] = {
    files: files.length,
    megabytes: +(bytes / 1e6).toFixed(3),
    statements,
    diagnostics,
    medianMs: +ms.toFixed(1),
    // The fastest run: what the code does when the shared machine leaves it alone.
    bestMs: +Math.min(...times).toFixed(1),
    statementsPerSecond: Math.round(statements / (ms / 1000)),
    megabytesPerSecond: +(bytes / 1e6 / (ms / 1000)).toFixed(2),
    runs: RUNS,
    warmupRuns: WARMUP,
  };
  console.log(`${to}: ${statements} statements, ${(bytes / 1e6).toFixed(2)} MB in ${ms.toFixed(1)} ms → ` +
    `${(results[to] as { statementsPerSecond: number }).statementsPerSecond} statements/s, ${(results[to] as { megabytesPerSecond: number }).megabytesPerSecond} MB/s`);
}

const written = writeResults('transpile', { node: process.version, date: new Date().toISOString(), results });
console.log(`written to ${path.relative(process.cwd(), written)}`);
