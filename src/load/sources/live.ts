/**
 * A live SQL Server, table by table through `mssql` in streaming mode (rows arrive as TDS delivers
 * them; the request is paused while a batch is written, so memory stays bounded).
 *
 * NOT RUN AGAINST A REAL SQL SERVER: none can run on the project machines. Tested: the SELECT text
 * (`liveSelectSql`, the one place it is written) parses with our own T-SQL parser, and the row →
 * value conversion on values shaped as `mssql` returns them.
 */
import sql from 'mssql';
import { describeTarget, parseConnectionTarget } from '../../catalog/live/connect.js';
import { bracket } from '../../catalog/names.js';
import { diagnostic } from '../../diagnostics/index.js';
import type { LoadColumn } from '../columns.js';
import type { Cell, Row, Table } from '../model.js';
import { readText } from '../values.js';
import type { SourceContext, TableData } from './source.js';

/**
 * The read-only SELECT for one table. Types the driver cannot hand over as plain values are
 * converted on the server: datetimeoffset to ISO text with its offset (style 127), spatial types to
 * WKT, hierarchyid to its path, sql_variant and xml to text. READ COMMITTED default; no locks hints.
 */
export function liveSelectSql(table: Table, columns: readonly LoadColumn[]): string {
  const items = columns.map((c) => {
    const col = bracket(c.name);
    switch (c.type.name) {
      case 'datetimeoffset': return `CONVERT(nvarchar(40), ${col}, 127) AS ${col}`;
      case 'geography': case 'geometry': return `${col}.STAsText() AS ${col}`;
      case 'hierarchyid': return `${col}.ToString() AS ${col}`;
      case 'sql_variant': case 'xml': return `CONVERT(nvarchar(max), ${col}) AS ${col}`;
      default: return col;
    }
  });
  return `SELECT ${items.join(', ')} FROM ${bracket(table.schema)}.${bracket(table.name)};`;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** One value as `mssql` returns it (Date in UTC for date/time types, Buffer, boolean, number, string) → Cell. */
export function liveValue(v: unknown, col: LoadColumn): Cell | undefined {
  if (v === null || v === undefined) return null;
  if (Buffer.isBuffer(v)) return new Uint8Array(v);
  if (v instanceof Date) {
    const d = `${pad(v.getUTCFullYear(), 4)}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
    if (col.kind === 'date') return d;
    const t = `${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}.${pad(v.getUTCMilliseconds(), 3)}`;
    return col.kind === 'time' ? t : `${d} ${t}`;
  }
  if (typeof v === 'boolean') return v ? '1' : '0';
  const text = typeof v === 'number' || typeof v === 'bigint' ? String(v) : String(v);
  return col.kind === 'string' ? text : readText(text, col.kind);
}

export function liveData(connection: string, table: Table): TableData {
  const target = parseConnectionTarget(connection);
  const where = 'error' in target ? connection : describeTarget(target);
  return {
    kind: 'live',
    from: [`${where}/${table.schema}.${table.name}`],
    async *batches(ctx: SourceContext): AsyncGenerator<Row[]> {
      if ('error' in target) throw new Error(target.error);
      const password = process.env['MSSQL_PASSWORD'];
      const pool = new sql.ConnectionPool({
        server: target.server,
        ...(target.port ? { port: target.port } : {}),
        ...(target.database ? { database: target.database } : {}),
        ...(target.user ? { user: target.user } : {}),
        ...(password !== undefined ? { password } : {}),
        connectionTimeout: 15_000,
        requestTimeout: 0,
        pool: { min: 0, max: 1 },
        options: { encrypt: target.encrypt, trustServerCertificate: target.trustServerCertificate, appName: 'mssql2dbt-load', useUTC: true },
      });
      pool.on('error', () => undefined);
      await pool.connect();
      try {
        const request = pool.request();
        request.stream = true;
        const queue: Row[] = [];
        let done = false;
        let failure: Error | undefined;
        let wake: (() => void) | undefined;
        const notify = () => {
          wake?.();
          wake = undefined;
        };
        request.on('row', (r: Record<string, unknown>) => {
          queue.push(ctx.columns.map((c) => {
            const v = liveValue(r[c.name], c);
            if (v === undefined) {
              ctx.report(diagnostic('MD5103', { value: String(r[c.name]).slice(0, 40), type: c.type.name, column: c.name, table: ctx.tableName }));
              return null;
            }
            return v;
          }));
          if (queue.length >= ctx.batchRows) {
            request.pause();
            notify();
          }
        });
        request.on('error', (err: Error) => {
          failure = err;
          notify();
        });
        request.on('done', () => {
          done = true;
          notify();
        });
        const onAbort = () => request.cancel();
        ctx.signal?.addEventListener('abort', onAbort, { once: true });
        // Errors arrive through the 'error' event; the returned promise must not go unhandled.
        Promise.resolve(request.query(liveSelectSql(ctx.table, ctx.columns))).catch(() => undefined);
        try {
          for (;;) {
            if (failure) throw failure;
            if (queue.length >= ctx.batchRows || (done && queue.length)) {
              yield queue.splice(0, queue.length);
              request.resume();
              continue;
            }
            if (done) break;
            await new Promise<void>((resolve) => (wake = resolve));
          }
        } finally {
          ctx.signal?.removeEventListener('abort', onAbort);
        }
      } finally {
        await pool.close().catch(() => undefined);
      }
    },
  };
}
