/**
 * The Executor without dbt: golden projects (reviewed as diffs), constraint-derived YAML tests,
 * re-run safety, the translator's relations hook and the CLI.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractCatalog } from '../../src/catalog/extract.js';
import type { Catalog } from '../../src/catalog/model.js';
import { main } from '../../src/cli/main.js';
import { buildDbtProject, MANIFEST, writeDbtProject } from '../../src/dbt/index.js';
import { planMigration, type MigrationPlan } from '../../src/plan/index.js';
import { transpile } from '../../src/translate/index.js';
import { corpusRoot, hasCorpus, repoRoot } from '../helpers/paths.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dbt-generate-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every file of a generated project in one text, paths as headings; the output folder as <out>. */
function concatenated(files: readonly { path: string; content: string }[], outDir: string): string {
  return [...files]
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((f) => `==> ${f.path} <==\n${f.content.split(path.resolve(outDir)).join('<out>')}`)
    .join('\n');
}

async function planned(input: string): Promise<{ catalog: Catalog; plan: MigrationPlan }> {
  const { catalog } = await extractCatalog([input]);
  return { catalog, plan: planMigration(catalog, { target: 'duckdb' }) };
}

describe('golden projects', () => {
  it.skipIf(!hasCorpus)('northwind', async () => {
    const { catalog, plan } = await planned(path.join(corpusRoot, 'northwind'));
    const { files } = buildDbtProject({ plan, catalog, outDir: '/out/northwind' });
    await expect(concatenated(files, '/out/northwind')).toMatchFileSnapshot('__snapshots__/northwind.project.txt');
  });

  it('examples/sales-warehouse', async () => {
    const { catalog, plan } = await planned(path.join(repoRoot, 'examples/sales-warehouse'));
    const { files } = buildDbtProject({ plan, catalog, outDir: '/out/sales' });
    await expect(concatenated(files, '/out/sales')).toMatchFileSnapshot('__snapshots__/sales-warehouse.project.txt');
  });
});

describe.skipIf(!hasCorpus)('northwind: tests derived from constraints', () => {
  let models: { name: string; data_tests?: unknown[]; columns: { name: string; data_tests?: unknown[] }[] }[];
  let sources: { tables: { name: string; config?: unknown; meta?: Record<string, string> }[] }[];
  beforeAll(async () => {
    const { catalog, plan } = await planned(path.join(corpusRoot, 'northwind'));
    const { files } = buildDbtProject({ plan, catalog, outDir: path.join(tmp, 'nw-yaml') });
    const yml = files.filter((f) => f.path.startsWith('models/staging/') && f.path.endsWith('.yml'));
    models = yml.flatMap((f) => (parseYaml(f.content) as { models?: typeof models }).models ?? []);
    sources = yml.flatMap((f) => (parseYaml(f.content) as { sources?: typeof sources }).sources ?? []);
  });
  const model = (name: string) => models.find((m) => m.name === name)!;
  const col = (m: string, c: string) => model(m).columns.find((x) => x.name === c)!;

  it('Orders: primary key → unique + not_null; foreign keys → relationships', () => {
    expect(col('stg_northwind__orders', 'OrderID').data_tests).toEqual(['unique', 'not_null']);
    expect(col('stg_northwind__orders', 'CustomerID').data_tests).toContainEqual({ relationships: { arguments: { to: "ref('stg_northwind__customers')", field: 'CustomerID' } } });
  });

  it('Order Details: the composite key → the shipped unique_combination test; CHECKs → value_in_range', () => {
    expect(model('stg_northwind__order_details').data_tests).toEqual([{ unique_combination: { arguments: { columns: ['OrderID', 'ProductID'] } } }]);
    expect(col('stg_northwind__order_details', 'Quantity').data_tests).toContainEqual({ value_in_range: { arguments: { min_value: 0, inclusive_min: false } } });
    expect(col('stg_northwind__order_details', 'Discount').data_tests).toContainEqual({ value_in_range: { arguments: { min_value: 0, max_value: 1 } } });
  });

  it('every column is documented; freshness is configured or its absence explained', () => {
    for (const m of models) for (const c of m.columns) expect((c as { description?: string }).description, `${m.name}.${c.name}`).toBeTruthy();
    for (const t of sources.flatMap((s) => s.tables)) expect(t.config ?? t.meta?.['freshness']).toBeTruthy();
  });
});

describe('re-running the generator', () => {
  it('leaves unchanged files alone, keeps user edits, overwrites them with force', async () => {
    const { catalog, plan } = await planned(path.join(repoRoot, 'examples/sales-warehouse'));
    const outDir = path.join(tmp, 'rerun');
    const first = writeDbtProject({ plan, catalog, outDir });
    expect(first.files.every((f) => f.outcome === 'created')).toBe(true);
    const model = first.files.find((f) => f.path.startsWith('models/') && f.path.endsWith('.sql'))!.path;
    const file = path.join(outDir, model);
    const before = { text: readFileSync(file, 'utf8'), mtime: statSync(file).mtimeMs };
    await new Promise((r) => setTimeout(r, 20));

    const second = writeDbtProject({ plan, catalog, outDir });
    expect(second.files.every((f) => f.outcome === 'unchanged')).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(before.text);
    expect(statSync(file).mtimeMs).toBe(before.mtime);

    writeFileSync(file, `${before.text}\n-- my change\n`);
    const third = writeDbtProject({ plan, catalog, outDir });
    expect(third.files.find((f) => f.path === model)!.outcome).toBe('kept-user-edit');
    expect(third.diagnostics.map((d) => d.code)).toContain('MD4050');
    expect(readFileSync(file, 'utf8')).toContain('-- my change');
    // Still an edit on the next run (the manifest keeps the generated hash).
    expect(writeDbtProject({ plan, catalog, outDir }).files.find((f) => f.path === model)!.outcome).toBe('kept-user-edit');

    const forced = writeDbtProject({ plan, catalog, outDir, force: true });
    expect(forced.files.find((f) => f.path === model)!.outcome).toBe('overwrote-user-edit');
    expect(readFileSync(file, 'utf8')).toBe(before.text);
    const manifest = JSON.parse(readFileSync(path.join(outDir, MANIFEST), 'utf8')) as { files: Record<string, string> };
    expect(Object.keys(manifest.files)).toContain(model);
  });
});

describe('translator relations hook', () => {
  const relation = (n: { schema?: string; name: string }) => (n.name.toLowerCase() === 'orders' ? "{{ ref('stg_orders') }}" : undefined);
  it.each(['dbt', 'duckdb', 'postgres', 'snowflake'] as const)('%s: table names print as given text, aliased so qualified columns resolve', (to) => {
    const { sql } = transpile('SELECT Sales.Orders.OrderID, o2.x FROM Sales.Orders JOIN dbo.Orders AS o2 ON o2.id = Orders.id', { to, relation });
    expect(sql).toContain("FROM {{ ref('stg_orders') }} AS Orders");
    expect(sql).toContain("JOIN {{ ref('stg_orders') }} AS o2");
    expect(sql).toMatch(/SELECT Orders\.OrderID/);
  });
  it('CTE names and DML targets are never replaced', () => {
    expect(transpile('WITH Orders AS (SELECT 1 AS a) SELECT a FROM Orders', { to: 'duckdb', relation }).sql).not.toContain('ref(');
    const merge = transpile('MERGE dbo.Orders AS t USING dbo.Orders AS s ON t.id = s.id WHEN MATCHED THEN UPDATE SET x = s.x;', { to: 'duckdb', relation }).sql;
    expect(merge).toMatch(/MERGE INTO Orders AS t\nUSING \{\{ ref\('stg_orders'\) \}\} AS s/);
  });
});

describe('mssql2dbt generate', () => {
  it('writes the project from an estate and reports user edits with exit 1', async () => {
    const out = path.join(tmp, 'cli');
    const lines: string[] = [];
    const code = await main(['generate', path.join(repoRoot, 'examples/sales-warehouse'), '-o', out], (s) => lines.push(s), (s) => lines.push(s));
    expect(code, lines.join('\n')).toBe(0);
    expect(lines[0]).toMatch(/dbt project in .*: \d+ files \(\d+ created/);
    expect(readFileSync(path.join(out, 'dbt_project.yml'), 'utf8')).toContain('profile:');
    writeFileSync(path.join(out, 'dbt_project.yml'), 'edited: true\n');
    expect(await main(['generate', path.join(repoRoot, 'examples/sales-warehouse'), '-o', out], () => {}, () => {})).toBe(1);
    expect(await main(['generate', path.join(repoRoot, 'examples/sales-warehouse'), '-o', out, '--force'], () => {}, () => {})).toBe(0);
    expect(await main(['generate', path.join(repoRoot, 'examples/sales-warehouse'), '-o', out, '--target', 'oracle'], () => {}, () => {})).toBe(2);
  });
});
