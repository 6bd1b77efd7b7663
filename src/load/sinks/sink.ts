/**
 * Where rows go: one engine connection, one table at a time, each table in its own transaction so a
 * failed or killed load leaves the table as it was before (or absent), never half loaded.
 */
import type { RawRelation } from '../../plan/model.js';
import type { LoadColumn } from '../columns.js';
import type { Row } from '../model.js';

export interface TableSink {
  /** Hands rows to the engine's bulk path (DuckDB appender, PostgreSQL COPY). */
  write(rows: readonly Row[]): Promise<void>;
  /** Makes the table's new contents visible. */
  commit(): Promise<void>;
  /** Drops whatever was written since `beginTable`; the previous contents stay. */
  rollback(): Promise<void>;
}

export interface Engine {
  readonly kind: 'duckdb' | 'postgres';
  /** Opens a transaction, creates the schema and the table (or empties the existing one). */
  beginTable(raw: RawRelation, columns: readonly LoadColumn[]): Promise<TableSink>;
  close(): Promise<void>;
}

/** Raw-table DDL decision shared by both engines. */
export function sameColumns(existing: readonly string[], wanted: readonly LoadColumn[]): boolean {
  return existing.length === wanted.length && existing.every((n, i) => n.toLowerCase() === wanted[i]!.name.toLowerCase());
}
