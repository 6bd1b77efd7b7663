/**
 * `npm run bench:parse`: parser throughput on the shared corpus and on a generated 50 MB script,
 * median of several runs, written to bench/results/parse.json. One core: the parser is single-threaded.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { corpusRoot, median, sqlFiles, writeResults } from './common.js';
import { Lexer, parseScriptStreaming } from '../src/tsql/index.js';
import { decodeSqlBytes } from '../src/tsql/source.js';
import { generateScript } from './generate-script.js';

const corpus = corpusRoot;
const RUNS = Number(process.env.BENCH_RUNS ?? 9);


interface Measure {
  readonly name: string;
  readonly megabytes: number;
  readonly statements: number;
  readonly medianSeconds: number;
  readonly mbPerSecond: number;
  readonly statementsPerSecond: number;
  /** Characters per token: how dense the input is (real scripts: 7–11; fewer is harder). */
  readonly charsPerToken: number;
  readonly runs: number[];
  readonly peakHeapMB: number;
}

function measure(name: string, inputs: { text: string; file: string }[]): Measure {
  const bytes = inputs.reduce((n, i) => n + Buffer.byteLength(i.text, 'utf8'), 0);
  const runs: number[] = [];
  let statements = 0;
  let peakHeap = 0;
  // Warm-up runs let V8 reach its optimising tier, as it does early in any real run over an estate.
  const WARMUP = 3;
  for (let r = 0; r < WARMUP + RUNS; r++) {
    const t0 = process.hrtime.bigint();
    let n = 0;
    for (const input of inputs) {
      const stats = parseScriptStreaming(input.text, { file: input.file }, () => {});
      n += stats.statements;
      if (stats.diagnostics.some((d) => d.severity === 'error')) throw new Error(`${input.file}: parse errors in benchmark input`);
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    statements = n;
    if (r >= WARMUP) runs.push(seconds);
  }
  // Peak heap in a separate, untimed run: sampling memory is too costly to do inside the timing.
  // (No forced gc() anywhere: it throws away V8's compiled code and a real run never does it.)
  let batches = 0;
  for (const input of inputs) {
    parseScriptStreaming(input.text, { file: input.file }, () => {
      if (++batches % 16 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    });
  }
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  const med = median(runs);
  const mb = bytes / 1e6;
  let tokens = 0;
  let chars = 0;
  for (const input of inputs) {
    const lx = new Lexer(input.text, input.file);
    while (lx.next().kind !== 'eof') tokens++;
    chars += input.text.length;
  }
  return { name, megabytes: +mb.toFixed(2), statements, medianSeconds: +med.toFixed(3), mbPerSecond: +(mb / med).toFixed(1), statementsPerSecond: Math.round(statements / med), charsPerToken: +(chars / tokens).toFixed(1), runs: runs.map((x) => +x.toFixed(3)), peakHeapMB: Math.round(peakHeap / 1e6) };
}

const results: Measure[] = [];
if (existsSync(corpus)) {
  const inputs = sqlFiles(corpus).map((file) => ({ file, text: decodeSqlBytes(readFileSync(file), file).text }));
  results.push(measure('shared corpus (all .sql files)', inputs));
}
const big = generateScript(50 * 1e6);
results.push(measure('generated 50 MB script', [{ file: 'generated.sql', text: big }]));

const report = { date: new Date().toISOString(), node: process.version, cpu: (await import('node:os')).cpus()[0]?.model, runsPerMeasure: RUNS, results };
const written = writeResults('parse', report);
for (const r of results) {
  console.log(`${r.name}: ${r.megabytes} MB (${r.charsPerToken} chars/token), ${r.statements} statements, median ${r.medianSeconds}s → ${r.mbPerSecond} MB/s, ${r.statementsPerSecond} statements/s (peak heap ${r.peakHeapMB} MB)`);
}
console.log(`written to ${path.relative(process.cwd(), written)}`);
