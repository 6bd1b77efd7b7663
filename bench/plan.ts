/**
 * Benchmark: planning a synthetic 10,000-object estate (bench/synthetic-estate.ts: tables, views,
 * procedures of every recognised pattern, functions, triggers, sequences, with dependencies and
 * facts derived by the catalog stage). Times `planMigration()` and the JSON it writes, median of 3
 * runs, and reports peak memory (RSS sampled every 5 ms, and maxRSS) to bench/results/plan.json.
 * The planner should be a small part of a migration: target < 10 s and < 1 GB.
 * Run: npm run bench:plan [-- objects]
 */
import { planMigration } from '../src/plan/plan.js';
import { median, writeResults } from './common.js';
import { syntheticEstate } from './synthetic-estate.js';

const total = Number(process.argv[2] ?? 10_000);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 5);

const t0 = performance.now();
const catalog = syntheticEstate(total);
const t1 = performance.now();
const runs: number[] = [];
const jsonRuns: number[] = [];
let plan = planMigration(catalog, { target: 'duckdb' });
let json = '';
for (let r = 0; r < 3; r++) {
  const a = performance.now();
  plan = planMigration(catalog, { target: 'duckdb' });
  const b = performance.now();
  json = JSON.stringify(plan, null, 2);
  const c = performance.now();
  runs.push((b - a) / 1000);
  jsonRuns.push((c - b) / 1000);
}
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

const objects = catalog.tables.length + catalog.views.length + catalog.procedures.length + catalog.functions.length + catalog.triggers.length + catalog.sequences.length;
const planSeconds = median(runs);
const report = {
  objects,
  byKind: { tables: catalog.tables.length, views: catalog.views.length, procedures: catalog.procedures.length, functions: catalog.functions.length, triggers: catalog.triggers.length, sequences: catalog.sequences.length },
  dependencies: catalog.dependencies.length,
  nodes: plan.nodes.length,
  buildCatalogSeconds: +((t1 - t0) / 1000).toFixed(2),
  planSeconds: +planSeconds.toFixed(2),
  planRunsSeconds: runs.map((x) => +x.toFixed(2)),
  objectsPerSecond: Math.round(objects / planSeconds),
  jsonSeconds: +median(jsonRuns).toFixed(2),
  jsonMB: +(Buffer.byteLength(json) / 1048576).toFixed(2),
  targetSeconds: 10,
  withinTarget: planSeconds < 10,
  peakRssMB: Math.round(peakRss / 1048576),
  maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  byDisposition: plan.summary.byDisposition,
  byPattern: plan.summary.byPattern,
  errors: plan.diagnostics.filter((d) => d.severity === 'error').length,
  node: process.version,
};
const file = writeResults('plan', report);
console.log(JSON.stringify(report, null, 2));
console.log(`wrote ${file}`);
