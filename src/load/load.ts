/**
 * `loadSourceData`: every planned source table into its raw relation on the target, one table at a
 * time, each in its own transaction (empty-or-create, bulk write, commit), so re-running replaces a
 * table's rows and a failed or cancelled load leaves it as it was. Per table the data comes from the
 * first of: the data folder (CSV/Parquet), a live server, .bacpac data, script INSERT/BULK INSERT;
 * else the table is created empty. Nothing the inputs can cause throws: it becomes a diagnostic.
 */
import { inputKind } from '../catalog/extract.js';
import { nameKey } from '../catalog/names.js';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import { loadColumns, type LoadColumn } from './columns.js';
import type { LoadOptions, LoadReport, TableLoadReport } from './model.js';
import { openDuckDb } from './sinks/duckdb.js';
import { openPostgres } from './sinks/postgres.js';
import type { Engine } from './sinks/sink.js';
import { bacpacData, bacpacOf } from './sources/bacpac.js';
import { csvData, folderFile, parquetData } from './sources/folder.js';
import { liveData } from './sources/live.js';
import { scanScripts, type ScriptTable, type ScriptTableData } from './sources/scripts.js';
import { checkAborted, type TableData } from './sources/source.js';

const seconds = (t0: number) => Math.round((performance.now() - t0) / 10) / 100;
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0]!;

export async function loadSourceData(options: LoadOptions): Promise<LoadReport> {
  const t0 = performance.now();
  const global: Diagnostic[] = [];
  const perTable = new Map<string, Diagnostic[]>();
  const note = (key: string | undefined, d: Diagnostic) => {
    if (key === undefined) global.push(d);
    else perTable.set(key, [...(perTable.get(key) ?? []), d]);
  };

  const planned = options.tables.map((t) => ({ ...t, key: nameKey(t.table.schema, t.table.name), columns: loadColumns(t.table, options.catalog) }));
  const scriptTables = new Map<string, ScriptTable>(planned.map((p) => [p.key, { table: p.table, columns: p.columns }]));
  const live = options.inputs.find((i) => inputKind(i) === 'live');
  let scripts = new Map<string, ScriptTableData>();
  try {
    scripts = scanScripts(options.inputs, scriptTables, { ...(options.vars ? { vars: options.vars } : {}), ...(options.dataDir ? { dataDir: options.dataDir } : {}), report: (d, key) => note(key, d) });
  } catch (err) {
    global.push(diagnostic('MD5101', { what: 'the input scripts', reason: errorText(err) }));
  }

  const reports: TableLoadReport[] = [];
  const targetName = options.target.kind === 'duckdb' ? options.target.path : redact(options.target.url);
  let engine: Engine;
  try {
    engine = options.target.kind === 'duckdb' ? await openDuckDb(options.target.path) : await openPostgres(options.target.url);
  } catch (err) {
    global.push(diagnostic('MD5110', { target: targetName, reason: errorText(err) }));
    for (const s of scripts.values()) s.dispose();
    return { target: options.target.kind, tables: [], rows: 0, seconds: seconds(t0), diagnostics: global };
  }

  let cancelled = false;
  try {
    for (let index = 0; index < planned.length; index++) {
      const p = planned[index]!;
      const label = `${p.table.schema}.${p.table.name}`;
      const started = performance.now();
      if (cancelled || options.signal?.aborted) {
        cancelled = true;
        break;
      }
      const candidates: TableData[] = [];
      const file = options.dataDir ? folderFile(options.dataDir, p.table) : undefined;
      if (file) candidates.push(file.kind === 'csv' ? csvData(file.file) : parquetData(file.file));
      if (live) candidates.push(liveData(live, p.table));
      const pkg = bacpacOf(p.table);
      if (pkg) candidates.push(bacpacData(p.table, pkg));
      const script = scripts.get(p.key);
      if (script && script.parts.length) candidates.push(script);
      const data = candidates[0];
      if (candidates.length > 1) {
        note(p.key, diagnostic('MD5109', { table: label, sources: candidates.map((c) => c.kind).join(', '), kept: data!.kind }));
      }
      options.onProgress?.({ table: label, phase: 'start', rows: 0, index, total: planned.length });
      const result = await loadTable(engine, p, index, data, label, options, (d) => note(p.key, d));
      if (result.status === 'cancelled') cancelled = true;
      const diagnostics = perTable.get(p.key) ?? [];
      if (!data) diagnostics.push(diagnostic('MD5108', { table: label }));
      reports.push({
        schema: p.table.schema, name: p.table.name, raw: p.raw, source: data?.kind ?? 'none', from: data?.from ?? [],
        rows: result.rows, seconds: seconds(started), status: result.status, diagnostics,
      });
      options.onProgress?.({ table: label, phase: 'done', rows: result.rows, index, total: planned.length });
    }
  } finally {
    await engine.close().catch(() => undefined);
    for (const s of scripts.values()) s.dispose();
  }
  return { target: options.target.kind, tables: reports, rows: reports.reduce((n, r) => n + r.rows, 0), seconds: seconds(t0), diagnostics: global };
}

async function loadTable(
  engine: Engine,
  p: LoadOptions['tables'][number] & { readonly columns: readonly LoadColumn[] },
  index: number,
  data: TableData | undefined,
  label: string,
  options: LoadOptions,
  report: (d: Diagnostic) => void,
): Promise<{ rows: number; status: TableLoadReport['status'] }> {
  const { columns } = p;
  let sink;
  try {
    sink = await engine.beginTable(p.raw, columns);
  } catch (err) {
    report(diagnostic('MD5107', { table: label, target: engine.kind, reason: errorText(err) }));
    return { rows: 0, status: 'failed' };
  }
  let rows = 0;
  try {
    if (data) {
      const ctx = { table: p.table, tableName: label, columns, report, batchRows: options.batchRows ?? 10_000, ...(options.signal ? { signal: options.signal } : {}) };
      for await (const batch of data.batches(ctx)) {
        checkAborted(options.signal);
        await sink.write(batch);
        rows += batch.length;
        options.onProgress?.({ table: label, phase: 'rows', rows, index, total: options.tables.length });
      }
    }
    checkAborted(options.signal);
    await sink.commit();
    return { rows, status: data ? 'loaded' : 'empty' };
  } catch (err) {
    await sink.rollback();
    if (options.signal?.aborted) {
      report(diagnostic('MD5112', { table: label }));
      return { rows: 0, status: 'cancelled' };
    }
    report(diagnostic('MD5107', { table: label, target: engine.kind, reason: errorText(err) }));
    return { rows: 0, status: 'failed' };
  }
}

/** A URL without its password, for messages. */
function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+):[^@]*@/, '$1:***@');
}
