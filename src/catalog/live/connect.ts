/**
 * Live extraction: connect with the `mssql` driver, run extract-catalog.sql, map its JSON.
 *
 * Secrets: the password comes only from MSSQL_PASSWORD or an interactive prompt that does not
 * echo. A password inside a URL or connection string is refused (it would end up in shell
 * history and logs), and driver error messages are scrubbed of it before they are recorded.
 *
 * Not run against a real server on the project's machines: no SQL Server is available there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sql from 'mssql';
import { diagnostic } from '../../diagnostics/index.js';
import { emptyCatalog, type Catalog, type MutableCatalog } from '../model.js';
import { parseExtractText } from './read-extract-json.js';
import { rowsToCatalog } from './rows.js';

export interface ConnectionTarget {
  readonly server: string;
  readonly port?: number;
  readonly instanceName?: string;
  readonly database?: string;
  readonly user?: string;
  readonly encrypt: boolean;
  readonly trustServerCertificate: boolean;
}

export interface LiveOptions {
  /** Time allowed to establish the connection (default 15 s). */
  readonly connectTimeoutMs?: number;
  /** Time allowed for the catalog query (default 120 s). */
  readonly requestTimeoutMs?: number;
  /** Where MSSQL_PASSWORD is looked up; tests pass their own. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Asks for the password when the environment has none; default: a no-echo terminal prompt. */
  readonly promptPassword?: (question: string) => Promise<string>;
}

/**
 * `mssql://user@host:port/database?encrypt=false&trustServerCertificate=true`, or an ADO-style
 * connection string `Server=host,port;Database=db;User Id=u;Encrypt=True`.
 */
export function parseConnectionTarget(input: string): ConnectionTarget | { error: string } {
  if (/^mssql:\/\//i.test(input)) {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      return { error: 'the mssql:// URL cannot be parsed' };
    }
    if (url.password) return { error: 'a password in the URL is not accepted; set MSSQL_PASSWORD or answer the prompt' };
    const params = url.searchParams;
    const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
    return {
      server: decodeURIComponent(url.hostname),
      ...(url.port ? { port: Number(url.port) } : {}),
      ...(params.get('instanceName') ? { instanceName: params.get('instanceName')! } : {}),
      ...(database ? { database } : {}),
      ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
      encrypt: (params.get('encrypt') ?? 'true').toLowerCase() !== 'false',
      trustServerCertificate: (params.get('trustServerCertificate') ?? 'false').toLowerCase() === 'true',
    };
  }
  const pairs = new Map<string, string>();
  for (const part of input.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    pairs.set(part.slice(0, eq).trim().toLowerCase().replace(/\s+/g, ' '), part.slice(eq + 1).trim().replace(/^(["'])(.*)\1$/, '$2'));
  }
  if (pairs.has('password') || pairs.has('pwd')) return { error: 'a password in the connection string is not accepted; set MSSQL_PASSWORD or answer the prompt' };
  const serverSpec = pairs.get('server') ?? pairs.get('data source') ?? pairs.get('address') ?? pairs.get('addr');
  if (!serverSpec) return { error: 'the connection string names no Server' };
  const m = /^(?:tcp:)?([^,\\]+)(?:\\([^,]+))?(?:,(\d+))?$/i.exec(serverSpec);
  if (!m) return { error: `cannot read the server ${serverSpec}` };
  const database = pairs.get('database') ?? pairs.get('initial catalog');
  const user = pairs.get('user id') ?? pairs.get('uid') ?? pairs.get('user');
  return {
    server: m[1]!,
    ...(m[3] ? { port: Number(m[3]) } : {}),
    ...(m[2] ? { instanceName: m[2] } : {}),
    ...(database ? { database } : {}),
    ...(user ? { user } : {}),
    encrypt: (pairs.get('encrypt') ?? 'true').toLowerCase() !== 'false',
    trustServerCertificate: (pairs.get('trustservercertificate') ?? 'false').toLowerCase() === 'true',
  };
}

/** `host:port/database` for messages and the catalog source: never the user or password. */
export function describeTarget(t: ConnectionTarget): string {
  return `${t.server}${t.instanceName ? `\\${t.instanceName}` : ''}${t.port ? `:${t.port}` : ''}/${t.database ?? ''}`;
}

export async function readLiveCatalog(connection: string, options: LiveOptions = {}): Promise<Catalog> {
  const catalog = emptyCatalog();
  await readLive(connection, catalog, options);
  return catalog;
}

/** Adds the live database's catalog to `catalog`. Records a diagnostic instead of throwing. */
export async function readLive(connection: string, catalog: MutableCatalog, options: LiveOptions = {}): Promise<void> {
  const target = parseConnectionTarget(connection);
  if ('error' in target) {
    catalog.diagnostics.push(diagnostic('MD2024', { reason: target.error }));
    return;
  }
  const where = describeTarget(target);
  const env = options.env ?? process.env;
  let password = env['MSSQL_PASSWORD'];
  if (password === undefined && target.user) {
    const prompt = options.promptPassword ?? (process.stdin.isTTY ? promptWithoutEcho : undefined);
    if (!prompt) {
      catalog.diagnostics.push(diagnostic('MD2020', { server: where, reason: 'no password: set MSSQL_PASSWORD (input is not a terminal, so no prompt)' }));
      return;
    }
    password = await prompt(`Password for ${target.user}@${where}: `);
  }
  const scrub = (message: string) => (password ? message.split(password).join('***') : message);

  const config: sql.config = {
    server: target.server,
    ...(target.port ? { port: target.port } : {}),
    ...(target.database ? { database: target.database } : {}),
    ...(target.user ? { user: target.user } : {}),
    ...(password !== undefined ? { password } : {}),
    connectionTimeout: options.connectTimeoutMs ?? 15_000,
    requestTimeout: options.requestTimeoutMs ?? 120_000,
    pool: { min: 0, max: 1 },
    options: {
      encrypt: target.encrypt,
      trustServerCertificate: target.trustServerCertificate,
      ...(target.instanceName ? { instanceName: target.instanceName } : {}),
      appName: 'mssql2dbt',
    },
  };

  const pool = new sql.ConnectionPool(config);
  // The pool emits 'error' for failures after connect; without a listener Node would crash.
  pool.on('error', () => undefined);
  try {
    await pool.connect();
  } catch (err) {
    catalog.diagnostics.push(diagnostic('MD2020', { server: where, reason: scrub(errorText(err)) }));
    await pool.close().catch(() => undefined);
    return;
  }
  try {
    const result = await pool.request().query<{ catalog_json: string | null }>(extractQueryText());
    const json = result.recordset?.[0]?.catalog_json;
    if (!json) {
      catalog.diagnostics.push(diagnostic('MD2021', { server: where, reason: 'the query returned no JSON' }));
      return;
    }
    const doc = parseExtractText(json);
    if (typeof doc === 'string') {
      catalog.diagnostics.push(diagnostic('MD2021', { server: where, reason: doc }));
      return;
    }
    rowsToCatalog(doc, { kind: 'live', path: where, ...(target.database ? { database: target.database } : {}) }, catalog);
  } catch (err) {
    catalog.diagnostics.push(diagnostic('MD2021', { server: where, reason: scrub(errorText(err)) }));
  } finally {
    await pool.close().catch(() => undefined);
  }
}

/** The text of extract-catalog.sql, found next to this module in src/ or, from dist/, in src/. */
export function extractQueryText(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'extract-catalog.sql'), path.resolve(here, '../../../../src/catalog/live/extract-catalog.sql')];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`extract-catalog.sql not found next to ${here}; the build must ship it`);
  return fs.readFileSync(found, 'utf8');
}

function errorText(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return `${typeof code === 'string' ? `${code}: ` : ''}${err.message}`;
  }
  return String(err);
}

/** Reads a line from the terminal without echoing it. */
async function promptWithoutEcho(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(() => resolve(value));
        if (ch === '\u0003') return done(() => reject(new Error('cancelled')));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    const done = (finish: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      finish();
    };
    stdin.on('data', onData);
  });
}
