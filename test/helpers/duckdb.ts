/**
 * An in-memory DuckDB for tests (or a database file, e.g. one the loader wrote); values come back
 * normalised like PostgreSQL's (see normalise.ts).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { normaliseValue, type Row } from './normalise.js';

export interface DuckHandle {
  query(sql: string): Promise<Row[]>;
  exec(sql: string): Promise<void>;
  stop(): Promise<void>;
}

export async function openDuckDb(file = ':memory:'): Promise<DuckHandle> {
  const instance = await DuckDBInstance.create(file);
  const conn = await instance.connect();
  return {
    async query(sql) {
      const reader = await conn.runAndReadAll(sql);
      return reader.getRows().map((row) => row.map((v) => normaliseValue(v === null || typeof v !== 'object' ? v : String(v))));
    },
    async exec(sql) {
      await conn.run(sql);
    },
    async stop() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
