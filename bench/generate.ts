/**
 * Benchmark: writing the dbt project of a synthetic 10,000-object estate (bench/synthetic-estate.ts,
 * planned by planMigration). Times building every file in memory (translation of every view,
 * procedure statement, function and trigger rule; YAML; tests from constraints) and writing them
 * to a fresh folder, then a second write over the same folder (the re-run path: hashing, nothing
 * rewritten). Peak memory: RSS sampled every 5 ms, and maxRSS. Target: < 60 s and < 2 GB.
 * Results: bench/results/generate.json. Run: npm run bench:generate [-- objects]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDbtProject, writeDbtProject } from '../src/dbt/index.js';
import { planMigration } from '../src/plan/plan.js';
import { writeResults } from './common.js';
import { syntheticEstate } from './synthetic-estate.js';

const total = Number(process.argv[2] ?? 10_000);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 5);

const catalog = syntheticEstate(total);
const plan = planMigration(catalog, { target: 'duckdb' });
const outDir = mkdtempSync(path.join(os.tmpdir(), 'bench-generate-'));

const t0 = performance.now();
const built = buildDbtProject({ plan, catalog, outDir });
const t1 = performance.now();
const first = writeDbtProject({ plan, catalog, outDir });
const t2 = performance.now();
const second = writeDbtProject({ plan, catalog, outDir });
const t3 = performance.now();
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
rmSync(outDir, { recursive: true, force: true });

const objects = catalog.tables.length + catalog.views.length + catalog.procedures.length + catalog.functions.length + catalog.triggers.length + catalog.sequences.length;
const seconds = (t2 - t1) / 1000;
const report = {
  objects,
  nodes: plan.nodes.length,
  files: built.files.length,
  megabytes: +(built.files.reduce((n, f) => n + Buffer.byteLength(f.content), 0) / 1048576).toFixed(2),
  buildSeconds: +((t1 - t0) / 1000).toFixed(2),
  generateAndWriteSeconds: +seconds.toFixed(2),
  rerunSeconds: +((t3 - t2) / 1000).toFixed(2),
  rerunUnchanged: second.files.every((f) => f.outcome === 'unchanged'),
  created: first.files.filter((f) => f.outcome === 'created').length,
  objectsPerSecond: Math.round(objects / seconds),
  targetSeconds: 60,
  withinTarget: seconds < 60 && peakRss < 2 * 1024 ** 3,
  peakRssMB: Math.round(peakRss / 1048576),
  maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  diagnostics: built.diagnostics.length,
  node: process.version,
};
const file = writeResults('generate', report);
console.log(JSON.stringify(report, null, 2));
console.log(`wrote ${file}`);
