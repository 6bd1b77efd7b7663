/** Connection URLs: duckdb:///abs/file.db (or duckdb::memory:), postgres://user@host:port/db, mssql://user@host:port/db. */
import type { Engine } from './types.js';

export interface ConnectionSpec {
  readonly engine: Engine;
  /** DuckDB: the file path or ':memory:'. */
  readonly path?: string;
  readonly host?: string;
  readonly port?: number;
  readonly user?: string;
  readonly database?: string;
  /** The URL with any password removed, for messages. */
  readonly display: string;
}

/** A URL the evaluator cannot use: a usage error (exit 2). */
export class ConnectionUrlError extends Error {}

export function parseConnectionUrl(url: string): ConnectionSpec {
  if (/^duckdb:/i.test(url)) {
    const rest = url.replace(/^duckdb:(\/\/)?/i, '');
    if (rest === ':memory:' || rest === '' || rest === '/:memory:') return { engine: 'duckdb', path: ':memory:', display: 'duckdb::memory:' };
    if (!rest.startsWith('/')) throw new ConnectionUrlError(`DuckDB URL needs an absolute path: duckdb:///abs/path.db, not '${url}'`);
    return { engine: 'duckdb', path: decodeURIComponent(rest), display: `duckdb://${rest}` };
  }
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ConnectionUrlError(`not a connection URL: '${url}' (use duckdb:///abs/path.db, postgres://user@host:port/db or mssql://user@host:port/db)`);
  }
  const scheme = u.protocol.replace(/:$/, '').toLowerCase();
  const engine: Engine | undefined = scheme === 'postgres' || scheme === 'postgresql' ? 'postgres' : scheme === 'mssql' || scheme === 'sqlserver' ? 'mssql' : undefined;
  if (!engine) throw new ConnectionUrlError(`unknown engine '${scheme}' in '${url}': duckdb, postgres or mssql`);
  if (u.password) throw new ConnectionUrlError(`put the password in ${engine === 'postgres' ? 'PGPASSWORD' : 'MSSQL_PASSWORD'}, not in the URL`);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!u.hostname) throw new ConnectionUrlError(`'${url}' has no host`);
  const port = u.port ? Number(u.port) : engine === 'postgres' ? 5432 : 1433;
  const user = u.username ? decodeURIComponent(u.username) : undefined;
  return {
    engine,
    host: u.hostname,
    port,
    ...(user !== undefined ? { user } : {}),
    ...(database ? { database } : {}),
    display: `${scheme}://${user ? `${user}@` : ''}${u.hostname}:${port}/${database}`,
  };
}
