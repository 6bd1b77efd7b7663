/**
 * pubs (Northwind: see DATABASES) from the shared corpus: the install scripts are translated by our transpiler
 * (src/translate) to DuckDB and to PostgreSQL, the CREATE TABLE and INSERT statements run on each
 * engine, and every table loaded on both must be verified with zero differences (rows compared as
 * a multiset: the primary keys are declared by ALTER TABLE statements that are not needed here).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffTables } from '../../src/validate/index.js';
import { transpile } from '../../src/translate/index.js';
import { decodeSqlBytes } from '../../src/tsql/index.js';
import { corpusRoot, hasCorpus } from '../helpers/paths.js';
import { startPostgres, type PgHandle } from '../helpers/postgres.js';
import { duckFile, pgTarget } from './dataset.js';

// Northwind is left out for now: loading its translated script (1 MB, image columns as hex
// literals) hung, then crashed, the test worker on this machine; to be investigated with the
// translator. pubs runs in about two seconds.
const DATABASES = [{ name: 'pubs', file: 'pubs/instpubs.sql' }];

// titles.pubdate defaults to getdate(), evaluated by each engine when its INSERTs run: the two
// copies really differ there (corpus-diff.test.ts checks that only those rows differ).
const LOAD_TIME: Record<string, string[]> = { titles: ['title_id', 'title', 'type', 'pub_id', 'price', 'advance', 'royalty', 'ytd_sales', 'notes'] };

function load(file: string, to: 'duckdb' | 'postgres'): { creates: { table: string; sql: string }[]; inserts: { table: string; sql: string }[] } {
  const text = decodeSqlBytes(readFileSync(file), file).text;
  const r = transpile(text, { to, file });
  const creates: { table: string; sql: string }[] = [];
  const inserts: { table: string; sql: string }[] = [];
  for (const s of r.statements) {
    // Multiline: on DuckDB a table with an IDENTITY column is preceded by the CREATE SEQUENCE it draws from.
    const m = /^\s*(?:CREATE TABLE|INSERT INTO)\s+((?:"[^"]+"|[\w.]+)(?:\.(?:"[^"]+"|\w+))?)/im.exec(s.sql);
    if (!m) continue;
    const table = (m[1] as string).replace(/"/g, '');
    (s.kind === 'CreateTable' ? creates : s.kind === 'Insert' ? inserts : []).push({ table, sql: s.sql });
  }
  return { creates, inserts };
}

describe.skipIf(!hasCorpus)('corpus databases: DuckDB vs PostgreSQL after translation', () => {
  let pgh: PgHandle;
  beforeAll(async () => {
    pgh = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await pgh?.stop();
  });

  for (const db of DATABASES) {
    it(`${db.name}: every table loaded on both engines is verified`, async () => {
      const file = path.join(corpusRoot, db.file);
      const duck = load(file, 'duckdb');
      const pgs = load(file, 'postgres');
      const schema = `${db.name}_pg`;
      await pgh.exec(`CREATE SCHEMA ${schema}`);
      const failedPg = new Set<string>();
      for (const s of [...pgs.creates, ...pgs.inserts]) {
        try {
          await pgh.exec(`SET search_path TO ${schema}; ${s.sql}`);
        } catch {
          failedPg.add(s.table);
        }
      }
      // Statements that DuckDB rejects are left out (their tables are then not compared).
      const failedDuck = new Set<string>();
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const probe = await DuckDBInstance.create(':memory:');
      const pc = await probe.connect();
      const good: string[] = [];
      for (const s of [...duck.creates, ...duck.inserts]) {
        try {
          await pc.run(s.sql);
          good.push(s.sql.replace(/;\s*$/, ''));
        } catch {
          failedDuck.add(s.table);
        }
      }
      pc.closeSync();
      probe.closeSync();
      const file2 = await duckFile(good.join(';\n'));
      const { url } = await pgTarget(pgh);
      const tables = [...new Set(duck.creates.map((c) => c.table))].filter((t) => !failedDuck.has(t) && !failedPg.has(t));
      const verified: string[] = [];
      const problems: string[] = [];
      const schemaOnly: string[] = [];
      for (const t of tables) {
        const base = t.split('.').pop() as string;
        const columns = LOAD_TIME[base.toLowerCase()];
        const r = await diffTables({ source: file2.url, target: url, sourceRelation: { table: base }, targetRelation: { table: `${schema}.${base}` }, ...(columns ? { columns } : {}) });
        // Zero differences in the data; schema differences between the two translations are listed, not failed.
        const dataEqual = r.status !== 'unverifiable' && r.rowsSource === r.rowsTarget && r.missingInSource + r.missingInTarget + r.changed + r.duplicates === 0 && r.columns.every((c) => (c.profile?.differences.length ?? 0) === 0);
        if (r.status === 'verified') verified.push(base);
        else if (dataEqual) schemaOnly.push(`${base}: ${r.columns.flatMap((c) => c.schema.filter((d) => d.blocking).map((d) => `${c.source} ${d.detail}`)).join(', ')}`);
        else problems.push(`${base}: ${r.status} ${r.reason ?? ''}`);
      }
      file2.cleanup();
      console.log(`${db.name}: verified ${verified.length}/${tables.length} tables (${verified.join(', ')}); not loaded: duckdb ${[...failedDuck].join(', ') || '-'}, postgres ${[...failedPg].join(', ') || '-'}`);
      console.log([...problems, ...schemaOnly.map((x) => `schema only: ${x}`)].join('\n'));
      expect(problems).toEqual([]);
      // Every table of the script loads on both engines (jobs needs IDENTITY: its INSERTs give no id).
      expect([...failedDuck, ...failedPg]).toEqual([]);
      expect(verified.length + schemaOnly.length).toBe(tables.length);
      expect(verified.length).toBeGreaterThan(5);
    }, 240_000);
  }
});
