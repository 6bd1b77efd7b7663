/**
 * A small deterministic data set with the common column types, as CREATE TABLE + INSERT scripts
 * for DuckDB and PostgreSQL (the same values on both), plus handles that expose a URL for the
 * evaluator.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PgHandle } from '../helpers/postgres.js';

export type Engine = 'duckdb' | 'postgres';

const TYPES: Record<Engine, Record<string, string>> = {
  duckdb: { id: 'INTEGER NOT NULL', code: 'VARCHAR(20)', name: 'VARCHAR(60)', qty: 'BIGINT', price: 'DECIMAL(12,2)', ratio: 'DOUBLE', active: 'BOOLEAN', born: 'DATE', created: 'TIMESTAMP', note: 'VARCHAR', payload: 'BLOB', uid: 'UUID', fixed: 'CHAR(5)' },
  postgres: { id: 'INTEGER NOT NULL', code: 'VARCHAR(20)', name: 'VARCHAR(60)', qty: 'BIGINT', price: 'NUMERIC(12,2)', ratio: 'DOUBLE PRECISION', active: 'BOOLEAN', born: 'DATE', created: 'TIMESTAMP', note: 'TEXT', payload: 'BYTEA', uid: 'UUID', fixed: 'CHAR(5)' },
};

export const COLUMNS = Object.keys(TYPES.duckdb);

const NAMES = ['Ærøskøbing', 'São Paulo', 'Zürich', 'naïve café', 'Ōsaka', 'plain', "O'Brien", 'Straße'];

export interface DataRow {
  id: number;
  code: string;
  name: string;
  qty: bigint;
  price: string;
  ratio: number;
  active: boolean;
  born: string;
  created: string;
  note: string | null;
  payload: string;
  uid: string;
  fixed: string;
}

export function makeRows(n: number): DataRow[] {
  const rows: DataRow[] = [];
  for (let i = 1; i <= n; i++) {
    const day = 1 + (i % 28);
    const month = 1 + (i % 12);
    const us = String((i * 7919) % 1_000_000).padStart(6, '0');
    rows.push({
      id: i,
      code: `C${String(i).padStart(5, '0')}`,
      name: `${NAMES[i % NAMES.length]} ${i}`,
      qty: BigInt(i) * 1_000_003n - 500_000_000n,
      price: `${Math.floor(i * 37 % 100000)}.${String(i % 100).padStart(2, '0')}`,
      ratio: i % 17 === 0 ? 0 : (i * 1.000001) / 3 * (i % 2 === 0 ? 1 : -1) * 10 ** ((i % 9) - 4),
      active: i % 3 === 0,
      born: `${1950 + (i % 60)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      created: `2021-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}.${us}`,
      note: i % 5 === 0 ? null : i % 7 === 0 ? '' : `note ${i}`,
      payload: (i * 2654435761 % 4294967296).toString(16).padStart(8, '0'),
      uid: `${(i * 2654435761 % 4294967296).toString(16).padStart(8, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`,
      fixed: `F${i % 1000}`,
    });
  }
  return rows;
}

const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;

export function rowLiteral(r: DataRow, engine: Engine): string {
  const blob = engine === 'duckdb' ? `from_hex(${lit(r.payload)})` : `decode(${lit(r.payload)}, 'hex')`;
  return `(${r.id}, ${lit(r.code)}, ${lit(r.name)}, ${r.qty}, ${r.price}, ${r.ratio.toPrecision(17)}, ${r.active}, DATE ${lit(r.born)}, TIMESTAMP ${lit(r.created)}, ${r.note === null ? 'NULL' : lit(r.note)}, ${blob}, ${lit(r.uid)}, ${lit(r.fixed)})`;
}

export function createScript(table: string, rows: readonly DataRow[], engine: Engine, overrides: Record<string, string> = {}): string {
  const cols = COLUMNS.map((c) => `${c} ${overrides[c] ?? TYPES[engine][c]}`).join(', ');
  const out = [`CREATE TABLE ${table} (${cols})`];
  for (let i = 0; i < rows.length; i += 500) {
    out.push(`INSERT INTO ${table} VALUES ${rows.slice(i, i + 500).map((r) => rowLiteral(r, engine)).join(', ')}`);
  }
  return out.join(';\n');
}

/** A DuckDB file database written by the test, then closed so the evaluator can open it read-only. */
export async function duckFile(script: string): Promise<{ url: string; cleanup: () => void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mssql2dbt-diff-'));
  const file = path.join(dir, 'db.duckdb');
  const inst = await DuckDBInstance.create(file);
  const conn = await inst.connect();
  for (const stmt of script.split(';\n')) if (stmt.trim()) await conn.run(stmt);
  conn.closeSync();
  inst.closeSync();
  return { url: `duckdb://${file}`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** URL of the helper's server and the schema the test's tables live in. */
export async function pgTarget(pgh: PgHandle): Promise<{ url: string; schema: string }> {
  const envUrl = process.env['MSSQL2DBT_PG_URL'];
  const [[port, db, schema, user]] = (await pgh.query('SELECT inet_server_port(), current_database(), current_schema(), current_user')) as [[string, string, string, string]];
  if (envUrl) {
    const u = new URL(envUrl);
    u.password = '';
    return { url: u.toString(), schema };
  }
  return { url: `postgres://${user}@127.0.0.1:${port}/${db}`, schema };
}
