/** Shared set-up for the loader tests: catalogs of corpus inputs, temp DuckDB files, a PostgreSQL URL. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { extractCatalog } from '../../src/catalog/extract.js';
import type { Catalog } from '../../src/catalog/model.js';
import type { LoadTableInput } from '../../src/load/index.js';
import type { PgHandle } from '../helpers/postgres.js';

const catalogs = new Map<string, Promise<Catalog>>();

export function catalogOf(inputs: readonly string[]): Promise<Catalog> {
  const key = inputs.join('\n');
  let c = catalogs.get(key);
  if (!c) catalogs.set(key, (c = extractCatalog(inputs).then((r) => r.catalog)));
  return c;
}

/** Every catalog table into `schema`, named as in the source (the planner's default for dbo is `raw`). */
export function allTables(catalog: Catalog, schema = 'raw'): LoadTableInput[] {
  return catalog.tables.map((table) => ({ table, raw: { schema, identifier: table.name } }));
}

const dirs: string[] = [];
export function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'mssql2dbt-load-test-'));
  dirs.push(d);
  return d;
}
export function removeTempDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Opens the file, runs one query, closes it again (as dbt would find it afterwards). */
export async function duckQuery(file: string, sql: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(file);
  const conn = await instance.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowsJS() as unknown[][];
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** The helper server's URL (password-free; trust auth). */
export async function pgUrl(pgh: PgHandle): Promise<string> {
  const envUrl = process.env['MSSQL2DBT_PG_URL'];
  const [[port, db, user]] = (await pgh.query('SELECT inet_server_port(), current_database(), current_user')) as [[string, string, string]];
  return envUrl ?? `postgres://${user}@127.0.0.1:${port}/${db}`;
}

/** A schema name no other test (or engineer sharing the server) uses. */
export const uniqueSchema = (base: string) => `${base}_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
