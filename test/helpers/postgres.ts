/**
 * A PostgreSQL server for tests. With MSSQL2DBT_PG_URL (or PGHOST) set, that server is used and
 * each test file gets its own schema. Otherwise a throwaway cluster is created with initdb in a
 * temp dir, started on a free 127.0.0.1 port (as the `postgres` user when running as root) and
 * removed in stop().
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { normaliseValue, type Row } from './normalise.js';

export interface PgHandle {
  /** A connection URL for other clients (dbt, the loader, the CLI); for a fresh database see `createDatabase`. */
  readonly url: string;
  /** Creates an empty database on the same server and returns its URL (dropped with the server, or by `stop`). */
  createDatabase(name: string): Promise<string>;
  query(sql: string): Promise<Row[]>;
  exec(sql: string): Promise<void>;
  stop(): Promise<void>;
}

function findBin(name: string): string {
  try {
    return execFileSync('which', [name], { encoding: 'utf8' }).trim();
  } catch {
    const root = '/usr/lib/postgresql';
    if (existsSync(root)) {
      for (const v of readdirSync(root).sort().reverse()) {
        const p = path.join(root, v, 'bin', name);
        if (existsSync(p)) return p;
      }
    }
    throw new Error(`${name} not found: install PostgreSQL (apt-get install -y postgresql) or set MSSQL2DBT_PG_URL`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

// Dates, times and timestamps as the server prints them: compared as text, never through JS Date.
const RAW_OIDS = new Set([1082, 1083, 1114, 1184, 1266]);
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    RAW_OIDS.has(oid) ? (v: string) => v : (pg.types.getTypeParser as (o: number, f?: 'text' | 'binary') => (v: string) => unknown)(oid, format),
};

function runAs(user: string | undefined, bin: string, args: string[]): void {
  if (user) execFileSync('runuser', ['-u', user, '--', bin, ...args], { stdio: 'pipe' });
  else execFileSync(bin, args, { stdio: 'pipe' });
}

export async function startPostgres(): Promise<PgHandle> {
  const url = process.env['MSSQL2DBT_PG_URL'];
  if (url || process.env['PGHOST']) {
    const client = new pg.Client({ ...(url ? { connectionString: url } : {}), types });
    await client.connect();
    const schema = `mssql2dbt_test_${process.pid}_${Date.now()}`;
    await client.query(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
    const created: string[] = [];
    return handle(client, url ?? 'postgres://', created, async () => {
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      for (const db of created) await client.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => undefined);
      await client.end();
    });
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'mssql2dbt-pg-'));
  const user = process.getuid?.() === 0 ? 'postgres' : undefined;
  if (user) {
    const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  runAs(user, findBin('initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  runAs(user, findBin('pg_ctl'), ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', 'start']);
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', types });
  await client.connect();
  return handle(client, `postgres://postgres@127.0.0.1:${port}/postgres`, [], async () => {
    await client.end().catch(() => undefined);
    try {
      runAs(user, findBin('pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

function handle(client: pg.Client, url: string, created: string[], stop: () => Promise<void>): PgHandle {
  return {
    url,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name ${name}: lower-case letters, digits and _ only`);
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${name}`);
      created.push(name);
      const u = new URL(url);
      u.pathname = `/${name}`;
      return u.toString();
    },
    async query(sql) {
      const r = await client.query({ text: sql, rowMode: 'array' });
      const last = Array.isArray(r) ? r[r.length - 1] : r;
      return (last.rows as unknown[][]).map((row) => row.map(normaliseValue));
    },
    async exec(sql) {
      await client.query(sql);
    },
    stop,
  };
}
