/**
 * Normalisation rules, each run on DuckDB and PostgreSQL: the canonical text of a value must be
 * identical on both engines (and equal to the expected text), and so must its hash. SQL Server's
 * expressions are checked as text in dialect.test.ts.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareValues, connect, diffTables, DuckDbConnector, floatDigits, parseType, unify, type ColumnInfo, type CompareRule, type Connector } from '../../src/validate/index.js';
import { startPostgres, type PgHandle } from '../helpers/postgres.js';
import { pgTarget } from './dataset.js';

let pgh: PgHandle;
let duck: Connector;
let pgc: Connector;
let inst: DuckDBInstance;

beforeAll(async () => {
  pgh = await startPostgres();
  pgc = await connect((await pgTarget(pgh)).url);
  inst = await DuckDBInstance.create(':memory:');
  duck = DuckDbConnector.wrap(inst, await inst.connect());
}, 60_000);
afterAll(async () => {
  await pgc?.close();
  inst?.closeSync();
  await pgh?.stop();
});

interface Case {
  readonly name: string;
  readonly rule: CompareRule;
  /** [DuckDB type, PostgreSQL type] */
  readonly types: readonly [string, string];
  readonly values: readonly (string | null)[];
  readonly expected: readonly (string | null)[];
}

const ts = (f: number, datetime300 = false): CompareRule => ({ kind: 'timestamp', fraction: f, datetime300 });

const CASES: readonly Case[] = [
  { name: 'integers', rule: { kind: 'int' }, types: ['BIGINT', 'BIGINT'], values: ['0', '-42', '9223372036854775807', null], expected: ['0', '-42', '9223372036854775807', null] },
  { name: 'decimal scale: compared at the larger scale', rule: { kind: 'decimal', precision: 12, scale: 4 }, types: ['DECIMAL(10,2)', 'NUMERIC(12,4)'], values: ['12.5', '-0.01', '0'], expected: ['12.5000', '-0.0100', '0.0000'] },
  { name: 'money as decimal(19,4)', rule: { kind: 'decimal', precision: 19, scale: 4 }, types: ['DECIMAL(19,4)', 'NUMERIC(19,4)'], values: ['922337203685477.5807', '-1.0001'], expected: ['922337203685477.5807', '-1.0001'] },
  { name: 'floats as mantissa and exponent', rule: { kind: 'float', digits: 9, tolerance: 1e-9 }, types: ['DOUBLE', 'DOUBLE PRECISION'], values: ['0.1', '1e20', '-3.5e-7', '123456.789', '0'], expected: ['1.000000000e-1', '1.000000000e20', '-3.500000000e-7', '1.234567890e5', '0'] },
  { name: 'booleans as 1/0', rule: { kind: 'bool' }, types: ['BOOLEAN', 'BOOLEAN'], values: ['true', 'false', null], expected: ['1', '0', null] },
  { name: 'strings exact, NFC', rule: { kind: 'string', rtrim: false, lower: false }, types: ['VARCHAR', 'TEXT'], values: ['a  ', 'e\u0301', '', null, 'Ærø'], expected: ['a  ', '\u00e9', '', null, 'Ærø'] },
  { name: 'strings under a CI collation', rule: { kind: 'string', rtrim: true, lower: true }, types: ['VARCHAR', 'TEXT'], values: ['ABC  ', 'x'], expected: ['abc', 'x'] },
  { name: 'dates', rule: { kind: 'date' }, types: ['DATE', 'DATE'], values: ['2020-02-29', '1900-01-01'], expected: ['2020-02-29', '1900-01-01'] },
  { name: 'timestamps at 6 digits', rule: ts(6), types: ['TIMESTAMP', 'TIMESTAMP'], values: ['2020-01-01 10:00:00.123456', '1969-12-31 23:59:59.000001'], expected: ['2020-01-01 10:00:00.123456', '1969-12-31 23:59:59.000001'] },
  { name: 'timestamps rounded half up to the common precision', rule: ts(3), types: ['TIMESTAMP', 'TIMESTAMP'], values: ['2020-01-01 10:00:00.1234', '2020-01-01 10:00:00.1235', '2020-01-01 23:59:59.9996'], expected: ['2020-01-01 10:00:00.123', '2020-01-01 10:00:00.124', '2020-01-02 00:00:00.000'] },
  { name: 'timestamps at 0 digits', rule: ts(0), types: ['TIMESTAMP', 'TIMESTAMP'], values: ['2020-01-01 10:00:00.4', '2020-01-01 10:00:00.5'], expected: ['2020-01-01 10:00:00', '2020-01-01 10:00:01'] },
  {
    name: 'SQL Server datetime: the other side rounded to 1/300 s ticks, shown as SQL Server shows them',
    rule: ts(3, true),
    types: ['TIMESTAMP', 'TIMESTAMP'],
    values: ['2020-01-01 10:00:00.003', '2020-01-01 10:00:00.00333', '2020-01-01 10:00:00.007', '2020-01-01 10:00:00.00667', '2020-01-01 10:00:00.010', '2020-01-01 10:00:59.999'],
    expected: ['2020-01-01 10:00:00.003', '2020-01-01 10:00:00.003', '2020-01-01 10:00:00.007', '2020-01-01 10:00:00.007', '2020-01-01 10:00:00.010', '2020-01-01 10:01:00.000'],
  },
  { name: 'times', rule: { kind: 'time', fraction: 3 }, types: ['TIME', 'TIME'], values: ['10:11:12.3456', '00:00:00'], expected: ['10:11:12.346', '00:00:00.000'] },
  { name: 'binary as lower hex', rule: { kind: 'binary' }, types: ['BLOB', 'BYTEA'], values: ['\\xDE\\xAD', ''], expected: ['dead', ''] },
  { name: 'DuckDB FLOAT (4 bytes) vs PostgreSQL real, at the real tolerance', rule: { kind: 'float', digits: 6, tolerance: 1e-6 }, types: ['FLOAT', 'REAL'], values: ['0.1', '0.25', '-1e-3'], expected: ['1.000000e-1', '2.500000e-1', '-1.000000e-3'] },
  { name: 'DuckDB TIMESTAMP vs timestamp(3): compared at microseconds', rule: ts(6), types: ['TIMESTAMP', 'TIMESTAMP(3)'], values: ['1996-07-04 00:00:00', '2020-01-01 10:00:00.347'], expected: ['1996-07-04 00:00:00.000000', '2020-01-01 10:00:00.347000'] },
  { name: 'float NaN and ±Infinity named, not failing the exponent', rule: { kind: 'float', digits: 9, tolerance: 1e-9 }, types: ['DOUBLE', 'DOUBLE PRECISION'], values: ['NaN', 'Infinity', '-Infinity', '1.5', null], expected: ['NaN', 'Infinity', '-Infinity', '1.500000000e0', null] },
  { name: 'real NaN and ±Infinity', rule: { kind: 'float', digits: 6, tolerance: 1e-6 }, types: ['FLOAT', 'REAL'], values: ['NaN', '-Infinity'], expected: ['NaN', '-Infinity'] },
  {
    name: 'timestamptz / datetimeoffset: the UTC instant, whatever offset it was written with',
    rule: { kind: 'timestamptz', fraction: 6 },
    types: ['TIMESTAMPTZ', 'TIMESTAMPTZ'],
    values: ['2020-01-01 10:00:00.123456+05:30', '2020-01-01 04:30:00.123456+00', '1999-12-31 23:00:00-02', null],
    expected: ['2020-01-01 04:30:00.123456Z', '2020-01-01 04:30:00.123456Z', '2000-01-01 01:00:00.000000Z', null],
  },
  { name: 'timestamptz rounded to a common precision', rule: { kind: 'timestamptz', fraction: 3 }, types: ['TIMESTAMPTZ', 'TIMESTAMPTZ(3)'], values: ['2020-06-30 23:59:59.9996+02'], expected: ['2020-06-30 22:00:00.000Z'] },
  { name: 'uuid lower-case', rule: { kind: 'uuid' }, types: ['UUID', 'UUID'], values: ['A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'], expected: ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'] },
];

function literal(v: string | null, type: string, engine: 'duckdb' | 'postgres'): string {
  if (v === null) return `CAST(NULL AS ${type})`;
  if (type === 'BYTEA' && engine === 'postgres') return `decode('${v.replace(/\\x/g, '')}', 'hex')`;
  if (type === 'BLOB') return `from_hex('${v.replace(/\\x/g, '')}')`;
  return `CAST('${v.replace(/'/g, "''")}' AS ${type})`;
}

async function canonOn(c: Connector, engineType: string, rule: CompareRule, values: readonly (string | null)[]): Promise<{ texts: (string | null)[]; hashes: string[]; hashTexts: (string | null)[] }> {
  const engine = c.engine === 'duckdb' ? 'duckdb' : 'postgres';
  const type = parseType(engineType, c.engine);
  const union = values.map((v, i) => `SELECT ${i} AS i, ${literal(v, engineType, engine)} AS x`).join(' UNION ALL ');
  const canon = c.dialect.canon('x', rule, type);
  const hashText = c.dialect.hashText('x', rule, type);
  const rows = await c.query(`SELECT ${canon}, ${c.dialect.hash60(c.dialect.rowText([hashText]))}, ${hashText} FROM (${union}) AS v ORDER BY i`);
  return { texts: rows.map((r) => (r[0] === null ? null : String(r[0]))), hashes: rows.map((r) => String(r[1])), hashTexts: rows.map((r) => (r[2] === null ? null : String(r[2]))) };
}

describe('canonical text is the same on DuckDB and PostgreSQL', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const d = await canonOn(duck, c.types[0], c.rule, c.values);
      const p = await canonOn(pgc, c.types[1], c.rule, c.values);
      expect(d.texts).toEqual(c.expected);
      expect(p.texts).toEqual(c.expected);
      // The hashed form (hashText) is the same on both engines, and equal exactly where the canonical texts are.
      expect(d.hashTexts).toEqual(p.hashTexts);
      expect(d.hashes).toEqual(p.hashes);
      for (let i = 0; i < c.expected.length; i++) for (let j = 0; j < c.expected.length; j++) expect(d.hashTexts[i] === d.hashTexts[j]).toBe(c.expected[i] === c.expected[j]);
    });
  }

  it('timestamps hash as rounded epoch microseconds: equal exactly when the canonical texts are', async () => {
    const values = ['2020-01-01 10:00:00.1231', '2020-01-01 10:00:00.1234', '2020-01-01 10:00:00.1235', '1969-12-31 23:59:59.9995', '1970-01-01 00:00:00', '1969-12-31 23:59:59.9994'];
    for (const f of [0, 3, 6]) {
      const d = await canonOn(duck, 'TIMESTAMP', ts(f), values);
      const p = await canonOn(pgc, 'TIMESTAMP', ts(f), values);
      expect(p.texts).toEqual(d.texts);
      expect(p.hashTexts).toEqual(d.hashTexts);
      for (let i = 0; i < values.length; i++) for (let j = 0; j < values.length; j++) expect(d.hashTexts[i] === d.hashTexts[j], `${f}: ${values[i]} ${values[j]}`).toBe(d.texts[i] === d.texts[j]);
    }
    const d = await canonOn(duck, 'TIMESTAMP', ts(3), ['1969-12-31 23:59:59.9995', '2020-01-01 10:00:00.1235']);
    expect(d.hashTexts).toEqual(['0', String(Date.UTC(2020, 0, 1, 10, 0, 0, 124) * 1000)]);
  });

  it('hashes NULL and the empty string differently', async () => {
    const d = await canonOn(duck, 'VARCHAR', { kind: 'string', rtrim: false, lower: false }, [null, '']);
    expect(d.hashes[0]).not.toEqual(d.hashes[1]);
  });

  it('hash60 is a non-negative 60-bit integer equal on both engines', async () => {
    const texts = ["'abc'", "'Ærøskøbing'", "''", "'😀'"];
    const dv = await duck.query(`SELECT ${texts.map((t) => duck.dialect.hash60(t)).join(', ')}`);
    const pv = await pgc.query(`SELECT ${texts.map((t) => pgc.dialect.hash60(t)).join(', ')}`);
    expect(dv[0]?.map(String)).toEqual(pv[0]?.map(String));
    // md5('abc') = 900150983cd24fb0…: hex digits 2–16.
    expect(String(dv[0]?.[0])).toBe(BigInt('0x00150983cd24fb0').toString());
  });
});

describe('DuckDB native row hash (same-engine comparisons of same-typed columns)', () => {
  it('tells NULL from the empty string and depends on the order of the values', async () => {
    const h = (vals: string[]): string => duck.dialect.nativeRowHash60?.(vals) as string;
    const [row] = await duck.query(`SELECT ${[h(['CAST(NULL AS VARCHAR)']), h(["''"]), h(["'a'", "''"]), h(["''", "'a'"]), h(['1', 'CAST(NULL AS INTEGER)']), h(['CAST(NULL AS INTEGER)', '1'])].join(', ')}`);
    const v = (row ?? []).map(String);
    expect(new Set(v).size).toBe(6);
    for (const x of v) expect(BigInt(x) >= 0n && BigInt(x) < 1n << 60n).toBe(true);
  });
});

describe('rules chosen per pair of types', () => {
  const col = (name: string, raw: string, engine: 'duckdb' | 'postgres' | 'mssql', nullable = true): ColumnInfo => ({ name, type: parseType(raw, engine), nullable });
  const opts = { tolerance: 1e-9, collation: 'cs' as const };

  it('money ↔ numeric(19,4) compares at scale 4 without a schema difference', () => {
    expect(unify(col('m', 'money', 'mssql'), col('m', 'numeric(19,4)', 'postgres'), opts)).toEqual({ rule: { kind: 'decimal', precision: 19, scale: 4 }, differences: [] });
  });
  it('bit ↔ boolean compares as 1/0', () => {
    expect(unify(col('b', 'bit', 'mssql'), col('b', 'boolean', 'postgres'), opts).rule).toEqual({ kind: 'bool' });
  });
  it('datetime ↔ timestamp applies the 1/300 s rule at 3 digits', () => {
    expect(unify(col('d', 'datetime', 'mssql'), col('d', 'timestamp without time zone', 'postgres'), opts).rule).toEqual({ kind: 'timestamp', fraction: 3, datetime300: true });
  });
  it('datetime2(7) ↔ timestamp compares at 6 digits and reports the lost digit', () => {
    const u = unify(col('d', 'datetime2(7)', 'mssql'), col('d', 'TIMESTAMP', 'duckdb'), opts);
    expect(u.rule).toEqual({ kind: 'timestamp', fraction: 6, datetime300: false });
    expect(u.differences).toEqual([{ kind: 'precision', detail: 'fractional seconds 7 → 6', blocking: true }]);
  });
  it('DuckDB FLOAT is a 4-byte real: equal to a PostgreSQL real without a schema difference', () => {
    expect(unify(col('d', 'FLOAT', 'duckdb'), col('d', 'real', 'postgres'), opts)).toEqual({ rule: { kind: 'float', digits: 6, tolerance: 1e-6 }, differences: [] });
    expect(unify(col('d', 'DOUBLE', 'duckdb'), col('d', 'double precision', 'postgres'), opts).rule).toEqual({ kind: 'float', digits: 9, tolerance: 1e-9 });
  });
  it('DuckDB TIMESTAMP (no declared precision) ↔ timestamp(3): compared at 6 digits, not blocking', () => {
    expect(unify(col('d', 'TIMESTAMP', 'duckdb'), col('d', 'timestamp(3) without time zone', 'postgres'), opts)).toEqual({
      rule: { kind: 'timestamp', fraction: 6, datetime300: false },
      differences: [{ kind: 'precision', detail: 'fractional seconds 6 → 3', blocking: false }],
    });
    // A declared precision that narrows stays blocking, compared at the common precision.
    expect(unify(col('d', 'timestamp(6) without time zone', 'postgres'), col('d', 'timestamp(3) without time zone', 'postgres'), opts)).toEqual({
      rule: { kind: 'timestamp', fraction: 3, datetime300: false },
      differences: [{ kind: 'precision', detail: 'fractional seconds 6 → 3', blocking: true }],
    });
    expect(unify(col('t', 'TIME', 'duckdb'), col('t', 'time(0) without time zone', 'postgres'), opts).rule).toEqual({ kind: 'time', fraction: 6 });
  });
  it('timestamptz ↔ datetimeoffset ↔ TIMESTAMP WITH TIME ZONE compare as instants', () => {
    expect(unify(col('o', 'datetimeoffset(7)', 'mssql'), col('o', 'timestamp(6) with time zone', 'postgres'), opts)).toEqual({
      rule: { kind: 'timestamptz', fraction: 6 },
      differences: [{ kind: 'precision', detail: 'fractional seconds 7 → 6', blocking: true }],
    });
    expect(unify(col('o', 'TIMESTAMP WITH TIME ZONE', 'duckdb'), col('o', 'timestamp with time zone', 'postgres'), opts)).toEqual({ rule: { kind: 'timestamptz', fraction: 6 }, differences: [] });
    // An instant against a local timestamp is another type.
    expect(unify(col('o', 'timestamp with time zone', 'postgres'), col('o', 'TIMESTAMP', 'duckdb'), opts).differences[0]).toMatchObject({ kind: 'type', blocking: true });
  });
  it('nchar(10) ↔ varchar ignores the padding', () => {
    expect(unify(col('c', 'nchar(10)', 'mssql'), col('c', 'character varying(10)', 'postgres'), opts).rule).toEqual({ kind: 'string', rtrim: true, lower: false });
  });
  it('a real on either side widens the tolerance to 1e-6', () => {
    expect(unify(col('r', 'real', 'mssql'), col('r', 'real', 'postgres'), opts).rule).toEqual({ kind: 'float', digits: 6, tolerance: 1e-6 });
    expect(floatDigits(1e-9)).toBe(9);
  });
  it('decimal(12,2) → numeric(12,1) is a blocking scale change', () => {
    expect(unify(col('p', 'decimal(12,2)', 'mssql'), col('p', 'numeric(12,1)', 'postgres'), opts).differences).toEqual([{ kind: 'scale', detail: 'scale 2 → 1', blocking: true }]);
  });
  it('NOT NULL → NULL is reported, not blocking', () => {
    expect(unify(col('x', 'int', 'mssql', false), col('x', 'integer', 'postgres', true), opts).differences).toEqual([{ kind: 'nullability', detail: 'NOT NULL → NULL', blocking: false }]);
  });
});

describe('row-level value comparison', () => {
  const s: CompareRule = { kind: 'string', rtrim: false, lower: false };
  it('classifies string differences', () => {
    expect(compareValues(s, null, '')).toBe('null-vs-empty');
    expect(compareValues(s, '', null)).toBe('null-vs-empty');
    expect(compareValues(s, 'a', 'a ')).toBe('trailing-spaces');
    expect(compareValues(s, 'a', 'A')).toBe('case');
    expect(compareValues(s, 'a', 'b')).toBe('value');
    expect(compareValues(s, 'e\u0301', '\u00e9')).toBeUndefined();
    expect(compareValues({ kind: 'string', rtrim: true, lower: true }, 'Ærø', 'æRø')).toBeUndefined();
  });
  it('applies the float tolerance to the raw doubles', () => {
    const f: CompareRule = { kind: 'float', digits: 9, tolerance: 1e-9 };
    expect(compareValues(f, '1.000000000e0', '1.000000001e0', 1, 1 + 1e-12)).toBeUndefined();
    expect(compareValues(f, '1.000000000e0', '1.000000100e0', 1, 1 + 1e-7)).toBe('value');
    expect(compareValues({ ...f, tolerance: 1e-6 }, 'x', 'y', 1, 1 + 1e-7)).toBeUndefined();
  });
  it('NaN and ±Infinity equal themselves only', () => {
    const f: CompareRule = { kind: 'float', digits: 9, tolerance: 1e-9 };
    expect(compareValues(f, 'NaN', 'NaN', Number.NaN, Number.NaN)).toBeUndefined();
    expect(compareValues(f, 'Infinity', 'Infinity', Infinity, Infinity)).toBeUndefined();
    expect(compareValues(f, 'NaN', '1.000000000e0', Number.NaN, 1)).toBe('value');
    expect(compareValues(f, 'Infinity', '1.797693135e308', Infinity, 1.7976931348623157e308)).toBe('value');
    expect(compareValues(f, 'Infinity', '-Infinity', Infinity, -Infinity)).toBe('value');
  });
});

describe('NaN, ±Infinity and instants end to end, DuckDB vs PostgreSQL', () => {
  const rows = (engine: 'duckdb' | 'postgres'): string => {
    const d = engine === 'duckdb' ? 'DOUBLE' : 'DOUBLE PRECISION';
    return [
      // The same instant written with another offset on each engine.
      `(1, CAST('NaN' AS ${d}), TIMESTAMPTZ '${engine === 'duckdb' ? '2020-01-01 10:00:00.5+05:30' : '2020-01-01 01:30:00.5-03'}')`,
      `(2, CAST('Infinity' AS ${d}), TIMESTAMPTZ '2020-01-01 04:30:00.5+00')`,
      `(3, CAST('-Infinity' AS ${d}), NULL)`,
      `(4, 2.5, TIMESTAMPTZ '1999-12-31 23:00:00-02')`,
    ].join(', ');
  };
  it('equal data is verified; a changed NaN, infinity and instant are reported', async () => {
    await duck.query(`CREATE TABLE special AS SELECT * FROM (VALUES ${rows('duckdb')}) AS v(id, x, instant)`);
    const { schema } = await pgTarget(pgh);
    await pgh.exec(`CREATE TABLE ${schema}.special AS SELECT * FROM (VALUES ${rows('postgres')}) AS v(id, x, instant); CREATE TABLE ${schema}.special2 AS SELECT * FROM ${schema}.special`);
    const same = await diffTables({ source: duck, target: pgc, sourceRelation: { table: 'special' }, targetRelation: { table: `${schema}.special` }, key: ['id'] });
    expect(same.status, JSON.stringify(same.columns.map((c) => c.profile?.differences))).toBe('verified');
    await pgh.exec(`UPDATE ${schema}.special2 SET x = 0 WHERE id = 1; UPDATE ${schema}.special2 SET x = 1e308 WHERE id = 2; UPDATE ${schema}.special2 SET instant = instant + interval '1 microsecond' WHERE id = 4`);
    const r = await diffTables({ source: duck, target: pgc, sourceRelation: { table: 'special' }, targetRelation: { table: `${schema}.special2` }, key: ['id'] });
    expect(r.changed).toBe(3);
    expect(r.samples.changed.map((c) => [c.key[0], c.columns.map((x) => `${x.column}:${x.source}→${x.target}`).join()])).toEqual([
      ['1', 'x:NaN→0'],
      ['2', 'x:Infinity→1.000000000e308'],
      ['4', 'instant:2000-01-01 01:00:00.000000Z→2000-01-01 01:00:00.000001Z'],
    ]);
  });
});
