/**
 * JSON, session, hashing and aggregate built-ins, STRING_SPLIT as a table source, and the SQL
 * Server-only functions that must be diagnosed; executed on DuckDB and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { KNOWN_TSQL_FUNCTIONS, transpile } from '../../src/translate/index.js';
import { c, runCases, v, type Engine, type ExecCase, type Expectation } from './harness.js';

const DOC = (page: string) => `https://learn.microsoft.com/en-us/sql/t-sql/functions/${page}-transact-sql`;
const SPLIT = DOC('string-split');
const both = (why: string): Readonly<Record<Engine, Expectation>> => ({ duckdb: { unsupported: why }, postgres: { unsupported: why } });
const pgOnlyNot = (why: string): Partial<ExecCase> => ({ on: { duckdb: 'exact', postgres: { unsupported: why } } });
const duckOnlyNot = (why: string): Partial<ExecCase> => ({ on: { duckdb: { unsupported: why }, postgres: 'exact' } });
const JSON_INFO = `'{"info":{"address":[{"town":"Paris"},{"town":"London"}]}}'`;

// The documented STRING_SPLIT example table (Product with comma-separated Tags).
const SETUP = `
CREATE TABLE Product (ProductId int NOT NULL, Name varchar(30), Tags varchar(100));
INSERT INTO Product (ProductId, Name, Tags) VALUES (1, 'Full-Finger Gloves', 'clothing,road,touring,bike'), (2, 'LL Headset', 'bike'), (3, 'HL Mountain Frame', 'bike,mountain');
`;

const cases: ExecCase[] = [
  // STRING_SPLIT: "a table-valued function … column named value"; ordinal is 1-based when enable_ordinal is 1.
  c('STRING_SPLIT on spaces', "SELECT value FROM STRING_SPLIT('Lorem ipsum dolor sit amet.', ' ')",
    [['Lorem'], ['ipsum'], ['dolor'], ['sit'], ['amet.']], SPLIT),
  c('STRING_SPLIT with ordinal', "SELECT value, ordinal FROM STRING_SPLIT('Lorem ipsum dolor sit amet.', ' ', 1) ORDER BY ordinal",
    [['Lorem', '1'], ['ipsum', '2'], ['dolor', '3'], ['sit', '4'], ['amet.', '5']], SPLIT, { ordered: true }),
  c('STRING_SPLIT keeps empty values', "SELECT value FROM STRING_SPLIT('Lorem,,ipsum', ',')", [['Lorem'], [''], ['ipsum']], SPLIT),
  c('STRING_SPLIT with an alias', "SELECT s.value FROM STRING_SPLIT('a,b', ',') AS s WHERE s.value <> 'a'", [['b']], SPLIT),
  c('STRING_SPLIT in IN (…)', "SELECT 1 WHERE 'road' IN (SELECT value FROM STRING_SPLIT('clothing,road,touring,bike', ','))", [['1']], SPLIT),
  c('STRING_SPLIT in CROSS APPLY', 'SELECT ProductId, Name, value FROM Product CROSS APPLY STRING_SPLIT(Tags, \',\')', [
    ['1', 'Full-Finger Gloves', 'clothing'], ['1', 'Full-Finger Gloves', 'road'], ['1', 'Full-Finger Gloves', 'touring'], ['1', 'Full-Finger Gloves', 'bike'],
    ['2', 'LL Headset', 'bike'], ['3', 'HL Mountain Frame', 'bike'], ['3', 'HL Mountain Frame', 'mountain'],
  ], SPLIT),
  c('STRING_SPLIT aggregated by tag', "SELECT value AS tag, COUNT(*) AS n FROM Product CROSS APPLY STRING_SPLIT(Tags, ',') GROUP BY value HAVING COUNT(*) > 1",
    [['bike', '3']], SPLIT),
  // ISJSON: without a constraint "tests if the input is a valid JSON object or array".
  v('ISJSON object', `ISJSON('{"a":1}')`, '1', DOC('isjson'), pgOnlyNot('no JSON validation on PostgreSQL 15')),
  v('ISJSON array', "ISJSON('[1,2]')", '1', DOC('isjson'), pgOnlyNot('no JSON validation on PostgreSQL 15')),
  v('ISJSON scalar without a constraint', "ISJSON('true')", '0', DOC('isjson'), pgOnlyNot('no JSON validation on PostgreSQL 15')),
  v('ISJSON invalid', "ISJSON('test string')", '0', DOC('isjson'), pgOnlyNot('no JSON validation on PostgreSQL 15')),
  v('ISJSON true VALUE', "ISJSON('true', VALUE)", '1', DOC('isjson'), pgOnlyNot('no JSON validation on PostgreSQL 15')),
  v('ISJSON test string VALUE', "ISJSON('test string', VALUE)", '0', DOC('isjson'), pgOnlyNot('no JSON validation on PostgreSQL 15')),
  v('ISJSON string SCALAR', `ISJSON('"test string"', SCALAR)`, '1', DOC('isjson'), pgOnlyNot('no JSON validation on PostgreSQL 15')),
  v('ISJSON NULL', 'ISJSON(NULL)', null, DOC('isjson'), pgOnlyNot('no JSON validation on PostgreSQL 15')),
  v('JSON_PATH_EXISTS', `JSON_PATH_EXISTS(${JSON_INFO}, '$.info.address')`, '1', DOC('json-path-exists')),
  v('JSON_PATH_EXISTS missing', `JSON_PATH_EXISTS(${JSON_INFO}, '$.info.addresses')`, '0', DOC('json-path-exists')),
  // JSON_QUERY: "extracts an object or an array"; a scalar gives NULL in lax mode.
  v('JSON_QUERY array', `JSON_QUERY(${JSON_INFO}, '$.info.address')`, '[{"town":"Paris"},{"town":"London"}]', DOC('json-query')),
  v('JSON_QUERY array element', `JSON_QUERY(${JSON_INFO}, '$.info.address[1]')`, '{"town":"London"}', DOC('json-query')),
  v('JSON_QUERY of a scalar is NULL', `JSON_QUERY(${JSON_INFO}, '$.info.address[0].town')`, null, DOC('json-query')),
  v('JSON_QUERY without a path', `JSON_QUERY('{"a":[1,2]}')`, '{"a":[1,2]}', DOC('json-query')),
  v('JSON_QUERY missing path is NULL', `JSON_QUERY(${JSON_INFO}, 'lax $.info.phone')`, null, DOC('json-query')),
  v('JSON_MODIFY (diagnosed)', `JSON_MODIFY('{"a":1}', '$.a', 2)`, '{"a":2}', DOC('json-modify'), { on: both("SQL Server's JSON update semantics") }),
  // Session: SYSTEM_USER is SUSER_SNAME(), USER is USER_NAME(); values are the target's own principals.
  v('SYSTEM_USER = SUSER_SNAME()', 'CASE WHEN SYSTEM_USER = SUSER_SNAME() THEN 1 ELSE 0 END', '1', DOC('system-user')),
  v('USER = USER_NAME()', 'CASE WHEN USER = USER_NAME() THEN 1 ELSE 0 END', '1', DOC('user-name')),
  v('CURRENT_USER is a name', 'CASE WHEN LEN(CURRENT_USER) > 0 THEN 1 ELSE 0 END', '1', DOC('current-user')),
  v('DB_NAME() is a name', 'CASE WHEN LEN(DB_NAME()) > 0 THEN 1 ELSE 0 END', '1', DOC('db-name')),
  v('SCHEMA_NAME() is a name', 'CASE WHEN LEN(SCHEMA_NAME()) > 0 THEN 1 ELSE 0 END', '1', DOC('schema-name')),
  v('NEWSEQUENTIALID is a GUID', 'LEN(CAST(NEWSEQUENTIALID() AS varchar(36)))', '36', DOC('newsequentialid')),
  // HASHBYTES of ASCII varchar: the standard test vectors for 'abc' (RFC 1321, FIPS 180-4).
  v('HASHBYTES MD5', "CASE WHEN HASHBYTES('MD5', 'abc') = 0x900150983CD24FB0D6963F7D28E17F72 THEN 1 ELSE 0 END", '1', DOC('hashbytes')),
  v('HASHBYTES SHA2_256', "CASE WHEN HASHBYTES('SHA2_256', 'abc') = 0xBA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD THEN 1 ELSE 0 END", '1', DOC('hashbytes')),
  v('HASHBYTES SHA1', "CASE WHEN HASHBYTES('SHA1', 'abc') = 0xA9993E364706816ABA3E25717850C26C9CD0D89D THEN 1 ELSE 0 END", '1', DOC('hashbytes'), pgOnlyNot('SHA-1 needs pgcrypto')),
  v('HASHBYTES SHA2_512', "CASE WHEN HASHBYTES('SHA2_512', 'abc') = 0xDDAF35A193617ABACC417349AE20413112E6FA4E89A97EA20A9EEEE64B55D39A2192992A274FC1A836BA3C23A3FEEBBD454D4423643CE80E2A9AC94FA54CA49F THEN 1 ELSE 0 END", '1', DOC('hashbytes'), duckOnlyNot('no SHA-512 in DuckDB')),
  v('HASHBYTES of NULL', "HASHBYTES('MD5', NULL)", null, DOC('hashbytes')),
  v('HASHBYTES of nvarchar (diagnosed: UTF-16LE bytes)', "HASHBYTES('MD5', N'abc')", null, DOC('hashbytes'), { on: both('UTF-16LE bytes in SQL Server') }),
  // CHECKSUM: "if one of the values in the expression list changes, the checksum of the list also usually changes".
  v('CHECKSUM is deterministic (diagnosed: other values)', "CASE WHEN CHECKSUM('a', 1) = CHECKSUM('a', 1) AND CHECKSUM('a', 1) <> CHECKSUM('a', 2) THEN 1 ELSE 0 END", '1', DOC('checksum'), { on: both('different hash values') }),
  // Aggregates.
  c('APPROX_COUNT_DISTINCT', 'SELECT APPROX_COUNT_DISTINCT(x) FROM (VALUES (1), (2), (2), (3)) AS t (x)', [['3']], DOC('approx-count-distinct')),
  c('APPROX_PERCENTILE_CONT', 'SELECT APPROX_PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x) FROM (VALUES (1), (2), (3), (4)) AS t (x)', [['2.5']], DOC('approx-percentile-cont')),
  c('APPROX_PERCENTILE_DISC', 'SELECT APPROX_PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY x) FROM (VALUES (1), (2), (3), (4)) AS t (x)', [['2']], DOC('approx-percentile-disc')),
  c('GROUPING_ID over ROLLUP', 'SELECT a, b, GROUPING_ID(a, b) FROM (VALUES (1, 2)) AS t (a, b) GROUP BY ROLLUP(a, b)',
    [['1', '2', '0'], ['1', null, '1'], [null, null, '3']], DOC('grouping-id')),
  c('CHECKSUM_AGG (diagnosed)', 'SELECT CHECKSUM_AGG(x) FROM (VALUES (1), (2)) AS t (x)', [['3']], DOC('checksum-agg'), { on: both("SQL Server's checksum") }),
  // SQL Server-only state: each is diagnosed (MD3001) and kept as a comment-marked call.
  ...(['ERROR_MESSAGE()', 'ERROR_NUMBER()', 'ERROR_LINE()', 'ERROR_PROCEDURE()', 'ERROR_SEVERITY()', 'ERROR_STATE()', 'XACT_STATE()',
    "OBJECT_ID('dbo.Product')", 'OBJECT_NAME(1)', 'OBJECT_SCHEMA_NAME(1)', "COL_LENGTH('Product', 'Name')", 'SCOPE_IDENTITY()', "IDENT_CURRENT('Product')",
    'ROWCOUNT_BIG()', 'HOST_NAME()', 'APP_NAME()', "COMPRESS('a')", 'DECOMPRESS(0x00)', 'CURRENT_TIMEZONE()',
    'DATETIMEOFFSETFROMPARTS(2010, 12, 31, 14, 23, 23, 0, 12, 0, 7)'] as const)
    .map((call) => v(`${call} (diagnosed)`, call, null, DOC(call.slice(0, call.indexOf('(')).toLowerCase().replace(/_/g, '-')), { on: both('SQL Server only') })),
];

runCases('JSON, session, hashing and table functions', cases, SETUP);

describe('function coverage', () => {
  it('knows at least 155 T-SQL built-ins', () => {
    expect(KNOWN_TSQL_FUNCTIONS.length).toBeGreaterThanOrEqual(155);
    expect(new Set(KNOWN_TSQL_FUNCTIONS).size).toBe(KNOWN_TSQL_FUNCTIONS.length);
  });
  it('translates every known built-in without an "unknown function" warning', () => {
    for (const name of KNOWN_TSQL_FUNCTIONS) {
      if (['CAST', 'TRY_CAST', 'CONVERT', 'TRY_CONVERT', 'PARSE', 'TRY_PARSE', 'STRING_SPLIT'].includes(name)) continue;
      const t = transpile(`SELECT ${name}(1, 2)`, { to: 'duckdb' });
      expect(t.diagnostics.map((d) => d.code), name).not.toContain('MD3004');
    }
  });
  it('keeps SQL Server-only functions by name on Fabric, without a diagnostic', () => {
    const t = transpile("SELECT ERROR_MESSAGE(), OBJECT_ID('t'), FORMAT(x, 'P')", { to: 'fabric' });
    expect(t.sql).toBe("SELECT ERROR_MESSAGE(), OBJECT_ID('t'), FORMAT(x, 'P');");
    expect(t.diagnostics).toEqual([]);
  });
});
