/**
 * The evaluator end to end: the same 3,000-row data set (every common column type) in DuckDB and
 * PostgreSQL; every kind of difference injected on the PostgreSQL side and reported exactly, with
 * zero false differences on equal data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, diffTables, type DiffResult } from '../../src/validate/index.js';
import { startPostgres, type PgHandle } from '../helpers/postgres.js';
import { createScript, duckFile, makeRows, pgTarget } from './dataset.js';

const ROWS = makeRows(3000);
let pgh: PgHandle;
let pgUrl: string;
let schema: string;
let duck: { url: string; cleanup: () => void };

const INJECT = `
  UPDATE t_diff SET code = 'X' WHERE id = 10;
  UPDATE t_diff SET qty = qty + 1 WHERE id = 20;
  UPDATE t_diff SET price = price + 0.01 WHERE id = 30;
  UPDATE t_diff SET ratio = ratio * 2 + 1 WHERE id = 40;
  UPDATE t_diff SET ratio = ratio * (1 + 1e-12) WHERE id = 41;
  UPDATE t_diff SET active = NOT active WHERE id = 50;
  UPDATE t_diff SET born = born + 1 WHERE id = 60;
  UPDATE t_diff SET created = created + interval '1 millisecond' WHERE id = 70;
  UPDATE t_diff SET uid = '00000000-0000-4000-8000-000000000000' WHERE id = 80;
  UPDATE t_diff SET payload = decode('ff', 'hex') WHERE id = 90;
  DELETE FROM t_diff WHERE id IN (100, 101);
  INSERT INTO t_diff SELECT id + 5000, code, name, qty, price, ratio, active, born, created, note, payload, uid, fixed FROM t_diff WHERE id IN (1, 2);
  INSERT INTO t_diff SELECT * FROM t_diff WHERE id = 200;
  UPDATE t_diff SET note = '' WHERE id = 300;
  UPDATE t_diff SET note = NULL WHERE id = 301;
  UPDATE t_diff SET name = name || '  ' WHERE id = 400;
  UPDATE t_diff SET name = upper(name) WHERE id = 410;
`;

beforeAll(async () => {
  pgh = await startPostgres();
  ({ url: pgUrl, schema } = await pgTarget(pgh));
  await pgh.exec(createScript('t_same', ROWS, 'postgres'));
  await pgh.exec(createScript('t_diff', ROWS, 'postgres'));
  await pgh.exec(INJECT);
  await pgh.exec(createScript('t_type', ROWS, 'postgres', { qty: 'VARCHAR(30)' }));
  await pgh.exec(createScript('t_prec', ROWS.slice(0, 200), 'postgres', { price: 'NUMERIC(12,1)', created: 'TIMESTAMP(3)' }));
  const small = ROWS.slice(0, 200);
  // The same injected differences on a DuckDB copy (DuckDB spells a hex blob from_hex).
  const duckInject = INJECT.replace("decode('ff', 'hex')", "from_hex('ff')").split(';').map((x) => x.trim()).filter(Boolean).join(';\n');
  duck = await duckFile(`${createScript('t', ROWS, 'duckdb')};\n${createScript('t_small', small, 'duckdb')};\n${createScript('t_copy', ROWS, 'duckdb')};\n${createScript('t_diff', ROWS, 'duckdb')};\n${duckInject}`);
}, 120_000);

afterAll(async () => {
  duck?.cleanup();
  await pgh?.stop();
});

const ids = (l: readonly (readonly (string | null)[])[]): string[] => l.map((k) => String(k[0]));
const byColumn = (r: DiffResult, name: string) => r.columns.find((c) => c.source === name);

describe('DuckDB vs PostgreSQL', () => {
  it('finds no difference in equal data', async () => {
    const r = await diffTables({ source: duck.url, target: pgUrl, sourceRelation: { table: 't' }, targetRelation: { table: `${schema}.t_same` }, key: ['id'] });
    expect(r.status).toBe('verified');
    expect(r.score).toBe(100);
    expect([r.rowsSource, r.rowsTarget, r.missingInTarget, r.missingInSource, r.changed, r.duplicates]).toEqual([3000, 3000, 0, 0, 0, 0]);
    for (const c of r.columns) {
      expect(c.profile?.differences, c.source ?? '').toEqual([]);
      expect(c.schema.filter((d) => d.blocking), c.source ?? '').toEqual([]);
    }
    expect(r.stats.rowsFetched).toBe(0);
  });

  it('reports exactly the injected differences', async () => {
    const r = await diffTables({ source: duck.url, target: pgUrl, sourceRelation: { table: 't' }, targetRelation: { table: `${schema}.t_diff` }, key: ['id'], sampleLimit: 50 });
    expect(r.status).toBe('mismatch');
    expect(r.rowsSource).toBe(3000);
    expect(r.rowsTarget).toBe(3001);
    expect(ids(r.samples.missingInTarget)).toEqual(['100', '101']);
    expect(ids(r.samples.missingInSource)).toEqual(['5001', '5002']);
    expect(r.samples.duplicates).toEqual([{ key: ['200'], source: 1, target: 2 }]);
    expect(r.changed).toBe(13);
    const changed = Object.fromEntries(r.samples.changed.map((c) => [c.key[0], c.columns.map((v) => `${v.column}:${v.kind}`).join(',')]));
    expect(changed).toEqual({
      '10': 'code:value', '20': 'qty:value', '30': 'price:value', '40': 'ratio:value', '50': 'active:value', '60': 'born:value',
      '70': 'created:value', '80': 'uid:value', '90': 'payload:value', '300': 'note:null-vs-empty', '301': 'note:null-vs-empty',
      '400': 'name:trailing-spaces', '410': 'name:case',
    });
    const price = r.samples.changed.find((c) => c.key[0] === '30')?.columns[0];
    expect(price).toMatchObject({ source: '1110.30', target: '1110.31' });
    const note = r.samples.changed.find((c) => c.key[0] === '300')?.columns[0];
    expect(note).toMatchObject({ source: null, target: '' });
    expect(byColumn(r, 'note')?.kinds).toEqual({ 'null-vs-empty': 2 });
    expect(byColumn(r, 'name')?.kinds).toEqual({ 'trailing-spaces': 1, case: 1 });
    expect(byColumn(r, 'ratio')?.changedRows).toBe(1);
    expect(byColumn(r, 'fixed')?.changedRows).toBe(0);
    expect(r.score).toBeLessThan(100);
  });

  it('ignores trailing spaces and case under a case-insensitive collation, never NULL vs empty', async () => {
    const r = await diffTables({ source: duck.url, target: pgUrl, sourceRelation: { table: 't' }, targetRelation: { table: `${schema}.t_diff` }, key: ['id'], collation: 'ci', sampleLimit: 50 });
    expect(r.changed).toBe(11);
    expect(byColumn(r, 'name')?.changedRows).toBe(0);
    expect(byColumn(r, 'note')?.kinds).toEqual({ 'null-vs-empty': 2 });
  });

  it('reports a type change in the schema without false value differences', async () => {
    const r = await diffTables({ source: duck.url, target: pgUrl, sourceRelation: { table: 't' }, targetRelation: { table: `${schema}.t_type` }, key: ['id'] });
    expect(r.status).toBe('mismatch');
    expect(r.changed).toBe(0);
    expect(byColumn(r, 'qty')?.schema).toEqual([{ kind: 'type', detail: 'BIGINT → character varying(30)', blocking: true }]);
  });

  it('reports a precision change and the values it rounded', async () => {
    const r = await diffTables({ source: duck.url, target: pgUrl, sourceRelation: { table: 't_small' }, targetRelation: { table: `${schema}.t_prec` }, key: ['id'], sampleLimit: 500 });
    expect(byColumn(r, 'price')?.schema.map((d) => d.kind)).toEqual(['scale']);
    expect(byColumn(r, 'created')?.schema.map((d) => [d.kind, d.blocking])).toEqual([['precision', false]]);
    // numeric(12,1) rounds away the cents of every price whose id is not a multiple of 10.
    expect(byColumn(r, 'price')?.changedRows).toBe(180);
    // DuckDB's TIMESTAMP cannot declare a precision, so the narrower timestamp(3) is not blocking by
    // itself: the values are compared at microseconds and those that lost digits are changed rows.
    const lostMicros = (i: number): boolean => ((i * 7919) % 1_000_000) % 1000 !== 0;
    const small = ROWS.slice(0, 200);
    expect(byColumn(r, 'created')?.changedRows).toBe(small.filter((x) => lostMicros(x.id)).length);
    expect(r.changed).toBe(small.filter((x) => x.id % 10 !== 0 || lostMicros(x.id)).length);
    expect(r.status).toBe('mismatch');
  });

  it('compares without a key as a multiset of rows', async () => {
    const r = await diffTables({ source: duck.url, target: pgUrl, sourceRelation: { table: 't' }, targetRelation: { table: `${schema}.t_diff` } });
    // 13 changed rows count once on each side, plus the deletes, inserts and the duplicate.
    expect(r.missingInTarget).toBe(13 + 2);
    expect(r.missingInSource).toBe(13 + 2 + 1);
    const same = await diffTables({ source: duck.url, target: pgUrl, sourceRelation: { table: 't' }, targetRelation: { table: `${schema}.t_same` }, profile: false });
    expect(same.status).toBe('verified');
  });

  it('compares a query with a table, with --where and --columns and a rename', async () => {
    const r = await diffTables({
      source: duck.url,
      target: pgUrl,
      sourceRelation: { query: 'SELECT id, code AS product_code, price FROM t' },
      targetRelation: { table: `${schema}.t_diff` },
      key: ['id'],
      renames: { product_code: 'code' },
      where: 'id <= 35',
    });
    expect(r.rowsSource).toBe(35);
    expect(r.changed).toBe(2);
    expect(r.columns.map((c) => `${c.source}=${c.target}`).slice(0, 3)).toEqual(['id=id', 'product_code=code', 'price=price']);
  });
});

describe('DuckDB vs DuckDB', () => {
  it('verifies a copy and finds a change', async () => {
    const same = await diffTables({ source: duck.url, target: duck.url, sourceRelation: { table: 't' }, targetRelation: { table: 't_copy' }, key: ['id'] });
    expect(same.status).toBe('verified');
    const r = await diffTables({ source: duck.url, target: duck.url, sourceRelation: { table: 't' }, targetRelation: { table: 't_small' }, key: ['id'] });
    expect(r.missingInSource).toBe(0);
    expect(r.missingInTarget).toBe(2800);
    expect(r.samples.missingInTarget.length).toBe(20);
  });

  it('reports the injected differences through the native row hash (raw values, no texts)', async () => {
    const r = await diffTables({ source: duck.url, target: duck.url, sourceRelation: { table: 't' }, targetRelation: { table: 't_diff' }, key: ['id'], sampleLimit: 100 });
    expect([r.missingInTarget, r.missingInSource, r.changed, r.duplicates]).toEqual([2, 2, 13, 1]);
    const kinds = Object.fromEntries(r.columns.filter((c) => c.changedRows > 0).map((c) => [c.source, c.kinds]));
    expect(kinds).toEqual({
      code: { value: 1 }, qty: { value: 1 }, price: { value: 1 }, ratio: { value: 1 }, active: { value: 1 }, born: { value: 1 }, created: { value: 1 }, uid: { value: 1 }, payload: { value: 1 },
      note: { 'null-vs-empty': 2 }, name: { 'trailing-spaces': 1, case: 1 },
    });
  });
});

describe('PostgreSQL vs PostgreSQL (native hash)', () => {
  it('verifies a copy and reports the injected differences', async () => {
    const same = await diffTables({ source: pgUrl, target: pgUrl, sourceRelation: { table: `${schema}.t_same` }, targetRelation: { table: `${schema}.t_same` }, key: ['id'] });
    expect(same.status).toBe('verified');
    const r = await diffTables({ source: pgUrl, target: pgUrl, sourceRelation: { table: `${schema}.t_same` }, targetRelation: { table: `${schema}.t_diff` }, key: ['id'] });
    expect([r.missingInTarget, r.missingInSource, r.changed, r.duplicates]).toEqual([2, 2, 13, 1]);
  });
});

describe('failures', () => {
  it('a statement past the time-out is an error, not a hang', async () => {
    const c = await connect(pgUrl, { timeoutMs: 200 });
    try {
      await expect(c.query('SELECT pg_sleep(5)')).rejects.toThrow(/statement timeout/);
    } finally {
      await c.close();
    }
  });

  it('DuckDB files are opened read-only', async () => {
    const c = await connect(duck.url);
    try {
      await expect(c.query('CREATE TABLE nope (x INTEGER)')).rejects.toThrow(/read-only/i);
    } finally {
      await c.close();
    }
  });

  it('connections are read-only', async () => {
    const c = await connect(pgUrl);
    try {
      await expect(c.query(`CREATE TABLE ${schema}.nope (x int)`)).rejects.toThrow(/read-only/);
    } finally {
      await c.close();
    }
  });

  it('a refused connection is unverifiable with the reason, quickly', async () => {
    const t0 = Date.now();
    const r = await diffTables({ source: duck.url, target: 'postgres://nobody@127.0.0.1:1/none', sourceRelation: { table: 't' }, targetRelation: { table: 't' }, key: ['id'] });
    expect(r.status).toBe('unverifiable');
    expect(r.failure).toBe('connection');
    expect(r.reason).toMatch(/cannot connect to postgres:\/\/nobody@127\.0\.0\.1:1\/none/);
    expect(Date.now() - t0).toBeLessThan(15_000);
  });

  it('an unknown key column is a usage failure', async () => {
    const r = await diffTables({ source: duck.url, target: duck.url, sourceRelation: { table: 't' }, targetRelation: { table: 't_copy' }, key: ['nope'] });
    expect(r).toMatchObject({ status: 'unverifiable', failure: 'usage' });
  });
});
