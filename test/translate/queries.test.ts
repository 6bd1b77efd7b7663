/**
 * Query shapes: TOP, OFFSET/FETCH, CTEs, windows, ROLLUP, PIVOT/UNPIVOT, APPLY, set operations and
 * quoting, run over a small fixture whose DDL and INSERTs are themselves translated from T-SQL.
 */
import { c, runCases, type ExecCase } from './harness.js';

const SELECT = 'https://learn.microsoft.com/en-us/sql/t-sql/queries/select-transact-sql';
const TOP = 'https://learn.microsoft.com/en-us/sql/t-sql/queries/top-transact-sql';
const ORDER = 'https://learn.microsoft.com/en-us/sql/t-sql/queries/select-order-by-clause-transact-sql';
const WITH = 'https://learn.microsoft.com/en-us/sql/t-sql/queries/with-common-table-expression-transact-sql';
const OVER = 'https://learn.microsoft.com/en-us/sql/t-sql/queries/select-over-clause-transact-sql';
const GROUPBY = 'https://learn.microsoft.com/en-us/sql/t-sql/queries/select-group-by-transact-sql';
const GROUPING = 'https://learn.microsoft.com/en-us/sql/t-sql/functions/grouping-transact-sql';
const PIVOT = 'https://learn.microsoft.com/en-us/sql/t-sql/queries/from-using-pivot-and-unpivot';
const FROM = 'https://learn.microsoft.com/en-us/sql/t-sql/queries/from-transact-sql';
const AGG = 'https://learn.microsoft.com/en-us/sql/t-sql/functions/string-agg-transact-sql';
const SETOPS = 'https://learn.microsoft.com/en-us/sql/t-sql/language-elements/set-operators-union-transact-sql';
const IDENT = 'https://learn.microsoft.com/en-us/sql/relational-databases/databases/database-identifiers';
const ROWNUM = 'https://learn.microsoft.com/en-us/sql/t-sql/functions/row-number-transact-sql';
const LAG = 'https://learn.microsoft.com/en-us/sql/t-sql/functions/lag-transact-sql';

export const FIXTURE = `
CREATE TABLE dbo.Sales (Id int NOT NULL PRIMARY KEY, Region varchar(10) NOT NULL, Product nvarchar(10) NOT NULL, Qty int NOT NULL, Price decimal(10, 2) NULL, SoldOn date NOT NULL);
INSERT INTO dbo.Sales (Id, Region, Product, Qty, Price, SoldOn) VALUES
  (1, 'North', 'A', 10, 2.50, '2024-01-05'),
  (2, 'North', 'B', 5, 4.00, '2024-01-20'),
  (3, 'South', 'A', 7, 2.50, '2024-02-11'),
  (4, 'South', 'B', 7, NULL, '2024-02-15'),
  (5, 'East', 'A', 3, 2.75, '2024-03-01'),
  (6, 'East', 'C', 12, 1.10, '2024-03-09');
CREATE TABLE [Order Details] ([Order] int NOT NULL, [User] varchar(20) NULL, [Unit Price] money NOT NULL);
INSERT INTO [Order Details] VALUES (1, 'ann', 10.5000), (2, NULL, 3.2500);
CREATE TABLE dbo.Quarters (Product varchar(5) NOT NULL, Q1 int NULL, Q2 int NULL);
INSERT INTO dbo.Quarters VALUES ('A', 1, 2), ('B', NULL, 4);
`;

const cases: ExecCase[] = [
  c('TOP (n) with ORDER BY', 'SELECT TOP (2) Id FROM dbo.Sales ORDER BY Qty DESC', [['6'], ['1']], TOP, { ordered: true }),
  c('TOP n without parentheses', 'SELECT TOP 1 Id FROM dbo.Sales ORDER BY Id', [['1']], TOP),
  c('TOP WITH TIES keeps the tied rows', 'SELECT TOP (3) WITH TIES Id FROM dbo.Sales ORDER BY Qty DESC', [['6'], ['1'], ['3'], ['4']], TOP),
  c('TOP PERCENT rounds the row count up', 'SELECT TOP (30) PERCENT Id FROM dbo.Sales ORDER BY Id', [['1'], ['2']], TOP, { ordered: true }),
  c('OFFSET … FETCH', 'SELECT Id FROM dbo.Sales ORDER BY Id OFFSET 2 ROWS FETCH NEXT 2 ROWS ONLY', [['3'], ['4']], ORDER, { ordered: true }),
  c('OFFSET without FETCH', 'SELECT Id FROM dbo.Sales ORDER BY Id OFFSET 4 ROWS', [['5'], ['6']], ORDER, { ordered: true }),
  c('CTE', 'WITH n AS (SELECT Region, SUM(Qty) AS q FROM dbo.Sales GROUP BY Region) SELECT Region FROM n WHERE q > 14', [['North'], ['East']], WITH),
  c('recursive CTE', 'WITH r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT SUM(n) FROM r', [['15']], WITH),
  c('ROW_NUMBER per partition', 'SELECT Id, ROW_NUMBER() OVER (PARTITION BY Region ORDER BY Qty DESC) AS rn FROM dbo.Sales',
    [['1', '1'], ['2', '2'], ['3', '1'], ['4', '2'], ['5', '2'], ['6', '1']], ROWNUM),
  c('RANK and DENSE_RANK with ties', 'SELECT Id, RANK() OVER (ORDER BY Qty DESC), DENSE_RANK() OVER (ORDER BY Qty DESC) FROM dbo.Sales',
    [['6', '1', '1'], ['1', '2', '2'], ['3', '3', '3'], ['4', '3', '3'], ['2', '5', '4'], ['5', '6', '5']], OVER),
  c('running SUM with a frame', 'SELECT Id, SUM(Qty) OVER (ORDER BY Id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM dbo.Sales',
    [['1', '10'], ['2', '15'], ['3', '22'], ['4', '29'], ['5', '32'], ['6', '44']], OVER),
  c('LAG with default', 'SELECT Id, LAG(Qty, 1, 0) OVER (ORDER BY Id) FROM dbo.Sales WHERE Id < 4', [['1', '0'], ['2', '10'], ['3', '5']], LAG),
  c('aggregate window per partition', 'SELECT DISTINCT Region, COUNT(*) OVER (PARTITION BY Region) FROM dbo.Sales', [['North', '2'], ['South', '2'], ['East', '2']], OVER),
  c('GROUP BY ROLLUP with GROUPING()', 'SELECT Region, SUM(Qty), GROUPING(Region) FROM dbo.Sales GROUP BY ROLLUP (Region)',
    [['East', '15', '0'], ['North', '15', '0'], ['South', '14', '0'], [null, '44', '1']], GROUPING),
  c('legacy WITH ROLLUP', 'SELECT Region, Product, SUM(Qty) FROM dbo.Sales WHERE Region = \'North\' GROUP BY Region, Product WITH ROLLUP',
    [['North', 'A', '10'], ['North', 'B', '5'], ['North', null, '15'], [null, null, '15']], GROUPBY),
  c('GROUPING SETS', 'SELECT Region, Product, COUNT(*) FROM dbo.Sales WHERE Qty > 6 GROUP BY GROUPING SETS ((Region), (Product))',
    [['North', null, '1'], ['South', null, '2'], ['East', null, '1'], [null, 'A', '2'], [null, 'B', '1'], [null, 'C', '1']], GROUPBY),
  c('HAVING', 'SELECT Region FROM dbo.Sales GROUP BY Region HAVING MIN(Qty) < 5', [['East']], GROUPBY),
  c('STRING_AGG … WITHIN GROUP', "SELECT Region, STRING_AGG(Product, ',') WITHIN GROUP (ORDER BY Product DESC) FROM dbo.Sales GROUP BY Region",
    [['East', 'C,A'], ['North', 'B,A'], ['South', 'B,A']], AGG),
  c('STRING_AGG of numbers', "SELECT STRING_AGG(Id, ';') WITHIN GROUP (ORDER BY Id) FROM dbo.Sales WHERE Qty = 7", [['3;4']], AGG),
  c('PIVOT', 'SELECT Region, [A], [B] FROM (SELECT Region, Product, Qty FROM dbo.Sales) AS s PIVOT (SUM(Qty) FOR Product IN ([A], [B])) AS p',
    [['North', '10', '5'], ['South', '7', '7'], ['East', '3', null]], PIVOT),
  c('UNPIVOT drops NULLs', 'SELECT Product, Quarter, Amount FROM (SELECT Product, Q1, Q2 FROM dbo.Quarters) AS q UNPIVOT (Amount FOR Quarter IN (Q1, Q2)) AS u',
    [['A', 'Q1', '1'], ['A', 'Q2', '2'], ['B', 'Q2', '4']], PIVOT),
  c('CROSS APPLY a correlated TOP 1', `SELECT r.Region, x.Id FROM (SELECT DISTINCT Region FROM dbo.Sales) AS r
      CROSS APPLY (SELECT TOP (1) s.Id FROM dbo.Sales AS s WHERE s.Region = r.Region ORDER BY s.Qty DESC) AS x`,
    [['North', '1'], ['South', '3'], ['East', '6']], FROM, {
      on: { duckdb: 'exact', postgres: 'exact' },
    }),
  c('OUTER APPLY keeps rows without matches', `SELECT r.Region, x.Id FROM (SELECT DISTINCT Region FROM dbo.Sales) AS r
      OUTER APPLY (SELECT s.Id FROM dbo.Sales AS s WHERE s.Region = r.Region AND s.Qty > 9) AS x`,
    [['North', '1'], ['South', null], ['East', '6']], FROM),
  c('UNION removes duplicates', 'SELECT Region FROM dbo.Sales UNION SELECT Region FROM dbo.Sales', [['North'], ['South'], ['East']], SETOPS),
  c('EXCEPT', "SELECT Region FROM dbo.Sales EXCEPT SELECT Region FROM dbo.Sales WHERE Product = 'C'", [['North'], ['South']], 'https://learn.microsoft.com/en-us/sql/t-sql/language-elements/set-operators-except-and-intersect-transact-sql'),
  c('INTERSECT', "SELECT Product FROM dbo.Sales WHERE Region = 'North' INTERSECT SELECT Product FROM dbo.Sales WHERE Region = 'East'", [['A']], 'https://learn.microsoft.com/en-us/sql/t-sql/language-elements/set-operators-except-and-intersect-transact-sql'),
  c('IN subquery and EXISTS', "SELECT Id FROM dbo.Sales AS s WHERE Id IN (SELECT Id FROM dbo.Sales WHERE Qty = 7) AND EXISTS (SELECT 1 FROM dbo.Sales t WHERE t.Region = s.Region AND t.Product = 'A')", [['3'], ['4']], SELECT),
  c('scalar subquery', 'SELECT Id FROM dbo.Sales WHERE Qty > (SELECT AVG(Qty) FROM dbo.Sales) + 1', [['1'], ['6']], SELECT),
  c('string literal compared case-insensitively (ci)', "SELECT Id FROM dbo.Sales WHERE Region = 'NORTH'", [['1'], ['2']], SELECT),
  c('LIKE on a column is case-insensitive (ci)', "SELECT Id FROM dbo.Sales WHERE Region LIKE 's%'", [['3'], ['4']], SELECT),
  c('LIKE class on a column', "SELECT Id FROM dbo.Sales WHERE Region LIKE '[E-N]%'", [['1'], ['2'], ['5'], ['6']], SELECT),
  c('table hint dropped', 'SELECT COUNT(*) FROM dbo.Sales WITH (NOLOCK)', [['6']], 'https://learn.microsoft.com/en-us/sql/t-sql/queries/hints-transact-sql-table'),
  c('identifiers with spaces and reserved words', 'SELECT [Order], [User], [Unit Price] FROM [Order Details] ORDER BY [Order]', [['1', 'ann', '10.5'], ['2', null, '3.25']], IDENT, { ordered: true }),
  c('string + on columns propagates NULL', "SELECT [Order], 'u:' + [User] FROM [Order Details]", [['1', 'u:ann'], ['2', null]], 'https://learn.microsoft.com/en-us/sql/t-sql/language-elements/string-concatenation-transact-sql'),
  c('ISNULL on a column', "SELECT ISNULL([User], 'nobody') FROM [Order Details]", [['ann'], ['nobody']], 'https://learn.microsoft.com/en-us/sql/t-sql/functions/isnull-transact-sql'),
  c('money arithmetic', 'SELECT SUM([Unit Price] * 2) FROM [Order Details]', [['27.5']], 'https://learn.microsoft.com/en-us/sql/t-sql/data-types/money-and-smallmoney-transact-sql'),
  c('DATEDIFF over a date column', "SELECT Id FROM dbo.Sales WHERE DATEDIFF(month, SoldOn, '2024-03-31') = 0", [['5'], ['6']], 'https://learn.microsoft.com/en-us/sql/t-sql/functions/datediff-transact-sql'),
  // The harness hands the fixture's column types over, as the dbt generator does the catalog's.
  c('AVG of an int column', 'SELECT AVG(Qty) FROM dbo.Sales', [['7']], 'https://learn.microsoft.com/en-us/sql/t-sql/functions/avg-transact-sql'),
  c('derived table with column list', 'SELECT x FROM (VALUES (1), (2)) AS t (x) WHERE x > 1', [['2']], FROM),
  c('COUNT DISTINCT', 'SELECT COUNT(DISTINCT Region) FROM dbo.Sales', [['3']], 'https://learn.microsoft.com/en-us/sql/t-sql/functions/count-transact-sql'),
];

runCases('queries', cases, FIXTURE);
