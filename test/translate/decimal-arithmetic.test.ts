/**
 * Decimal division and AVG over decimals: SQL Server types the quotient by its precision and scale
 * rules and truncates it to that scale. The rules are unit-tested against the examples of the
 * precision/scale page; the translations are executed on DuckDB and PostgreSQL, where the expected
 * digits follow from those rules (truncated, never rounded: 1.67574 / 10000 at scale 6 is 0.000167).
 */
import { describe, expect, it } from 'vitest';
import { decimalOfLiteral, decimalResult } from '../../src/translate/decimal.js';
import { transpile } from '../../src/translate/index.js';
import { c, runCases, v, type ExecCase } from './harness.js';

const PRECISION = 'https://learn.microsoft.com/en-us/sql/t-sql/data-types/precision-scale-and-length-transact-sql';
const AVG = 'https://learn.microsoft.com/en-us/sql/t-sql/functions/avg-transact-sql';

describe('SQL Server precision and scale rules', () => {
  it('types constants by their digits', () => {
    expect(decimalOfLiteral('12.345')).toEqual({ precision: 5, scale: 3 });
    expect(decimalOfLiteral('0.5')).toEqual({ precision: 1, scale: 1 });
    expect(decimalOfLiteral('10000')).toEqual({ precision: 5, scale: 0 });
    expect(decimalOfLiteral('-2.0')).toEqual({ precision: 2, scale: 1 });
  });
  it('follows the page: multiplication past 38 digits keeps the integral part, then falls to scale 6', () => {
    // "decimal(30,20) * decimal(30,20) … decimal(38,17)" and "decimal(30,10) * decimal(30,10) … decimal(38,6)".
    expect(decimalResult('*', { precision: 30, scale: 20 }, { precision: 30, scale: 20 })).toEqual({ precision: 38, scale: 17 });
    expect(decimalResult('*', { precision: 30, scale: 10 }, { precision: 30, scale: 10 })).toEqual({ precision: 38, scale: 6 });
  });
  it('divides with scale max(6, s1 + p2 + 1), reduced within 38 digits', () => {
    expect(decimalResult('/', { precision: 6, scale: 5 }, { precision: 5, scale: 0 })).toEqual({ precision: 12, scale: 11 });
    expect(decimalResult('/', { precision: 38, scale: 10 }, { precision: 38, scale: 10 })).toEqual({ precision: 38, scale: 6 });
    expect(decimalResult('/', { precision: 2, scale: 1 }, { precision: 1, scale: 0 })).toEqual({ precision: 7, scale: 6 });
    // Integral part under 32 digits: the scale gives way to it.
    expect(decimalResult('/', { precision: 19, scale: 4 }, { precision: 19, scale: 4 })).toEqual({ precision: 38, scale: 19 });
  });
  it('adds with one carry digit', () => {
    expect(decimalResult('+', { precision: 10, scale: 2 }, { precision: 5, scale: 4 })).toEqual({ precision: 13, scale: 4 });
    expect(decimalResult('-', { precision: 38, scale: 10 }, { precision: 38, scale: 0 })).toEqual({ precision: 38, scale: 0 });
  });
});

const SETUP = `
CREATE TABLE dbo.Price (Id int NOT NULL, Amount decimal(10, 2) NOT NULL, Qty int NOT NULL, Cost money NULL);
INSERT INTO dbo.Price VALUES (1, 100.00, 3, 10.00), (2, 10.00, 7, NULL), (3, -5.00, 3, 2.50);
`;

const cases: ExecCase[] = [
  // Constants: 2.0 is decimal(2, 1), 3 is decimal(1, 0): the quotient is decimal(7, 6), truncated.
  v('2.0 / 3 truncates to 6 decimals', '2.0 / 3', '0.666666', PRECISION),
  v('-2.0 / 3 truncates toward zero', '-2.0 / 3', '-0.666666', PRECISION),
  v('1.0 / 3', '1.0 / 3', '0.333333', PRECISION),
  v('decimal(38, 10) / decimal(38, 10) is decimal(38, 6)', 'CAST(1.67574 AS decimal(38, 10)) / CAST(10000 AS decimal(38, 10))', '0.000167', PRECISION),
  v('decimal(6, 5) / decimal(5, 0) is decimal(12, 11)', 'CAST(1.67574 AS decimal(6, 5)) / CAST(10000 AS decimal(5, 0))', '0.000167574', PRECISION),
  v('decimal / int keeps s1 + 10 + 1 decimals', 'CAST(10 AS decimal(5, 2)) / CAST(3 AS int)', '3.3333333333333', PRECISION),
  v('decimal(38, 0) / 3 falls to scale 6', 'CAST(1 AS decimal(38, 0)) / 3', '0.333333', PRECISION),
  // 19 significant digits: more than a DOUBLE holds.
  v('a large quotient keeps every digit', '12345678901234.5678 / 7', '1763668414462.081114', PRECISION),
  v('money / decimal is a decimal', 'CAST(10 AS money) / CAST(3 AS decimal(5, 2))', '3.3333333333', PRECISION),
  v('NULL / 2', 'CAST(NULL AS decimal(5, 2)) / 2', null, PRECISION),
  // Columns typed by the script's CREATE TABLE: decimal(10, 2) / int is decimal(21, 13).
  c('column / column', 'SELECT Id, Amount / Qty FROM dbo.Price ORDER BY Id',
    [['1', '33.3333333333333'], ['2', '1.4285714285714'], ['3', '-1.6666666666666']], PRECISION, { ordered: true }),
  c('a quotient in further arithmetic keeps its type', 'SELECT (Amount / Qty) * 3 FROM dbo.Price WHERE Id = 1', [['99.9999999999999']], PRECISION),
  // SUM(smallint) is an int, decimal(10, 0) as a divisor: scale max(6, 1 + 10 + 1) = 12.
  c('dividing by a SUM of smallint', 'SELECT 1.0 / SUM(CAST(v AS smallint)) FROM (VALUES (1), (2)) AS t(v)', [['0.333333333333']], PRECISION),
  c('SUM / constant', 'SELECT SUM(Amount) / 9 FROM dbo.Price', [['11.666666']], PRECISION),
  // AVG(decimal(p, s)) is decimal(38, s) divided by decimal(10, 0).
  c('AVG over decimals truncates at scale 6', 'SELECT AVG(CAST(v AS decimal(5, 2))) FROM (VALUES (1), (2), (2)) AS t(v)', [['1.666666']], AVG),
  c('AVG DISTINCT', 'SELECT AVG(DISTINCT CAST(v AS decimal(5, 2))) FROM (VALUES (1), (2), (2)) AS t(v)', [['1.5']], AVG),
  c('AVG OVER a window', 'SELECT g, AVG(CAST(v AS decimal(5, 2))) OVER (PARTITION BY g) FROM (VALUES (1, 1), (1, 2), (1, 2), (2, 5)) AS t(g, v)',
    [['1', '1.666666'], ['1', '1.666666'], ['1', '1.666666'], ['2', '5']], AVG),
  c('AVG of a decimal column', 'SELECT AVG(Amount) FROM dbo.Price', [['35']], AVG),
  c('AVG ignores NULLs', 'SELECT AVG(Cost) FROM dbo.Price', [['6.25']], AVG),
];

runCases('decimal division', cases, SETUP);

describe('decimal division on the unexecuted targets', () => {
  it('keeps the division on Fabric (T-SQL computes it natively)', () => {
    expect(transpile('SELECT 2.0 / 3', { to: 'fabric' }).sql).toBe('SELECT CAST((2.0 / 3) AS decimal(7, 6));');
  });
  it('truncates at the scale on Snowflake, with MD3002 at the division', () => {
    const r = transpile('SELECT\n  2.0 / 3', { to: 'snowflake' });
    expect(r.sql).toContain('trunc((2.0) / (3), 6)');
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'MD3002', span: expect.objectContaining({ line: 2, col: 3 }) })]);
  });
  it('leaves a division whose operand type is unknown alone', () => {
    expect(transpile('SELECT a / 3.0 FROM t', { to: 'duckdb' }).sql).toBe('SELECT a / 3.0\nFROM t;');
  });
});
