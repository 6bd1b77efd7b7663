/**
 * `migrate` on the shared corpus with real dbt: every estate must end with no FAILED model, on
 * embedded DuckDB and on a real PostgreSQL server. The data each estate ships is loaded (Northwind and
 * pubs from INSERTs, AdventureWorksDW from the BULK INSERT files that exist); WideWorldImportersDW has
 * no data, so its models build on empty tables.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultStages } from '../../src/orchestrator/default-stages.js';
import { runMigration, type MigrateOutcome } from '../../src/orchestrator/migrate.js';
import type { MigrationResults } from '../../src/orchestrator/results.js';
import { pathToFileURL } from 'node:url';
import { chromium, useChromium, watchPage } from '../helpers/chromium.js';
import { corpusRoot, hasCorpus, repoRoot } from '../helpers/paths.js';
import { startPostgres, type PgHandle } from '../helpers/postgres.js';

function failures(results: MigrationResults): string[] {
  return results.models.filter((m) => m.status === 'FAILED').map((m) => `${m.name}: ${m.reason ?? ''} ${(m.errors.at(-1)?.message ?? '').slice(0, 300)}`);
}

/** Output folders of the DuckDB runs, for the report test at the end of this file. */
const duckdbOut = new Map<string, string>();

async function migrate(estate: string, target: 'duckdb' | 'postgres', postgresUrl?: string): Promise<MigrateOutcome> {
  const outDir = mkdtempSync(path.join(tmpdir(), `m2d-${estate}-${target}-`));
  if (target === 'duckdb') duckdbOut.set(estate, outDir);
  return runMigration({ inputs: [path.join(corpusRoot, estate)], outDir, target, ...(postgresUrl ? { postgresUrl } : {}) }, defaultStages());
}

/** What each estate must at least show: models verified equal to their loaded source tables. */
const ESTATES = [
  { estate: 'northwind', verified: 13 },
  { estate: 'pubs', verified: 10 },
  { estate: 'adventureworks-dw', verified: 20 },
  { estate: 'wwi-dw', verified: 0 },
] as const;

describe.skipIf(!hasCorpus)('migrate the corpus on DuckDB', () => {
  for (const { estate, verified } of ESTATES) {
    it(`${estate}: no model FAILED`, async () => {
      const { results, diagnostics } = await migrate(estate, 'duckdb');
      expect(failures(results)).toEqual([]);
      if (estate === 'adventureworks-dw') {
        // Six data files named by the script are absent: each is a diagnostic at its BULK INSERT, not a stop.
        expect(diagnostics.filter((d) => d.code === 'MD5100').length).toBeGreaterThanOrEqual(1);
      }
      expect(results.summary.validation.passed).toBeGreaterThanOrEqual(verified);
      expect(results.summary.validation.failed).toBe(0);
    }, 300_000);
  }
});

describe.skipIf(!hasCorpus)('migrate the corpus on PostgreSQL', () => {
  let server: PgHandle;
  beforeAll(async () => {
    server = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });
  for (const { estate, verified } of ESTATES) {
    it(`${estate}: no model FAILED`, async () => {
      const url = await server.createDatabase(`m2d_${estate.replace(/-/g, '_')}_${process.pid}`);
      const { results } = await migrate(estate, 'postgres', url);
      expect(failures(results)).toEqual([]);
      expect(results.summary.validation.passed).toBeGreaterThanOrEqual(verified);
      expect(results.summary.validation.failed).toBe(0);
    }, 300_000);
  }
});

describe.skipIf(!hasCorpus || !chromium)('report.html of a corpus migration in headless Chromium', () => {
  const session = useChromium('m2d-report-');
  it('northwind: the graph, every model and the journeys are visible', async () => {
    // Reuses the DuckDB run above; run alone (-t), the test migrates Northwind itself.
    if (!duckdbOut.has('northwind')) await migrate('northwind', 'duckdb');
    const outDir = duckdbOut.get('northwind')!;
    const results = JSON.parse(readFileSync(path.join(outDir, 'migration_results.json'), 'utf8')) as MigrationResults;
    const file = path.join(outDir, 'report.html');
    expect(existsSync(file)).toBe(true);
    const page = await session.browser.newPage();
    const { requests, errors } = watchPage(page);
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const seen = await page.evaluate(() => ({
      graphNodes: [...document.querySelectorAll('#dep-graph g.node')].filter((g) => g.getBoundingClientRect().width > 0).length,
      rows: [...document.querySelectorAll('#models tbody tr')].filter((tr) => tr.getBoundingClientRect().height > 0).length,
      journeys: document.querySelectorAll('details.journey').length,
    }));
    expect(seen.graphNodes).toBeGreaterThan(10);
    expect(seen.rows).toBe(results.models.length);
    expect(seen.journeys).toBe(results.models.length);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    if (process.env.MSSQL2DBT_SCREENSHOTS) {
      const shots = path.join(repoRoot, 'docs', 'screenshots');
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, 'migration-report-northwind.png'), clip: { x: 0, y: 0, width: 1280, height: await page.evaluate(() => Math.min(document.documentElement.scrollHeight, 2700)) }, captureBeyondViewport: true });
    }
  }, 300_000);
});
