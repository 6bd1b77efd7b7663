/**
 * Grouping under SQL Server's default case-insensitive collation (`--collation ci`): GROUP BY,
 * DISTINCT, COUNT(DISTINCT …) and PARTITION BY put 'red', 'RED' and 'Red' together. Executed on
 * DuckDB and PostgreSQL over a table with case variants; the column types come from the setup
 * script (as from the catalog in a real project).
 */
import { describe, expect, it } from 'vitest';
import { transpile } from '../../src/translate/index.js';
import { c, runCases, type ExecCase } from './harness.js';

const COLLATION = 'https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support';
const GROUP_BY = 'https://learn.microsoft.com/en-us/sql/t-sql/queries/select-group-by-transact-sql';
const DISTINCT = 'https://learn.microsoft.com/en-us/sql/t-sql/queries/select-transact-sql';
const COUNT = 'https://learn.microsoft.com/en-us/sql/t-sql/functions/count-transact-sql';
const UNION = 'https://learn.microsoft.com/en-us/sql/t-sql/language-elements/set-operators-union-transact-sql';
const OVER = 'https://learn.microsoft.com/en-us/sql/t-sql/queries/select-over-clause-transact-sql';

const SETUP = `
CREATE TABLE dbo.Tag (Id int NOT NULL, Name varchar(20) NULL, Qty int NOT NULL);
INSERT INTO dbo.Tag VALUES (1, 'red', 1), (2, 'RED', 2), (3, 'Red', 3), (4, 'blue', 4), (5, 'Blue', 5), (6, NULL, 6);
CREATE TABLE dbo.Thing (g uniqueidentifier NOT NULL, n varchar(5) NOT NULL);
INSERT INTO dbo.Thing VALUES ('6F9619FF-8B86-D011-B42D-00C04FC964FF', 'a'), ('6f9619ff-8b86-d011-b42d-00c04fc964ff', 'A ');
`;

const cases: ExecCase[] = [
  c('GROUP BY puts case variants in one group', 'SELECT LOWER(Name), COUNT(*), SUM(Qty) FROM dbo.Tag GROUP BY Name',
    [['red', '3', '6'], ['blue', '2', '9'], [null, '1', '6']], GROUP_BY),
  // SQL Server shows any one spelling of a group; the translation shows the smallest in code-point order on every target.
  c('a grouped column shows one of its spellings', 'SELECT Name, COUNT(*) FROM dbo.Tag GROUP BY Name',
    [['RED', '3'], ['Blue', '2'], [null, '1']], GROUP_BY),
  c('HAVING and ORDER BY on the grouped column', "SELECT LOWER(Name) AS n FROM dbo.Tag GROUP BY Name HAVING Name <> 'BLUE' ORDER BY Name",
    [['red']], GROUP_BY, { ordered: true }),
  c('a string expression as the grouping key', 'SELECT LEFT(Name, 1), COUNT(*) FROM dbo.Tag GROUP BY LEFT(Name, 1)',
    [['R', '3'], ['B', '2'], [null, '1']], GROUP_BY),
  c('SELECT DISTINCT deduplicates case variants', 'SELECT COUNT(*) FROM (SELECT DISTINCT Name FROM dbo.Tag) AS d', [['3']], DISTINCT),
  c('SELECT DISTINCT with ORDER BY', 'SELECT DISTINCT Name FROM dbo.Tag WHERE Name IS NOT NULL ORDER BY Name', [['Blue'], ['RED']], DISTINCT, { ordered: true }),
  c('SELECT DISTINCT over a string and a number', 'SELECT COUNT(*) FROM (SELECT DISTINCT Name, Qty / 10 AS q FROM dbo.Tag) AS d', [['3']], DISTINCT),
  c('UNION removes case variants', 'SELECT COUNT(*) FROM (SELECT Name FROM dbo.Tag UNION SELECT UPPER(Name) FROM dbo.Tag) AS u', [['3']], UNION),
  c('UNION with ORDER BY shows one spelling', "SELECT Name FROM dbo.Tag WHERE Id < 3 UNION SELECT 'Red' ORDER BY Name", [['RED']], UNION, { ordered: true }),
  c('UNION ordered by an expression over a column', "SELECT Name FROM dbo.Tag WHERE Id IN (1, 4) UNION SELECT 'BLUE' ORDER BY UPPER(Name)",
    [['BLUE'], ['red']], UNION, { ordered: true }),
  c('UNION over a string and a number', "SELECT COUNT(*) FROM (SELECT Name, Qty / 10 AS q FROM dbo.Tag UNION SELECT 'BLUE', 0) AS u", [['3']], UNION),
  c('COUNT(DISTINCT string)', 'SELECT COUNT(DISTINCT Name) FROM dbo.Tag', [['2']], COUNT),
  c('PARTITION BY a string', 'SELECT Id, COUNT(*) OVER (PARTITION BY Name) FROM dbo.Tag',
    [['1', '3'], ['2', '3'], ['3', '3'], ['4', '2'], ['5', '2'], ['6', '1']], OVER),
  // A uniqueidentifier compares by value (any letter case), never as text: not folded, not trimmed.
  c('uniqueidentifier compared with a literal', "SELECT COUNT(*) FROM dbo.Thing WHERE g = '6F9619FF-8B86-D011-B42D-00C04FC964FF'", [['2']], COLLATION),
  c('uniqueidentifier grouped beside a string', 'SELECT COUNT(*) FROM (SELECT DISTINCT g, n FROM dbo.Thing) AS d', [['1']], DISTINCT),
  c('uniqueidentifier in GROUP BY', 'SELECT COUNT(*) FROM (SELECT g FROM dbo.Thing GROUP BY g) AS d', [['1']], GROUP_BY),
  c('--collation cs keeps case variants apart', 'SELECT COUNT(*) FROM (SELECT DISTINCT Name FROM dbo.Tag) AS d', [['6']], COLLATION, { collation: 'cs' }),
];

runCases('case-insensitive grouping', cases, SETUP);

describe('case-insensitive grouping: what is not emulated is diagnosed', () => {
  const columns = () => [{ name: 'Name', type: { name: 'varchar' as const, args: [20] } }, { name: 'Qty', type: { name: 'int' as const, args: [] } }];
  const t = (sql: string) => transpile(sql, { to: 'duckdb', columns });
  const codes = (sql: string) => t(sql).diagnostics.map((d) => `${d.code} ${d.message}`);
  it('INTERSECT, EXCEPT and a UNION that cannot be regrouped: MD3002', () => {
    expect(codes('SELECT Name FROM Tag INTERSECT SELECT Name FROM Tag')).toEqual([expect.stringMatching(/^MD3002 case-insensitive INTERSECT /)]);
    expect(codes('SELECT Name FROM Tag EXCEPT SELECT Name FROM Tag')).toEqual([expect.stringMatching(/^MD3002 case-insensitive EXCEPT /)]);
    // An unnamed output column cannot be referenced around the UNION.
    expect(codes('SELECT UPPER(Name) FROM Tag UNION SELECT Name FROM Tag')).toEqual([expect.stringMatching(/^MD3002 case-insensitive UNION /)]);
    expect(codes('SELECT Name FROM Tag UNION SELECT Name FROM Tag UNION ALL SELECT Name FROM Tag')).toEqual([expect.stringMatching(/^MD3002 case-insensitive UNION /)]);
    expect(codes('SELECT Name FROM Tag UNION ALL SELECT Name FROM Tag')).toEqual([]);
  });
  it('string keys inside ROLLUP: MD3002, left as written', () => {
    const r = t('SELECT Name, COUNT(*) FROM Tag GROUP BY ROLLUP(Name)');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['MD3002']);
    expect(r.sql).not.toContain('lower(');
  });
  it('a correlated subquery keeps its own columns', () => {
    const r = t('SELECT Name, (SELECT COUNT(*) FROM Tag AS u WHERE u.Qty > 1) AS c FROM Tag GROUP BY Name');
    expect(r.sql).toContain('FROM Tag AS u');
    expect(r.sql).not.toContain('min(u.');
  });
});
