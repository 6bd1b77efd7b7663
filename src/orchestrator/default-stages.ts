/**
 * The orchestrator's stages wired to the real modules: catalog/ (extract), assess/ + plan/ (plan),
 * dbt/ (generate), load/ (load), run/ (dbt build), validate/ (evaluate).
 */
import { assess } from '../assess/assess.js';
import { extractCatalog } from '../catalog/extract.js';
import type { Catalog } from '../catalog/model.js';
import { isPlainIdentifier } from '../dbt/names.js';
import { writeDbtProject } from '../dbt/project.js';
import { loadSourceData } from '../load/load.js';
import type { LoadTableInput } from '../load/model.js';
import { planMigration } from '../plan/plan.js';
import { runDbtBatch } from '../run/batch.js';
import { connect } from '../validate/connector.js';
import { evaluateNode } from './evaluate.js';
import type { BuildOutcome, BuiltNode, Stages, StageContext } from './stages.js';

function warehouseUrl(ctx: StageContext): string {
  return ctx.target.kind === 'duckdb' ? `duckdb://${ctx.target.path}` : ctx.target.url;
}

/** Connection settings for profiles.yml from a postgres:// URL (the password stays in the environment). */
function postgresConnection(url: string): { host: string; port: number; user: string; database: string } {
  const u = new URL(url);
  return { host: u.hostname || 'localhost', port: Number(u.port || 5432), user: decodeURIComponent(u.username || 'postgres'), database: decodeURIComponent(u.pathname.replace(/^\//, '') || 'postgres') };
}

/** dbt reads the PostgreSQL password from this variable (profiles.yml uses env_var()). */
function dbtEnv(ctx: StageContext): Record<string, string> {
  if (ctx.target.kind !== 'postgres') return {};
  const password = decodeURIComponent(new URL(ctx.target.url).password || process.env.PGPASSWORD || '');
  return { MSSQL2DBT_PG_PASSWORD: password, PGPASSWORD: password };
}

export function defaultStages(): Stages {
  return {
    async extract(inputs, vars) {
      const r = await extractCatalog(inputs, { vars });
      return { catalog: r.catalog, diagnostics: r.diagnostics };
    },

    plan(catalog, options) {
      return planMigration(catalog, { ...options, assessment: assess(catalog) });
    },

    async generate(plan, catalog, ctx) {
      const report = writeDbtProject({
        plan, catalog, outDir: ctx.outDir, force: ctx.force,
        target: ctx.target.kind,
        // The concrete engine's SQL: it is what the translator's execution tests prove.
        sqlDialect: ctx.target.kind,
        connection: ctx.target.kind === 'duckdb' ? { path: ctx.target.path } : postgresConnection(ctx.target.url),
      });
      return { files: report.files.length, diagnostics: report.diagnostics };
    },

    async load(plan, catalog, inputs, ctx) {
      const tables: LoadTableInput[] = [];
      const nodeOf = new Map<string, string>();
      for (const n of plan.nodes) {
        if (n.disposition !== 'source' || !n.raw) continue;
        const table = catalog.tables.find((t) => t.schema.toLowerCase() === n.source.schema.toLowerCase() && t.name.toLowerCase() === n.source.name.toLowerCase());
        if (!table) continue;
        tables.push({ table, raw: { schema: n.raw.schema, identifier: n.raw.identifier } });
        nodeOf.set(`${table.schema}.${table.name}`.toLowerCase(), n.name);
      }
      const report = await loadSourceData({
        catalog, tables, inputs, target: ctx.target,
        ...(ctx.dataDir ? { dataDir: ctx.dataDir } : {}),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      return report.tables.map((t) => ({
        node: nodeOf.get(`${t.schema}.${t.name}`.toLowerCase()) ?? `${t.schema}.${t.name}`,
        rows: t.rows,
        from: t.status === 'empty' ? 'none' : t.status === 'loaded' ? t.source : `${t.source} (${t.status})`,
        diagnostics: [...t.diagnostics, ...(t === report.tables[0] ? report.diagnostics : [])],
      }));
    },

    async build(select, ctx): Promise<BuildOutcome> {
      const outcome = await runDbtBatch('build', {
        projectDir: ctx.outDir,
        profilesDir: ctx.outDir,
        ...(select ? { select } : {}),
        ...(ctx.dbtVars ? { vars: ctx.dbtVars } : {}),
        env: dbtEnv(ctx),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        ...(ctx.onSpawn ? { onSpawn: ctx.onSpawn } : {}),
      });
      const nodes: BuiltNode[] = (outcome.results?.models ?? []).map((m) => ({
        name: m.name,
        status: m.status === 'success' || m.status === 'pass' || m.status === 'warn' ? 'success' : m.status === 'skipped' ? 'skipped' : 'error',
        ...(m.message ? { message: m.message } : {}),
        seconds: m.executionTime,
        ...(m.relation ? { relation: m.relation } : {}),
        tests: m.tests.map((t) => ({
          name: t.name,
          status: t.status === 'pass' || t.status === 'success' ? 'pass' : t.status === 'fail' ? 'fail' : t.status === 'warn' ? 'warn' : t.status === 'skipped' ? 'skipped' : 'error',
          ...(t.message ? { message: t.message } : {}),
          ...(t.failures !== undefined ? { failures: t.failures } : {}),
        })),
      }));
      return { nodes, exitCode: outcome.run.exitCode ?? -1, logTail: outcome.resultsError ? `${outcome.resultsError}\n${outcome.run.outputTail}` : outcome.run.outputTail };
    },

    async evaluate(node, built, plan, catalog: Catalog, ctx) {
      const warehouse = await connect(warehouseUrl(ctx));
      try {
        return await evaluateNode(node, built, plan, catalog, warehouse, (schema, identifier) => `${quote(schema)}.${quote(identifier)}`);
      } finally {
        await warehouse.close();
      }
    },
  };
}

/** As the loader creates raw tables: plain names unquoted (PostgreSQL folds them), others quoted. */
function quote(name: string): string {
  return isPlainIdentifier(name) ? name : `"${name.replace(/"/g, '""')}"`;
}
