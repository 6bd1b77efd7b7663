/**
 * `npm run bench:load`: rows/s loading a generated N-row table (BENCH_ROWS, default 10,000,000)
 * into DuckDB (a file) and PostgreSQL (MSSQL2DBT_PG_URL, or a throwaway server started like the
 * tests do), from a CSV file (data folder path) and from a BCP widenative file (BULK INSERT …
 * DATAFILETYPE = 'widenative', the .bacpac decoder). Files are generated into a temp dir, streamed
 * to disk, and removed at the end. Results: bench/results/load.json.
 *
 * Columns: id bigint NOT NULL, name nvarchar(40), amount decimal(12,2), created datetime, flag bit NOT NULL.
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extractCatalog } from '../src/catalog/extract.js';
import { loadSourceData, type LoadTarget } from '../src/load/index.js';
import { startPostgres } from '../test/helpers/postgres.js';
import { writeResults } from './common.js';

const N = Number(process.env['BENCH_ROWS'] ?? 10_000_000);
const dir = mkdtempSync(path.join(tmpdir(), 'mssql2dbt-bench-load-'));
const dataDir = path.join(dir, 'data');
mkdirSync(dataDir);

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const BASE = Date.UTC(2020, 0, 1);
const row = (i: number) => {
  const ms = BASE + i * 1000;
  const d = new Date(ms);
  const created = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return { id: i, name: i % 10 === 0 ? null : `name ${i}`, cents: (i % 100000) * 7, created, days: Math.floor((ms - Date.UTC(1900, 0, 1)) / 86_400_000), secs: i % 86400, flag: i % 3 === 0 };
};

async function write(file: string, chunk: (from: number, to: number) => Buffer | string): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 1; i <= N; i += 50_000) {
    if (!out.write(chunk(i, Math.min(N, i + 49_999)))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function generate(): Promise<void> {
  await write(path.join(dataDir, 'BenchCsv.csv'), (from, to) => {
    let s = from === 1 ? 'id,name,amount,created,flag\n' : '';
    for (let i = from; i <= to; i++) {
      const r = row(i);
      s += `${r.id},${r.name ?? ''},${(r.cents / 100).toFixed(2)},${r.created},${r.flag ? 1 : 0}\n`;
    }
    return s;
  });
  await write(path.join(dir, 'bench.bcp'), (from, to) => {
    const parts: Buffer[] = [];
    for (let i = from; i <= to; i++) {
      const r = row(i);
      const id = Buffer.alloc(8);
      id.writeBigInt64LE(BigInt(r.id));
      parts.push(id);
      if (r.name === null) parts.push(Buffer.from([0xff, 0xff]));
      else {
        const text = Buffer.from(r.name, 'utf16le');
        const len = Buffer.alloc(2);
        len.writeUInt16LE(text.length);
        parts.push(len, text);
      }
      const dec = Buffer.alloc(20);
      dec[0] = 19; dec[1] = 12; dec[2] = 2; dec[3] = 1;
      dec.writeUInt32LE(r.cents, 4);
      parts.push(dec);
      const dt = Buffer.alloc(9);
      dt[0] = 8;
      dt.writeInt32LE(r.days, 1);
      dt.writeUInt32LE(r.secs * 300, 5);
      parts.push(dt, Buffer.from([1, r.flag ? 1 : 0]));
    }
    return Buffer.concat(parts);
  });
}

async function main(): Promise<void> {
  const cols = 'id bigint NOT NULL, name nvarchar(40) NULL, amount decimal(12, 2) NULL, created datetime NULL, flag bit NOT NULL';
  const script = path.join(dir, 'bench.sql');
  writeFileSync(script, `CREATE TABLE dbo.BenchCsv (${cols});\nCREATE TABLE dbo.BenchBcp (${cols});\nGO\nBULK INSERT dbo.BenchBcp FROM 'bench.bcp' WITH (DATAFILETYPE = 'widenative');\n`);
  let t = performance.now();
  await generate();
  const generateSeconds = (performance.now() - t) / 1000;
  const sizes = { csvBytes: statSync(path.join(dataDir, 'BenchCsv.csv')).size, bcpBytes: statSync(path.join(dir, 'bench.bcp')).size };
  console.log(`generated ${N} rows in ${generateSeconds.toFixed(1)} s`, sizes);
  const { catalog } = await extractCatalog([script]);
  const tables = catalog.tables.map((table) => ({ table, raw: { schema: 'raw', identifier: table.name } }));

  const pgh = process.env['MSSQL2DBT_PG_URL'] ? undefined : await startPostgres();
  let pgUrl = process.env['MSSQL2DBT_PG_URL'] ?? '';
  if (pgh) {
    const [[port, db, user]] = (await pgh.query('SELECT inet_server_port(), current_database(), current_user')) as [[string, string, string]];
    pgUrl = `postgres://${user}@127.0.0.1:${port}/${db}`;
  }
  const results: Record<string, unknown>[] = [];
  try {
    for (const target of [{ kind: 'duckdb', path: path.join(dir, 'bench.duckdb') }, { kind: 'postgres', url: pgUrl }] as LoadTarget[]) {
      t = performance.now();
      const r = await loadSourceData({ catalog, tables, inputs: [script], dataDir, target });
      const total = (performance.now() - t) / 1000;
      for (const tr of r.tables) {
        const problems = tr.diagnostics.filter((d) => d.severity !== 'info');
        if (tr.rows !== N || problems.length) throw new Error(`${target.kind} ${tr.name}: ${tr.rows} rows, ${JSON.stringify(problems.slice(0, 3))}`);
        const entry = { target: target.kind, from: tr.source === 'csv' ? 'csv' : 'bcp-widenative', rows: tr.rows, seconds: tr.seconds, rowsPerSecond: Math.round(tr.rows / tr.seconds) };
        console.log(entry);
        results.push(entry);
      }
      console.log(`${target.kind}: both tables in ${total.toFixed(1)} s`);
    }
  } finally {
    await pgh?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const file = writeResults('load', {
    rows: N,
    columns: 'id bigint, name nvarchar(40) (10% NULL), amount decimal(12,2), created datetime, flag bit',
    generateSeconds: Math.round(generateSeconds * 10) / 10,
    ...sizes,
    machine: 'shared 2-core machine (other engineers running at the same time); wall clock, one run',
    results,
  });
  console.log(`results: ${file}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
