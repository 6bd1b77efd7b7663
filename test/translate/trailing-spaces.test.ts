/**
 * String comparisons ignore trailing spaces in SQL Server ("Transact-SQL considers the strings 'abc'
 * and 'abc ' to be equivalent for most comparison operations"; LIKE ignores the trailing blanks of the
 * matched string). Executed on DuckDB and PostgreSQL over varchar and char data with trailing spaces.
 */
import { describe, expect, it } from 'vitest';
import { transpile } from '../../src/translate/index.js';
import { c, runCases, type ExecCase } from './harness.js';

const EQUALS = 'https://learn.microsoft.com/en-us/sql/t-sql/language-elements/string-comparison-assignment';
const LIKE = 'https://learn.microsoft.com/en-us/sql/t-sql/language-elements/like-transact-sql';
const CASE = 'https://learn.microsoft.com/en-us/sql/t-sql/language-elements/case-transact-sql';
const NULLIF = 'https://learn.microsoft.com/en-us/sql/t-sql/language-elements/nullif-transact-sql';
const GROUP_BY = 'https://learn.microsoft.com/en-us/sql/t-sql/queries/select-group-by-transact-sql';

const SETUP = `
CREATE TABLE dbo.Pad (Id int NOT NULL, Name varchar(10) NULL, Code char(5) NULL);
INSERT INTO dbo.Pad VALUES (1, 'abc', 'abc'), (2, 'abc  ', 'ab   '), (3, 'ABC ', 'x'), (4, ' abc', NULL), (5, 'abd', 'abd');
`;

const ids = (...n: number[]) => n.map((i) => [String(i)]);

const cases: ExecCase[] = [
  c('= ignores the column value\'s trailing spaces', "SELECT Id FROM dbo.Pad WHERE Name = 'abc'", ids(1, 2, 3), EQUALS),
  c("= ignores the literal's trailing spaces", "SELECT Id FROM dbo.Pad WHERE Name = 'abc   '", ids(1, 2, 3), EQUALS),
  c('leading spaces still count', "SELECT Id FROM dbo.Pad WHERE Name = ' abc'", ids(4), EQUALS),
  c('under --collation cs only the case is exact', "SELECT Id FROM dbo.Pad WHERE Name = 'abc'", ids(1, 2), EQUALS, { collation: 'cs' }),
  c('<>', "SELECT Id FROM dbo.Pad WHERE Name <> 'abc '", ids(4, 5), EQUALS),
  c('< compares the padded strings', "SELECT Id FROM dbo.Pad WHERE Name < 'abd'", ids(1, 2, 3, 4), EQUALS),
  c('IN (…)', "SELECT Id FROM dbo.Pad WHERE Name IN ('abc ', 'zz')", ids(1, 2, 3), EQUALS),
  c('BETWEEN', "SELECT Id FROM dbo.Pad WHERE Name BETWEEN 'abc' AND 'abc'", ids(1, 2, 3), EQUALS),
  c('a char column compares with a shorter literal', "SELECT Id FROM dbo.Pad WHERE Code = 'ab'", ids(2), EQUALS),
  c('a join on strings', 'SELECT a.Id, b.Id FROM dbo.Pad AS a INNER JOIN dbo.Pad AS b ON a.Name = b.Name AND a.Id < b.Id',
    [['1', '2'], ['1', '3'], ['2', '3']], EQUALS),
  c('LIKE ignores the matched string\'s trailing blanks', "SELECT Id FROM dbo.Pad WHERE Name LIKE 'ab_'", ids(1, 2, 3, 5), LIKE),
  c('LIKE with a trailing %', "SELECT Id FROM dbo.Pad WHERE Name LIKE 'abc%'", ids(1, 2, 3), LIKE),
  c('CASE s WHEN … compares as = does', "SELECT Id, CASE Name WHEN 'abc ' THEN 'yes' WHEN 'ABD' THEN 'd' ELSE 'no' END FROM dbo.Pad",
    [['1', 'yes'], ['2', 'yes'], ['3', 'yes'], ['4', 'no'], ['5', 'd']], CASE),
  c('NULLIF compares as = does', "SELECT Id FROM dbo.Pad WHERE NULLIF(Name, 'abc') IS NULL", ids(1, 2, 3), NULLIF),
  c('NULLIF keeps the value it returns as it was', "SELECT NULLIF(Name, 'zzz') FROM dbo.Pad WHERE Id = 2", [['abc  ']], NULLIF),
  c('NULLIF over a char column', "SELECT NULLIF(Code, 'ab') FROM dbo.Pad WHERE Id = 2", [[null]], NULLIF),
  c('NULLIF over numbers stays nullif', 'SELECT NULLIF(Id, 1) FROM dbo.Pad WHERE Id < 3', [[null], ['2']], NULLIF),
  c('GROUP BY puts padded values in one group', 'SELECT LOWER(RTRIM(Name)), COUNT(*) FROM dbo.Pad GROUP BY Name',
    [['abc', '3'], [' abc', '1'], ['abd', '1']], GROUP_BY),
  c('COUNT(DISTINCT …)', 'SELECT COUNT(DISTINCT Name) FROM dbo.Pad', [['3']], GROUP_BY),
];

runCases('trailing spaces in string comparisons', cases, SETUP);

describe('trailing spaces: the option and the limits', () => {
  const columns = () => [{ name: 'Name', type: { name: 'varchar' as const, args: [10] } }, { name: 'n', type: { name: 'int' as const, args: [] } }];
  it("--trailing-spaces keep compares as the target does, and reads simply", () => {
    expect(transpile("SELECT n FROM t WHERE Name = 'abc '", { to: 'duckdb', trailingSpaces: 'keep', columns }).sql).toBe("SELECT n\nFROM t\nWHERE lower(Name) = 'abc ';");
  });
  it('numbers and dates are not trimmed; an untyped column beside a number-like literal is left alone', () => {
    const sql = transpile("SELECT n FROM t WHERE n = 5 AND x = '5' AND y = '2020-01-01' AND z = 'a '", { to: 'duckdb', collation: 'cs', columns }).sql;
    expect(sql).toContain("n = 5 AND x = '5' AND y = '2020-01-01' AND rtrim(z) = 'a'");
  });
});
