/**
 * PostgreSQL through `COPY … FROM STDIN` (pg-copy-streams), text format, inside one transaction per
 * table: TRUNCATE (or re-create) + COPY + COMMIT, so a failed load rolls back to the old contents.
 */
import { once } from 'node:events';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { RawRelation } from '../../plan/model.js';
import type { LoadColumn } from '../columns.js';
import { RawDdl } from '../ddl.js';
import type { Cell, Row } from '../model.js';
import { sameColumns, type Engine, type TableSink } from './sink.js';

const NEEDS_ESCAPE = /[\\\t\n\r\0]/;

/** One value in COPY text format: backslash escapes, `\N` for NULL, bytea as `\\x…`. */
export function copyText(v: Cell): string {
  if (v === null) return '\\N';
  if (typeof v !== 'string') return `\\\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`;
  if (!NEEDS_ESCAPE.test(v)) return v;
  // PostgreSQL text cannot hold NUL: it is dropped (README: limits).
  return v.replace(/[\\\t\n\r\0]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : ''));
}

export async function openPostgres(url: string): Promise<Engine> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  const ddl = new RawDdl('postgres');
  return {
    kind: 'postgres',
    async beginTable(raw, columns) {
      await client.query('BEGIN');
      try {
        await prepareTable(client, ddl, raw, columns);
        const cols = columns.map((c) => ddl.ident(c.name)).join(', ');
        const stream = client.query(copyFrom(`COPY ${ddl.relation(raw)} (${cols}) FROM STDIN`));
        return pgSink(client, stream);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    },
    async close() {
      await client.end().catch(() => undefined);
    },
  };
}

async function prepareTable(client: pg.Client, ddl: RawDdl, raw: RawRelation, columns: readonly LoadColumn[]): Promise<void> {
  await client.query(ddl.createSchema(raw.schema));
  const r = await client.query<{ column_name: string }>(
    'SELECT column_name FROM information_schema.columns WHERE lower(table_schema) = lower($1) AND lower(table_name) = lower($2) ORDER BY ordinal_position',
    [raw.schema, raw.identifier],
  );
  const existing = r.rows.map((x) => x.column_name);
  const rel = ddl.relation(raw);
  if (existing.length && sameColumns(existing, columns)) {
    await client.query(`TRUNCATE TABLE ${rel}`);
    return;
  }
  // Views built on the old shape (dbt models) go with it; dbt re-creates them.
  if (existing.length) await client.query(`DROP TABLE ${rel} CASCADE`);
  await client.query(ddl.createTable(raw, columns));
}

function pgSink(client: pg.Client, stream: ReturnType<typeof copyFrom>): TableSink {
  let failure: Error | undefined;
  stream.on('error', (err: Error) => (failure = err));
  return {
    async write(rows: readonly Row[]) {
      if (failure) throw failure;
      let chunk = '';
      for (const row of rows) {
        let line = '';
        for (let i = 0; i < row.length; i++) line += (i ? '\t' : '') + copyText(row[i]!);
        chunk += `${line}\n`;
      }
      if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), once(stream, 'error')]);
      if (failure) throw failure;
    },
    async commit() {
      if (failure) throw failure;
      stream.end();
      await Promise.race([once(stream, 'finish'), once(stream, 'error').then(([e]) => Promise.reject(e as Error))]);
      if (failure) throw failure;
      await client.query('COMMIT');
    },
    async rollback() {
      if (!stream.destroyed && !stream.writableFinished) {
        const closed = once(stream, 'close').catch(() => undefined);
        stream.destroy(new Error('load rolled back'));
        await closed;
      }
      await client.query('ROLLBACK').catch(() => undefined);
    },
  };
}
