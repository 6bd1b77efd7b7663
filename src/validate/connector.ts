/**
 * One connector interface over DuckDB (@duckdb/node-api), PostgreSQL (pg) and SQL Server (mssql).
 * Connectors run read-only SELECTs with a statement time-out and return rows as arrays of JS
 * values (bigints and numerics as strings where the driver does). A connection that cannot be
 * opened raises ConnectionError (the CLI exits 2), never waits forever.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import pg from 'pg';
import { parseType, type ColumnInfo } from './column-types.js';
import { dialectFor, splitName, type ValidateDialect } from './dialect.js';
import type { Engine, RelationRef } from './types.js';
import { parseConnectionUrl, type ConnectionSpec } from './url.js';

export type Value = string | number | boolean | bigint | null;

export interface Connector {
  readonly engine: Engine;
  readonly dialect: ValidateDialect;
  /** For messages: the URL without password. */
  readonly display: string;
  query(sql: string): Promise<Value[][]>;
  /** Columns of a table or query result, in order. */
  describe(ref: RelationRef): Promise<ColumnInfo[]>;
  close(): Promise<void>;
}

/** The server could not be reached or refused us. */
export class ConnectionError extends Error {}
/** A statement failed or ran past the time-out. */
export class QueryError extends Error {}

export interface ConnectOptions {
  /** Statement time-out (ms). */
  readonly timeoutMs?: number;
  /** Connect time-out (ms, default 10000). */
  readonly connectTimeoutMs?: number;
}

const esc = (s: string): string => s.replace(/'/g, "''");

function plain(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return v;
  return String(v);
}

// --- DuckDB -------------------------------------------------------------------------------

export class DuckDbConnector implements Connector {
  readonly engine = 'duckdb' as const;
  readonly dialect = dialectFor('duckdb');
  private constructor(private readonly instance: DuckDBInstance, private readonly conn: DuckDBConnection, readonly display: string, private readonly timeoutMs: number, private readonly owned: boolean) {}

  static async open(path: string, opts: ConnectOptions = {}): Promise<DuckDbConnector> {
    try {
      const instance = await DuckDBInstance.create(path, path === ':memory:' ? {} : { access_mode: 'READ_ONLY' });
      const conn = await instance.connect();
      return new DuckDbConnector(instance, conn, `duckdb://${path}`, opts.timeoutMs ?? 300_000, true);
    } catch (e) {
      throw new ConnectionError(`cannot open DuckDB database ${path}: ${(e as Error).message}`);
    }
  }

  /** Wrap a connection the caller owns (tests, in-memory databases); close() leaves it open. */
  static wrap(instance: DuckDBInstance, conn: DuckDBConnection, display = 'duckdb::memory:', opts: ConnectOptions = {}): DuckDbConnector {
    return new DuckDbConnector(instance, conn, display, opts.timeoutMs ?? 300_000, false);
  }

  async query(sql: string): Promise<Value[][]> {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      this.conn.interrupt();
    }, this.timeoutMs);
    try {
      const reader = await this.conn.runAndReadAll(sql);
      return reader.getRows().map((r) => r.map(plain));
    } catch (e) {
      throw new QueryError(timedOut ? `DuckDB query timed out after ${this.timeoutMs} ms` : `DuckDB: ${(e as Error).message}\n  in: ${sql.slice(0, 400)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  async describe(ref: RelationRef): Promise<ColumnInfo[]> {
    if ('table' in ref) {
      const parts = splitName(ref.table);
      const table = parts[parts.length - 1] ?? ref.table;
      const schema = parts.length > 1 ? parts[parts.length - 2] : undefined;
      const rows = await this.query(
        `SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE lower(table_name) = lower('${esc(table)}')${schema ? ` AND lower(table_schema) = lower('${esc(schema)}')` : ''} ORDER BY ordinal_position`,
      );
      if (rows.length === 0) throw new QueryError(`DuckDB: no table ${ref.table}`);
      return rows.map((r) => ({ name: String(r[0]), type: parseType(String(r[1]), 'duckdb'), nullable: r[2] === 'YES' }));
    }
    const rows = await this.query(`DESCRIBE ${ref.query}`);
    return rows.map((r) => ({ name: String(r[0]), type: parseType(String(r[1]), 'duckdb'), nullable: true }));
  }

  async close(): Promise<void> {
    if (!this.owned) return;
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

// --- PostgreSQL ----------------------------------------------------------------------------

// Every value as the server's text: numerics and timestamps never pass through JS numbers or Dates.
const pgTypes = { getTypeParser: () => (v: string) => v };

export class PostgresConnector implements Connector {
  readonly engine = 'postgres' as const;
  readonly dialect = dialectFor('postgres');
  private constructor(private readonly client: pg.Client, readonly display: string, private readonly owned: boolean) {}

  static async open(spec: ConnectionSpec, opts: ConnectOptions = {}): Promise<PostgresConnector> {
    const client = new pg.Client({
      host: spec.host,
      port: spec.port,
      ...(spec.user ? { user: spec.user } : {}),
      ...(spec.database ? { database: spec.database } : {}),
      ...(process.env['PGPASSWORD'] ? { password: process.env['PGPASSWORD'] } : {}),
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
      statement_timeout: opts.timeoutMs ?? 300_000,
      query_timeout: (opts.timeoutMs ?? 300_000) + 5_000,
      options: '-c default_transaction_read_only=on',
      types: pgTypes,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (e) {
      await client.end().catch(() => undefined);
      throw new ConnectionError(`cannot connect to ${spec.display}: ${(e as Error).message || (e as { code?: string }).code || String(e)}`);
    }
    return new PostgresConnector(client, spec.display, true);
  }

  /** Wrap a client the caller owns; queries still go through this connector's read-only SQL. */
  static wrap(client: pg.Client, display = 'postgres'): PostgresConnector {
    return new PostgresConnector(client, display, false);
  }

  async query(sql: string): Promise<Value[][]> {
    try {
      const r = await this.client.query({ text: sql, rowMode: 'array', types: pgTypes });
      return (r.rows as unknown[][]).map((row) => row.map(plain));
    } catch (e) {
      throw new QueryError(`PostgreSQL: ${(e as Error).message}\n  in: ${sql.slice(0, 400)}`);
    }
  }

  async describe(ref: RelationRef): Promise<ColumnInfo[]> {
    if ('table' in ref) {
      const parts = splitName(ref.table);
      const table = parts[parts.length - 1] ?? ref.table;
      const schema = parts.length > 1 ? parts[parts.length - 2] : undefined;
      const rows = await this.query(
        `SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull
           FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relname = '${esc(table)}' AND ${schema ? `n.nspname = '${esc(schema)}'` : 'pg_table_is_visible(c.oid)'}
            AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
      );
      if (rows.length === 0) throw new QueryError(`PostgreSQL: no table ${ref.table}`);
      return rows.map((r) => ({ name: String(r[0]), type: parseType(String(r[1]), 'postgres'), nullable: r[2] === true || r[2] === 't' }));
    }
    let r: pg.QueryResult;
    try {
      r = await this.client.query({ text: `SELECT * FROM (${ref.query}) AS src__ LIMIT 0`, rowMode: 'array', types: pgTypes });
    } catch (e) {
      throw new QueryError(`PostgreSQL: ${(e as Error).message}`);
    }
    const out: ColumnInfo[] = [];
    for (const f of r.fields) {
      const t = await this.query(`SELECT format_type(${f.dataTypeID}, ${f.dataTypeModifier})`);
      out.push({ name: f.name, type: parseType(String(t[0]?.[0]), 'postgres'), nullable: true });
    }
    return out;
  }

  async close(): Promise<void> {
    if (this.owned) await this.client.end().catch(() => undefined);
  }
}

// --- SQL Server ----------------------------------------------------------------------------

/**
 * SQL Server through `mssql` (tedious). Not exercised here (no server can run on this machine);
 * its SQL is tested as text in test/validate/dialect.test.ts.
 */
export class MssqlConnector implements Connector {
  readonly engine = 'mssql' as const;
  readonly dialect = dialectFor('mssql');
  private constructor(private readonly pool: import('mssql').ConnectionPool, readonly display: string) {}

  static async open(spec: ConnectionSpec, opts: ConnectOptions = {}): Promise<MssqlConnector> {
    const mssql = (await import('mssql')).default;
    const pool = new mssql.ConnectionPool({
      server: spec.host ?? 'localhost',
      port: spec.port ?? 1433,
      ...(spec.user ? { user: spec.user } : {}),
      password: process.env['MSSQL_PASSWORD'] ?? '',
      ...(spec.database ? { database: spec.database } : {}),
      connectionTimeout: opts.connectTimeoutMs ?? 10_000,
      requestTimeout: opts.timeoutMs ?? 300_000,
      options: { encrypt: true, trustServerCertificate: process.env['MSSQL_TRUST_CERT'] === '1', readOnlyIntent: true },
      pool: { max: 1 },
    });
    pool.on('error', () => undefined);
    try {
      await pool.connect();
    } catch (e) {
      await pool.close().catch(() => undefined);
      throw new ConnectionError(`cannot connect to ${spec.display}: ${(e as Error).message}`);
    }
    return new MssqlConnector(pool, spec.display);
  }

  async query(sql: string): Promise<Value[][]> {
    try {
      const req = this.pool.request();
      (req as unknown as { arrayRowMode: boolean }).arrayRowMode = true;
      // Read-only by construction: every statement runs in a transaction that is rolled back.
      const r = await req.query(`SET TRANSACTION ISOLATION LEVEL READ COMMITTED; BEGIN TRAN; ${sql}; ROLLBACK`);
      return ((r.recordset ?? []) as unknown as unknown[][]).map((row) => row.map(plain));
    } catch (e) {
      throw new QueryError(`SQL Server: ${(e as Error).message}\n  in: ${sql.slice(0, 400)}`);
    }
  }

  async describe(ref: RelationRef): Promise<ColumnInfo[]> {
    const text = 'table' in ref ? `SELECT * FROM ${this.dialect.relation(ref)}` : ref.query;
    const rows = await this.query(mssqlDescribeSql(text));
    return rows.map((r) => ({ name: String(r[0]), type: parseType(String(r[1]), 'mssql'), nullable: r[2] === true || r[2] === 1 }));
  }

  async close(): Promise<void> {
    await this.pool.close().catch(() => undefined);
  }
}

/** The describe query SQL Server runs for a table or a query (sys.dm_exec_describe_first_result_set). */
export function mssqlDescribeSql(selectText: string): string {
  return `SELECT name, system_type_name, is_nullable FROM sys.dm_exec_describe_first_result_set(N'${esc(selectText)}', NULL, 0) WHERE is_hidden = 0 ORDER BY column_ordinal`;
}

/** Open a connector for a URL (see url.ts). */
export async function connect(url: string, opts: ConnectOptions = {}): Promise<Connector> {
  const spec = parseConnectionUrl(url);
  switch (spec.engine) {
    case 'duckdb': return DuckDbConnector.open(spec.path ?? ':memory:', opts);
    case 'postgres': return PostgresConnector.open(spec, opts);
    case 'mssql': return MssqlConnector.open(spec, opts);
  }
}
