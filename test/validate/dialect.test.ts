/**
 * SQL Server cannot run on this machine: its evaluator SQL is checked as text here. The DuckDB and
 * PostgreSQL expressions are executed in normalise.test.ts and diff.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { MssqlDialect, mssqlDescribeSql, parseConnectionUrl, parseType, ConnectionUrlError } from '../../src/validate/index.js';

const d = new MssqlDialect();
const t = (raw: string) => parseType(raw, 'mssql');

describe('SQL Server expressions (text)', () => {
  it('quotes names and relations', () => {
    expect(d.relation({ table: 'dbo.Order Details' })).toBe('[dbo].[Order Details]');
    expect(d.relation({ table: '[dbo].[a]]b]' })).toBe('[dbo].[a]]b]');
    expect(d.relation({ query: 'SELECT 1 AS x' })).toBe('(SELECT 1 AS x) AS src__');
  });

  it('canonicalises each rule', () => {
    expect(d.canon('[x]', { kind: 'int' }, t('int'))).toBe('CONVERT(varchar(40), [x])');
    expect(d.canon('[x]', { kind: 'decimal', precision: 38, scale: 4 }, t('money'))).toBe('CONVERT(varchar(41), CAST([x] AS decimal(38,4)))');
    expect(d.canon('[x]', { kind: 'bool' }, t('bit'))).toBe('CONVERT(varchar(1), CAST([x] AS int))');
    expect(d.canon('[x]', { kind: 'string', rtrim: true, lower: true }, t('nvarchar(50)'))).toBe('LOWER(RTRIM(CAST([x] AS nvarchar(max))))');
    expect(d.canon('[x]', { kind: 'date' }, t('date'))).toBe('CONVERT(char(10), [x], 23)');
    expect(d.canon('[x]', { kind: 'timestamp', fraction: 3, datetime300: true }, t('datetime'))).toBe('CONVERT(varchar(23), [x], 121)');
    expect(d.canon('[x]', { kind: 'timestamp', fraction: 6, datetime300: false }, t('datetime2(7)'))).toBe('CONVERT(varchar(27), CAST([x] AS datetime2(6)), 121)');
    expect(d.canon('[x]', { kind: 'timestamp', fraction: 0, datetime300: false }, t('datetime'))).toBe('CONVERT(varchar(27), CAST([x] AS datetime2(0)), 121)');
    expect(d.canon('[x]', { kind: 'timestamptz', fraction: 6 }, t('datetimeoffset(7)'))).toBe("CONVERT(varchar(27), CAST(SWITCHOFFSET([x], '+00:00') AS datetime2(6)), 121) + 'Z'");
    expect(d.hashText('[x]', { kind: 'timestamp', fraction: 3, datetime300: false }, t('datetime2(7)'))).toBe("CONVERT(varchar(20), DATEDIFF_BIG(microsecond, CAST('1970-01-01' AS datetime2(6)), CAST([x] AS datetime2(3))))");
    expect(d.hashText('[x]', { kind: 'timestamp', fraction: 3, datetime300: true }, t('datetime'))).toBe('CONVERT(varchar(23), [x], 121)');
    expect(t('datetimeoffset(3)')).toEqual({ kind: 'timestamptz', raw: 'datetimeoffset(3)', fraction: 3 });
    expect(d.canon('[x]', { kind: 'time', fraction: 3 }, t('time(7)'))).toBe('CONVERT(varchar(16), CAST([x] AS time(3)))');
    expect(d.canon('[x]', { kind: 'binary' }, t('varbinary(max)'))).toBe('LOWER(CONVERT(varchar(max), [x], 2))');
    expect(d.canon('[x]', { kind: 'uuid' }, t('uniqueidentifier'))).toBe('LOWER(CONVERT(char(36), [x]))');
    expect(d.canon('[x]', { kind: 'float', digits: 9, tolerance: 1e-9 }, t('float'))).toBe(
      "CASE WHEN CAST([x] AS float) IS NULL THEN NULL WHEN CAST([x] AS float) = 0 THEN '0' ELSE CONVERT(varchar(40), CAST(CAST([x] AS float) / POWER(CAST(10 AS float), CAST(FLOOR(LOG10(ABS(CAST([x] AS float)))) AS int)) AS decimal(18,9))) + 'e' + CONVERT(varchar(12), CAST(FLOOR(LOG10(ABS(CAST([x] AS float)))) AS int)) END",
    );
  });

  it('hashes UTF-8 bytes with md5, hex digits 2–16, like DuckDB and PostgreSQL', () => {
    expect(d.hash60("N'abc'")).toBe("(CAST(SUBSTRING(HASHBYTES('MD5', CAST(N'abc' COLLATE Latin1_General_100_BIN2_UTF8 AS varchar(max))), 1, 8) AS bigint) & 1152921504606846975)");
    expect(d.rowText(['a', 'b'])).toBe('CONCAT_WS(NCHAR(31), COALESCE(a, NCHAR(30)), COALESCE(b, NCHAR(30)))');
    expect(d.sumHash('h')).toBe('CONVERT(varchar(40), SUM(CAST(h AS decimal(38,0))))');
    expect(d.mod('kh__', 16n)).toBe('(((kh__) % 16) + 16) % 16');
  });

  it('limits with TOP and counts trailing spaces in lengths', () => {
    expect(d.limit('SELECT a FROM t', 5)).toBe('SELECT TOP (5) a FROM t');
    expect(d.length('[x]')).toBe("(LEN(CAST([x] AS nvarchar(max)) + N'x') - 1)");
  });

  it('describes a relation with sys.dm_exec_describe_first_result_set', () => {
    expect(mssqlDescribeSql("SELECT * FROM [dbo].[it's]")).toBe(
      "SELECT name, system_type_name, is_nullable FROM sys.dm_exec_describe_first_result_set(N'SELECT * FROM [dbo].[it''s]', NULL, 0) WHERE is_hidden = 0 ORDER BY column_ordinal",
    );
  });

  it('parses SQL Server type names', () => {
    expect(t('decimal(18,2)')).toMatchObject({ kind: 'decimal', precision: 18, scale: 2 });
    expect(t('datetime')).toMatchObject({ kind: 'datetime300', fraction: 3 });
    expect(t('datetime2(3)')).toMatchObject({ kind: 'timestamp', fraction: 3 });
    expect(t('nvarchar(max)')).toMatchObject({ kind: 'string' });
    expect(t('nvarchar(max)').length).toBeUndefined();
    expect(t('nchar(5)')).toMatchObject({ kind: 'char', length: 5 });
    expect(t('float(24)').kind).toBe('real');
    expect(t('timestamp').kind).toBe('binary');
  });
});

describe('connection URLs', () => {
  it('reads the three engines', () => {
    expect(parseConnectionUrl('duckdb:///tmp/x.db')).toMatchObject({ engine: 'duckdb', path: '/tmp/x.db' });
    expect(parseConnectionUrl('postgres://me@db.local:6543/wh')).toMatchObject({ engine: 'postgres', host: 'db.local', port: 6543, user: 'me', database: 'wh' });
    expect(parseConnectionUrl('mssql://sa@sql1/Northwind')).toMatchObject({ engine: 'mssql', host: 'sql1', port: 1433, user: 'sa', database: 'Northwind' });
  });
  it('refuses passwords in URLs, relative DuckDB paths and unknown engines', () => {
    expect(() => parseConnectionUrl('postgres://me:secret@h/db')).toThrow(/PGPASSWORD/);
    expect(() => parseConnectionUrl('mssql://sa:pw@h/db')).toThrow(/MSSQL_PASSWORD/);
    expect(() => parseConnectionUrl('duckdb://rel.db')).toThrow(ConnectionUrlError);
    expect(() => parseConnectionUrl('oracle://h/db')).toThrow(/unknown engine/);
  });
});
