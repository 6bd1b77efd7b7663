/**
 * DuckDB through its appender (the engine's bulk path: values go straight into column chunks, no
 * SQL per row). Text values are appended as VARCHAR and cast by DuckDB to the column type, so DATE,
 * DECIMAL, UUID … are parsed by the engine itself. The file is closed in `close()`: dbt (Python
 * duckdb) opens it next, and DuckDB allows one writing process.
 */
import { DuckDBConnection, DuckDBInstance, type DuckDBAppender } from '@duckdb/node-api';
import type { RawRelation } from '../../plan/model.js';
import type { LoadColumn } from '../columns.js';
import { RawDdl } from '../ddl.js';
import type { Row } from '../model.js';
import { sameColumns, type Engine, type TableSink } from './sink.js';

export async function openDuckDb(path: string): Promise<Engine> {
  const instance = await DuckDBInstance.create(path);
  let conn: DuckDBConnection;
  try {
    conn = await instance.connect();
  } catch (err) {
    instance.closeSync();
    throw err;
  }
  const ddl = new RawDdl('duckdb');
  return {
    kind: 'duckdb',
    async beginTable(raw, columns) {
      await conn.run('BEGIN TRANSACTION');
      try {
        await prepareTable(conn, ddl, raw, columns);
        const appender = await conn.createAppender(raw.identifier, raw.schema);
        return duckSink(conn, appender);
      } catch (err) {
        await conn.run('ROLLBACK').catch(() => undefined);
        throw err;
      }
    },
    async close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

async function prepareTable(conn: DuckDBConnection, ddl: RawDdl, raw: RawRelation, columns: readonly LoadColumn[]): Promise<void> {
  await conn.run(ddl.createSchema(raw.schema));
  const reader = await conn.runAndReadAll(
    'SELECT column_name FROM information_schema.columns WHERE lower(table_schema) = lower($1) AND lower(table_name) = lower($2) ORDER BY ordinal_position',
    [raw.schema, raw.identifier],
  );
  const existing = reader.getRows().map((r) => String(r[0]));
  const rel = ddl.relation(raw);
  if (existing.length && sameColumns(existing, columns)) {
    await conn.run(`DELETE FROM ${rel}`);
    return;
  }
  if (existing.length) await conn.run(`DROP TABLE ${rel}`);
  await conn.run(ddl.createTable(raw, columns));
}

function duckSink(conn: DuckDBConnection, appender: DuckDBAppender): TableSink {
  let open = true;
  const finish = (keep: boolean) => {
    if (!open) return;
    open = false;
    if (!keep) appender.clear();
    appender.closeSync();
  };
  return {
    async write(rows: readonly Row[]) {
      for (const row of rows) {
        for (const v of row) {
          if (v === null) appender.appendNull();
          else if (typeof v === 'string') appender.appendVarchar(v);
          else appender.appendBlob(v);
        }
        appender.endRow();
      }
    },
    async commit() {
      finish(true);
      await conn.run('COMMIT');
    },
    async rollback() {
      try {
        finish(false);
      } catch {
        // A failed append leaves the appender in error; the rollback below discards it anyway.
      }
      await conn.run('ROLLBACK').catch(() => undefined);
    },
  };
}
