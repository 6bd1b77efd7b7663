/**
 * UPDATE / DELETE / MERGE / TRUNCATE, executed: for each case the fixture tables are (re)created
 * from translated T-SQL, the translated DML statement runs, and the target table's rows are
 * compared with what SQL Server's documented semantics give for the same statement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transpile } from '../../src/translate/index.js';
import { openDuckDb } from '../helpers/duckdb.js';
import { normaliseValue, type Row } from '../helpers/normalise.js';
import { startPostgres } from '../helpers/postgres.js';
import { ENGINES, type Engine } from './harness.js';

const UPDATE = 'https://learn.microsoft.com/en-us/sql/t-sql/queries/update-transact-sql';
const DELETE = 'https://learn.microsoft.com/en-us/sql/t-sql/statements/delete-transact-sql';
const MERGE = 'https://learn.microsoft.com/en-us/sql/t-sql/statements/merge-transact-sql';
const TRUNCATE = 'https://learn.microsoft.com/en-us/sql/t-sql/statements/truncate-table-transact-sql';
const OUTPUT = 'https://learn.microsoft.com/en-us/sql/t-sql/queries/output-clause-transact-sql';

const FIXTURE = `
CREATE TABLE dbo.Product (ProductID int NOT NULL PRIMARY KEY, Name varchar(20) NOT NULL, ListPrice decimal(10, 2) NOT NULL, Color varchar(10) NULL);
INSERT INTO dbo.Product VALUES (1, 'Bike', 100.00, 'Red'), (2, 'Helmet', 20.00, NULL), (3, 'Glove', 5.50, 'black'), (4, 'Lamp', 12.00, 'Black');
CREATE TABLE dbo.SalesDetail (ProductID int NOT NULL, Qty int NOT NULL);
INSERT INTO dbo.SalesDetail VALUES (1, 2), (3, 10), (3, 1);
CREATE TABLE dbo.PriceChange (ProductID int NOT NULL, NewPrice decimal(10, 2) NULL, Discontinued bit NOT NULL);
INSERT INTO dbo.PriceChange VALUES (1, 90.00, 0), (3, 6.00, 0), (4, NULL, 1), (9, 1.00, 0);
CREATE TABLE Dimension.Customer ([Customer Key] int NOT NULL, [WWI Customer ID] int NOT NULL, Customer nvarchar(100) NOT NULL, [Valid From] datetime2(7) NOT NULL, [Valid To] datetime2(7) NOT NULL);
INSERT INTO Dimension.Customer VALUES
  (1, 10, N'Tailspin', '2013-01-01 00:00:00', '9999-12-31 23:59:59'),
  (2, 20, N'Wingtip', '2013-01-01 00:00:00', '9999-12-31 23:59:59'),
  (3, 20, N'Wingtip (old)', '2012-01-01 00:00:00', '2013-01-01 00:00:00'),
  (4, 30, N'Contoso', '2014-01-01 00:00:00', '9999-12-31 23:59:59');
CREATE TABLE Integration.Customer_Staging ([WWI Customer ID] int NOT NULL, Customer nvarchar(100) NOT NULL, [Valid From] datetime2(7) NOT NULL);
INSERT INTO Integration.Customer_Staging VALUES (20, N'Wingtip Toys', '2016-05-01 00:00:00'), (20, N'Wingtip Toys 2', '2016-06-01 00:00:00'), (40, N'Fabrikam', '2016-05-02 00:00:00');
`;
const TABLES = ['Product', 'SalesDetail', 'PriceChange', 'Dimension.Customer', 'Integration.Customer_Staging'];

interface DmlCase {
  readonly name: string;
  readonly tsql: string;
  /** T-SQL SELECT (translated too) that reads the table afterwards; must have ORDER BY. */
  readonly check: string;
  /** The table as SQL Server leaves it, per the cited page's semantics. */
  readonly rows: readonly Row[];
  readonly doc: string;
  /** Rows the statement itself returns (OUTPUT → RETURNING). */
  readonly returns?: readonly Row[];
  /** Engines on which the statement must be diagnosed (MD3001) instead of executed. */
  readonly unsupportedOn?: readonly Engine[];
}

const PRODUCTS = 'SELECT ProductID, Name, ListPrice, Color FROM dbo.Product ORDER BY ProductID';
const BASE: Row[] = [['1', 'Bike', '100', 'Red'], ['2', 'Helmet', '20', null], ['3', 'Glove', '5.5', 'black'], ['4', 'Lamp', '12', 'Black']];
const CUSTOMERS = 'SELECT [Customer Key], [WWI Customer ID], [Valid From], [Valid To] FROM Dimension.Customer ORDER BY [Customer Key]';

const cases: DmlCase[] = [
  {
    name: 'UPDATE … SET … WHERE', doc: UPDATE, check: PRODUCTS,
    tsql: `UPDATE dbo.Product SET ListPrice = ListPrice * 2, Color = 'Blue' WHERE ProductID = 2`,
    rows: [BASE[0]!, ['2', 'Helmet', '40', 'Blue'], BASE[2]!, BASE[3]!],
  },
  {
    name: 'UPDATE without WHERE updates every row', doc: UPDATE, check: PRODUCTS,
    tsql: `UPDATE Product SET Color = NULL`,
    rows: BASE.map((r) => [r[0]!, r[1]!, r[2]!, null]),
  },
  {
    name: 'compound assignment +=', doc: UPDATE, check: PRODUCTS,
    tsql: `UPDATE dbo.Product SET ListPrice += 1 WHERE ProductID IN (1, 3)`,
    rows: [['1', 'Bike', '101', 'Red'], BASE[1]!, ['3', 'Glove', '6.5', 'black'], BASE[3]!],
  },
  {
    name: 'string comparison in WHERE is case-insensitive (collation ci)', doc: UPDATE, check: PRODUCTS,
    tsql: `UPDATE dbo.Product SET ListPrice = 0 WHERE Color = 'BLACK'`,
    rows: [BASE[0]!, BASE[1]!, ['3', 'Glove', '0', 'black'], ['4', 'Lamp', '0', 'Black']],
  },
  {
    name: 'UPDATE alias … FROM table AS alias INNER JOIN other ON … WHERE …', doc: UPDATE, check: PRODUCTS,
    tsql: `UPDATE p SET p.ListPrice = pc.NewPrice FROM dbo.Product AS p INNER JOIN dbo.PriceChange AS pc ON p.ProductID = pc.ProductID WHERE pc.NewPrice IS NOT NULL`,
    rows: [['1', 'Bike', '90', 'Red'], BASE[1]!, ['3', 'Glove', '6', 'black'], BASE[3]!],
  },
  {
    name: 'UPDATE table … FROM table JOIN (no alias)', doc: UPDATE, check: PRODUCTS,
    tsql: `UPDATE dbo.Product SET Color = 'Sold' FROM dbo.Product JOIN dbo.SalesDetail ON Product.ProductID = SalesDetail.ProductID`,
    rows: [['1', 'Bike', '100', 'Sold'], BASE[1]!, ['3', 'Glove', '5.5', 'Sold'], BASE[3]!],
  },
  {
    name: 'UPDATE target not in FROM (WHERE correlates)', doc: UPDATE, check: PRODUCTS,
    tsql: `UPDATE dbo.Product SET Color = 'Changed' FROM dbo.PriceChange pc WHERE Product.ProductID = pc.ProductID AND pc.Discontinued = 1`,
    rows: [BASE[0]!, BASE[1]!, BASE[2]!, ['4', 'Lamp', '12', 'Changed']],
  },
  {
    name: 'UPDATE with a scalar subquery', doc: UPDATE, check: PRODUCTS,
    tsql: `UPDATE dbo.Product SET ListPrice = (SELECT SUM(Qty) FROM dbo.SalesDetail AS sd WHERE sd.ProductID = Product.ProductID) WHERE ProductID = 3`,
    rows: [BASE[0]!, BASE[1]!, ['3', 'Glove', '11', 'black'], BASE[3]!],
  },
  {
    name: 'WideWorldImportersDW SCD close-off: CTE + UPDATE … FROM … INNER JOIN', doc: UPDATE, check: CUSTOMERS,
    tsql: `WITH RowsToCloseOff AS (SELECT c.[WWI Customer ID], MIN(c.[Valid From]) AS [Valid From] FROM Integration.Customer_Staging AS c GROUP BY c.[WWI Customer ID])
UPDATE c SET c.[Valid To] = rtco.[Valid From] FROM Dimension.Customer AS c INNER JOIN RowsToCloseOff AS rtco ON c.[WWI Customer ID] = rtco.[WWI Customer ID] WHERE c.[Valid To] = '9999-12-31 23:59:59'`,
    rows: [
      ['1', '10', '2013-01-01 00:00:00', '9999-12-31 23:59:59'],
      ['2', '20', '2013-01-01 00:00:00', '2016-05-01 00:00:00'],
      ['3', '20', '2012-01-01 00:00:00', '2013-01-01 00:00:00'],
      ['4', '30', '2014-01-01 00:00:00', '9999-12-31 23:59:59'],
    ],
  },
  {
    name: 'UPDATE … OUTPUT inserted.* → RETURNING', doc: OUTPUT, check: PRODUCTS,
    tsql: `UPDATE dbo.Product SET ListPrice = 1 OUTPUT inserted.ProductID, inserted.ListPrice WHERE ProductID = 4`,
    rows: [BASE[0]!, BASE[1]!, BASE[2]!, ['4', 'Lamp', '1', 'Black']],
    returns: [['4', '1']],
  },
  {
    name: 'UPDATE … FROM t AS a LEFT JOIN … is diagnosed, not translated', doc: UPDATE, check: PRODUCTS,
    tsql: `UPDATE p SET Color = pc.NewPrice FROM dbo.Product p LEFT JOIN dbo.PriceChange pc ON p.ProductID = pc.ProductID`,
    rows: [['1', 'Bike', '100', '90.00'], ['2', 'Helmet', '20', null], ['3', 'Glove', '5.5', '6.00'], ['4', 'Lamp', '12', null]],
    unsupportedOn: ['duckdb', 'postgres'],
  },
  {
    name: 'DELETE FROM t WHERE …', doc: DELETE, check: PRODUCTS,
    tsql: `DELETE FROM dbo.Product WHERE ListPrice < 15`,
    rows: [BASE[0]!, BASE[1]!],
  },
  {
    name: 'DELETE t WHERE … (no FROM keyword)', doc: DELETE, check: PRODUCTS,
    tsql: `DELETE dbo.Product WHERE Color IS NULL`,
    rows: [BASE[0]!, BASE[2]!, BASE[3]!],
  },
  {
    name: 'DELETE alias FROM t AS alias JOIN other ON … → DELETE … USING', doc: DELETE, check: PRODUCTS,
    tsql: `DELETE p FROM dbo.Product AS p INNER JOIN dbo.PriceChange AS pc ON p.ProductID = pc.ProductID WHERE pc.Discontinued = 1`,
    rows: [BASE[0]!, BASE[1]!, BASE[2]!],
  },
  {
    name: 'DELETE FROM t FROM t JOIN other (two FROMs)', doc: DELETE, check: PRODUCTS,
    tsql: `DELETE FROM dbo.Product FROM dbo.Product JOIN dbo.SalesDetail sd ON Product.ProductID = sd.ProductID WHERE sd.Qty > 5`,
    rows: [BASE[0]!, BASE[1]!, BASE[3]!],
  },
  {
    name: 'DELETE … OUTPUT deleted.* → RETURNING', doc: OUTPUT, check: PRODUCTS,
    tsql: `DELETE FROM dbo.Product OUTPUT deleted.ProductID, deleted.Name WHERE ProductID = 2`,
    rows: [BASE[0]!, BASE[2]!, BASE[3]!],
    returns: [['2', 'Helmet']],
  },
  {
    name: 'MERGE upsert: WHEN MATCHED THEN UPDATE, WHEN NOT MATCHED THEN INSERT', doc: MERGE, check: PRODUCTS,
    tsql: `MERGE dbo.Product AS t USING (SELECT ProductID, NewPrice FROM dbo.PriceChange WHERE NewPrice IS NOT NULL) AS s ON t.ProductID = s.ProductID
WHEN MATCHED THEN UPDATE SET t.ListPrice = s.NewPrice
WHEN NOT MATCHED BY TARGET THEN INSERT (ProductID, Name, ListPrice, Color) VALUES (s.ProductID, 'New', s.NewPrice, NULL);`,
    rows: [['1', 'Bike', '90', 'Red'], BASE[1]!, ['3', 'Glove', '6', 'black'], BASE[3]!, ['9', 'New', '1', null]],
  },
  {
    name: 'MERGE with WHEN MATCHED AND … THEN DELETE before UPDATE', doc: MERGE, check: PRODUCTS,
    tsql: `MERGE INTO dbo.Product AS t USING dbo.PriceChange AS s ON t.ProductID = s.ProductID
WHEN MATCHED AND s.Discontinued = 1 THEN DELETE
WHEN MATCHED THEN UPDATE SET ListPrice = s.NewPrice;`,
    rows: [['1', 'Bike', '90', 'Red'], BASE[1]!, ['3', 'Glove', '6', 'black']],
  },
  {
    name: 'MERGE … WHEN NOT MATCHED BY SOURCE THEN DELETE (DuckDB yes; PostgreSQL 15 diagnosed)', doc: MERGE, check: PRODUCTS,
    tsql: `MERGE dbo.Product AS t USING dbo.SalesDetail AS s ON t.ProductID = s.ProductID AND s.Qty > 5
WHEN NOT MATCHED BY SOURCE THEN DELETE;`,
    rows: [BASE[2]!], unsupportedOn: ['postgres'],
  },
  {
    name: 'TRUNCATE TABLE', doc: TRUNCATE, check: PRODUCTS,
    tsql: `TRUNCATE TABLE dbo.Product`,
    rows: [],
  },
];

function translate(tsql: string, engine: Engine) {
  return transpile(tsql, { to: engine });
}

for (const engine of ENGINES) {
  describe(`DML statements on ${engine}`, () => {
    let db: { query(sql: string): Promise<Row[]>; exec(sql: string): Promise<void>; stop(): Promise<void> };
    beforeAll(async () => {
      db = engine === 'duckdb' ? await openDuckDb() : await startPostgres();
      for (const s of ['Dimension', 'Integration']) await db.exec(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    }, 60_000);
    afterAll(async () => {
      await db?.stop();
    });
    async function reset(): Promise<void> {
      for (const t of TABLES) await db.exec(`DROP TABLE IF EXISTS ${t}`);
      const t = translate(FIXTURE, engine);
      expect(t.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      for (const s of t.statements) await db.exec(s.sql);
    }
    it('IDENTITY(seed, increment): values generated on both engines, also for INSERT without a column list; explicit values still load', async () => {
      // https://learn.microsoft.com/en-us/sql/t-sql/statements/create-table-transact-sql-identity-property
      // https://learn.microsoft.com/en-us/sql/t-sql/statements/insert-transact-sql (column_list: the identity column is skipped)
      await db.exec('DROP TABLE IF EXISTS dbo_ident');
      if (engine === 'duckdb') await db.exec('DROP SEQUENCE IF EXISTS dbo_ident_id_seq');
      const t = translate(`CREATE TABLE dbo_ident (id int IDENTITY(100, 5) NOT NULL PRIMARY KEY, name varchar(10) NULL, born date NULL);
INSERT INTO dbo_ident (name) VALUES ('a');
INSERT dbo_ident VALUES ('b', '7/4/1996');`, engine);
      expect(t.diagnostics).toEqual([]);
      expect(t.sql).toMatch(engine === 'duckdb' ? /CREATE SEQUENCE IF NOT EXISTS dbo_ident_id_seq START WITH 100 INCREMENT BY 5/ : /GENERATED BY DEFAULT AS IDENTITY \(START WITH 100 INCREMENT BY 5\)/);
      for (const s of t.statements) await db.exec(s.sql);
      // A load with the source's own key values (what the loader does) works with the identity in place.
      await db.exec(translate("INSERT INTO dbo_ident (id, name) VALUES (7, 'x')", engine).sql);
      expect(await db.query('SELECT id, name, born FROM dbo_ident ORDER BY id')).toEqual([['7', 'x', null], ['100', 'a', null], ['105', 'b', '1996-07-04']]);
    });
    it('AVG over int columns returns an int truncated toward zero, as SQL Server does', async () => {
      // https://learn.microsoft.com/en-us/sql/t-sql/functions/avg-transact-sql ("Return types": int → int)
      await db.exec('DROP TABLE IF EXISTS dbo_avg');
      const script = `CREATE TABLE dbo_avg (g int NOT NULL, v int NOT NULL, b bigint NOT NULL, d decimal(5, 1) NOT NULL);
INSERT INTO dbo_avg VALUES (1, 1, 1, 1.0), (1, 2, 2, 2.0), (2, -1, -1, -1.0), (2, -2, -2, -2.0);
SELECT g, AVG(v) AS v, AVG(b) AS b, AVG(d) AS d FROM dbo_avg GROUP BY g ORDER BY g;`;
      const t = translate(script, engine);
      for (const s of t.statements.slice(0, -1)) await db.exec(s.sql);
      const rows = await db.query(t.statements.at(-1)!.sql.replace(/;$/, ''));
      // decimal keeps its fraction (AVG(decimal) is decimal); int and bigint truncate toward zero.
      expect(rows.map((r) => [r[0], r[1], r[2], String(Number(r[3]))])).toEqual([['1', '1', '1', '1.5'], ['2', '-1', '-1', '-1.5']]);
    });
    for (const k of cases) {
      const unsupported = k.unsupportedOn?.includes(engine) ?? false;
      it(`${k.name}${unsupported ? ' (unsupported, diagnosed)' : ''}`, async () => {
        await reset();
        const check = translate(k.check, engine).sql.replace(/;$/, '');
        const before = await db.query(check);
        const t = translate(k.tsql, engine);
        if (unsupported) {
          expect(t.diagnostics.some((d) => d.code === 'MD3001')).toBe(true);
          // Only a comment is printed: running it changes nothing.
          expect(t.sql.replace(/\/\*[\s\S]*?\*\//g, '').replace(/[;\s]/g, '')).toBe('');
        } else {
          expect(t.diagnostics.filter((d) => d.severity !== 'info'), t.sql).toEqual([]);
          let returned: Row[];
          try {
            returned = await db.query(t.statements.map((s) => s.sql).join(';\n'));
          } catch (err) {
            throw new Error(`${(err as Error).message}\n--- translated SQL:\n${t.sql}`);
          }
          if (k.returns) expect(returned, t.sql).toEqual(k.returns.map((r) => r.map(normaliseValue)));
        }
        // Diagnosed statements leave the table as it was; translated ones as SQL Server would.
        const want = unsupported ? before : k.rows.map((r) => r.map(normaliseValue));
        expect(await db.query(check), t.sql).toEqual(want);
      });
    }
  });
}

describe('IDENTITY on the text-compared targets [unexecuted]', () => {
  const ddl = 'CREATE TABLE dbo.t (id int IDENTITY(1, 2) NOT NULL, k bigint IDENTITY NOT NULL);';
  it('snowflake and fabric keep IDENTITY(seed, increment); databricks needs BIGINT; bigquery has none', () => {
    expect(transpile(ddl, { to: 'snowflake' }).sql).toMatch(/"?id"? INTEGER IDENTITY\(1, 2\) NOT NULL/i);
    expect(transpile(ddl, { to: 'fabric' }).sql).toMatch(/IDENTITY\(1, 2\)/);
    const dbx = transpile(ddl, { to: 'databricks' });
    expect(dbx.sql).toMatch(/GENERATED BY DEFAULT AS IDENTITY \(START WITH 1 INCREMENT BY 1\)/);
    expect(dbx.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/IDENTITY on id.*BIGINT/)]);
    expect(transpile(ddl, { to: 'bigquery' }).diagnostics.filter((d) => d.code === 'MD3002')).toHaveLength(2);
    expect(transpile(ddl, { to: 'dbt' }).diagnostics.filter((d) => d.code === 'MD3002')).toHaveLength(2);
  });
});

describe('DML text on the text-compared targets [unexecuted]', () => {
  const join = `UPDATE p SET p.ListPrice = pc.NewPrice FROM dbo.Product AS p INNER JOIN dbo.PriceChange AS pc ON p.ProductID = pc.ProductID WHERE pc.NewPrice IS NOT NULL`;
  const del = `DELETE p FROM dbo.Product AS p JOIN dbo.PriceChange AS pc ON p.ProductID = pc.ProductID`;
  const merge = `MERGE dbo.Product AS t USING dbo.PriceChange AS s ON t.ProductID = s.ProductID WHEN MATCHED THEN UPDATE SET t.ListPrice = s.NewPrice WHEN NOT MATCHED BY SOURCE THEN DELETE;`;
  it('snowflake: UPDATE … FROM, DELETE … USING; no NOT MATCHED BY SOURCE', () => {
    expect(transpile(join, { to: 'snowflake' }).sql).toBe('UPDATE Product AS p\nSET ListPrice = pc.NewPrice\nFROM PriceChange AS pc\nWHERE p.ProductID = pc.ProductID AND pc.NewPrice IS NOT NULL;');
    expect(transpile(del, { to: 'snowflake' }).sql).toBe('DELETE FROM Product AS p\nUSING PriceChange AS pc\nWHERE p.ProductID = pc.ProductID;');
    const m = transpile(merge, { to: 'snowflake' });
    expect(m.diagnostics.map((d) => d.code)).toContain('MD3001');
  });
  it('bigquery: UPDATE needs WHERE; DELETE has no USING', () => {
    expect(transpile('UPDATE dbo.Product SET Color = NULL', { to: 'bigquery' }).sql).toBe('UPDATE Product\nSET Color = NULL\nWHERE TRUE;');
    expect(transpile(del, { to: 'bigquery' }).diagnostics.map((d) => d.code)).toContain('MD3001');
    expect(transpile(merge, { to: 'bigquery' }).sql).toBe(
      'MERGE INTO Product AS t\nUSING PriceChange AS s\nON t.ProductID = s.ProductID\nWHEN MATCHED THEN UPDATE SET ListPrice = s.NewPrice\nWHEN NOT MATCHED BY SOURCE THEN DELETE;');
  });
  it('databricks: joined UPDATE is diagnosed; MERGE is native', () => {
    expect(transpile(join, { to: 'databricks' }).diagnostics.map((d) => d.code)).toContain('MD3001');
    expect(transpile(merge, { to: 'databricks' }).diagnostics).toEqual([]);
  });
  it('fabric: T-SQL joined UPDATE and DELETE forms', () => {
    expect(transpile(join, { to: 'fabric' }).sql).toBe('UPDATE p\nSET ListPrice = pc.NewPrice\nFROM Product AS p, PriceChange AS pc\nWHERE p.ProductID = pc.ProductID AND pc.NewPrice IS NOT NULL;');
    expect(transpile(del, { to: 'fabric' }).sql).toBe('DELETE p\nFROM Product AS p, PriceChange AS pc\nWHERE p.ProductID = pc.ProductID;');
  });
  it('postgres: SET columns carry no alias', () => {
    expect(transpile(join, { to: 'postgres' }).sql).toContain('SET ListPrice = pc.NewPrice');
  });
});
