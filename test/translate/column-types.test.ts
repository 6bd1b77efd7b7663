/**
 * Column types through scope resolution (src/translate/scope.ts, passes/column-types.ts): aliases,
 * bare names, ambiguity, multi-part names, derived tables, CTEs, correlated subqueries, the
 * `columns` option and the script's own CREATE TABLE / CREATE VIEW; then what the types change
 * (string `+`, real arithmetic, ISNULL, collation folding).
 */
import { describe, expect, it } from 'vitest';
import { transpile, translateStatement, type ColumnResolver, type RelationName } from '../../src/translate/index.js';
import type { Col } from '../../src/translate/ir.js';
import { t } from '../../src/translate/types.js';
import { parseScript } from '../../src/tsql/index.js';

const TABLES: Record<string, { name: string; type?: ReturnType<typeof t> }[]> = {
  orders: [{ name: 'Id', type: t('int') }, { name: 'CustomerId', type: t('int') }, { name: 'Amount', type: t('money') }, { name: 'Note', type: t('nvarchar', 100) }],
  customers: [{ name: 'Id', type: t('int') }, { name: 'Name', type: t('nvarchar', 40) }, { name: 'Code', type: t('char', 5) }, { name: 'Computed' }],
};
const seen: RelationName[] = [];
const columns: ColumnResolver = (n) => {
  seen.push(n);
  if (n.database && n.database !== 'Sales') return undefined;
  return TABLES[n.name.toLowerCase()];
};

/** Every column reference of the statement's neutral tree, as `a.b → type` (`?` when unknown). */
function colTypes(sql: string, resolver: ColumnResolver | null = columns): string[] {
  const stmt = parseScript(sql).script.batches[0]!.statements[0]!;
  const { neutral } = translateStatement(stmt, { to: 'duckdb', ...(resolver ? { columns: resolver } : {}) });
  const out: string[] = [];
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(visit);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (o['kind'] === 'Col') {
        const c = o as unknown as Col;
        out.push(`${c.parts.map((p) => p.name).join('.')} → ${c.type ? `${c.type.name}${c.type.args.length ? `(${c.type.args.join(',')})` : ''}` : '?'}`);
        return;
      }
      Object.values(o).forEach(visit);
    }
  };
  visit(neutral);
  return out;
}

describe('scope resolution', () => {
  it('resolves alias-qualified columns; a table name hidden by its alias is unknown', () => {
    expect(colTypes('SELECT o.Amount, c.Name, Orders.Amount FROM Orders AS o JOIN Customers AS c ON c.Id = o.CustomerId')).toEqual([
      'o.Amount → money', 'c.Name → nvarchar(40)', 'Orders.Amount → ?', 'c.Id → int', 'o.CustomerId → int',
    ]);
  });

  it('resolves a bare name found in exactly one table; a name in two tables is ambiguous (unknown)', () => {
    expect(colTypes('SELECT Amount, Name, Id FROM Orders o JOIN Customers c ON 1 = 1')).toEqual(['Amount → money', 'Name → nvarchar(40)', 'Id → ?']);
  });

  it('a known column without a type stays unknown, and a missing column is unknown', () => {
    expect(colTypes('SELECT Computed, c.Missing FROM Customers c')).toEqual(['Computed → ?', 'c.Missing → ?']);
  });

  it('a table whose columns are unknown makes every bare name of its scope unknown, not qualified ones', () => {
    expect(colTypes('SELECT Amount, o.Amount FROM Orders o CROSS JOIN Mystery m')).toEqual(['Amount → ?', 'o.Amount → money']);
  });

  it('matches two- and three-part names and hands the resolver the parts as written', () => {
    seen.length = 0;
    // (map-schemas, after column-types, then drops `Sales.dbo` from the printed names.)
    expect(colTypes('SELECT Sales.dbo.Orders.Amount, dbo.Orders.Note, Orders.Id FROM Sales.dbo.Orders')).toEqual([
      'Orders.Amount → money', 'Orders.Note → nvarchar(100)', 'Orders.Id → int',
    ]);
    expect(seen).toContainEqual({ database: 'Sales', schema: 'dbo', name: 'Orders' });
    expect(colTypes('SELECT Amount FROM Other.dbo.Orders')).toEqual(['Amount → ?']);
  });

  it('types the columns of a derived table from its select list (columns, CASTs), renamed by a column list', () => {
    expect(colTypes('SELECT d.total, d.amt, d.x FROM (SELECT CAST(Id AS decimal(10, 2)) AS total, Amount AS amt, Amount * 2 AS x FROM Orders) AS d')).toEqual([
      'd.total → decimal(10,2)', 'd.amt → money', 'd.x → ?', 'Id → int', 'Amount → money', 'Amount → money',
    ]);
    expect(colTypes('SELECT m FROM (SELECT Amount FROM Orders) AS d (m)')).toEqual(['m → money', 'Amount → money']);
  });

  it('a CTE shadows a table of the same name; a recursive CTE is unknown inside itself', () => {
    expect(colTypes('WITH Orders AS (SELECT Name AS Amount FROM Customers) SELECT Amount FROM Orders')).toEqual(['Name → nvarchar(40)', 'Amount → nvarchar(40)']);
    expect(colTypes('WITH r (n) AS (SELECT Id FROM Orders UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT n FROM r')).toEqual([
      'Id → int', 'n → ?', 'n → ?', 'n → ?',
    ]);
  });

  it('expands * over known tables for the columns of a derived table', () => {
    expect(colTypes('SELECT d.Code FROM (SELECT c.* FROM Customers c) d')).toEqual(['d.Code → char(5)']);
    expect(colTypes('SELECT d.Code FROM (SELECT * FROM Customers c JOIN Mystery m ON 1 = 1) d')).toEqual(['d.Code → ?']);
  });

  it('correlated subqueries see the outer scope; the inner scope wins over it', () => {
    expect(colTypes('SELECT c.Name FROM Customers c WHERE EXISTS (SELECT 1 FROM Orders o WHERE o.CustomerId = c.Id AND Note = Name)')).toEqual([
      'c.Name → nvarchar(40)', 'o.CustomerId → int', 'c.Id → int', 'Note → nvarchar(100)', 'Name → nvarchar(40)',
    ]);
    // Id is in both tables, but the subquery's own Orders answers first.
    expect(colTypes('SELECT 1 FROM Customers c WHERE 5 IN (SELECT Id FROM Orders)')).toEqual(['Id → int']);
  });

  it('ORDER BY reads select-list aliases first', () => {
    expect(colTypes('SELECT Name AS Amount FROM Customers c ORDER BY Amount')).toEqual(['Name → nvarchar(40)', 'Amount → nvarchar(40)']);
  });

  it('resolves in UPDATE … FROM scopes', () => {
    expect(colTypes('UPDATE o SET Note = c.Name FROM Orders o JOIN Customers c ON c.Id = o.CustomerId')).toContain('c.Name → nvarchar(40)');
  });

  it('without a resolver every table column is unknown', () => {
    expect(colTypes('SELECT o.Amount FROM Orders o', null)).toEqual(['o.Amount → ?']);
  });
});

describe('what known column types change', () => {
  const pg = (sql: string, opts: { columns?: ColumnResolver } = { columns }) => transpile(sql, { to: 'postgres', ...opts });

  it('`+` on two string columns concatenates without a warning; unknown types keep MD3006', () => {
    const known = pg('SELECT c.Name + c.Name FROM Customers c');
    expect(known.sql).toContain('c.Name || c.Name');
    expect(known.diagnostics.map((d) => d.code)).not.toContain('MD3006');
    const unknown = pg('SELECT c.Name + c.Name FROM Customers c', {});
    expect(unknown.sql).toContain('c.Name + c.Name');
    expect(unknown.diagnostics.map((d) => d.code)).toContain('MD3006');
  });

  it('a string next to a number converts to the number (data type precedence): `+` stays an addition', () => {
    expect(pg("SELECT '1' + o.Id FROM Orders o").sql).toContain("CAST('1' AS INTEGER) + o.Id");
  });

  it('real arithmetic is computed in single precision and converted to money through float8', () => {
    const sql = 'CREATE TABLE od (p money, q smallint, d real);\nSELECT CONVERT(money, p * q * (1 - d) / 100) AS x, SUM(d) AS s FROM od WHERE d = 0.15 AND d > 0;';
    const out = transpile(sql, { to: 'postgres' }).sql;
    expect(out).toContain('CAST(CAST(CAST(p * q AS REAL) * (CAST(1 AS REAL) - d) / CAST(100 AS REAL) AS DOUBLE PRECISION) AS NUMERIC(19, 4)) AS x');
    expect(out).toContain('sum(CAST(d AS DOUBLE PRECISION)) AS s');
    expect(out).toContain('d = CAST(0.15 AS REAL) AND d > 0');
  });

  it('`/` between two integer columns is integer division; with an exact operand it is not', () => {
    const duck = (sql: string) => transpile(sql, { to: 'duckdb', columns });
    expect(duck('SELECT o.Id / o.CustomerId, o.Amount / o.Id FROM Orders o').sql).toContain('o.Id // o.CustomerId, o.Amount / o.Id');
    expect(transpile('SELECT o.Id / o.CustomerId FROM Orders o', { to: 'duckdb' }).sql).toMatch(/MD3002 .*o\.Id \/ o\.CustomerId/);
  });

  it('ISNULL casts the replacement to the column type only when the value could change', () => {
    const out = pg("SELECT ISNULL(c.Name, 'short'), ISNULL(c.Name, REPLICATE('x', 50)), ISNULL(c.Code, 'ab'), ISNULL(o.Amount, 0), ISNULL(o.Id, -1) FROM Customers c, Orders o").sql;
    expect(out).toContain("coalesce(c.Name, 'short')");
    expect(out).toMatch(/coalesce\(c\.Name, CAST\(.* AS VARCHAR\(40\)\)\)/);
    expect(out).toContain("coalesce(c.Code, CAST('ab' AS CHAR(5)))");
    expect(out).toContain('coalesce(o.Amount, 0)');
    expect(out).toContain('coalesce(o.Id, -1)');
  });

  it('under ci, a comparison of two string columns is folded once their types are known', () => {
    expect(pg('SELECT 1 FROM Customers c JOIN Orders o ON o.Note = c.Name').sql).toContain('lower(rtrim(o.Note)) = lower(rtrim(c.Name))');
    expect(pg('SELECT 1 FROM Customers c JOIN Orders o ON o.Note = c.Name', {}).sql).toContain('o.Note = c.Name');
  });

  it('tables and views created earlier in the script are known, and win over the option', () => {
    const script = 'CREATE TABLE Customers (Name int);\nGO\nCREATE VIEW v AS SELECT Note FROM Orders;\nGO\nSELECT Name + Name FROM Customers;\nSELECT Note + Note FROM v;';
    const out = transpile(script, { to: 'postgres', columns });
    expect(out.statements[2]!.sql).toContain('Name + Name');
    expect(out.statements[3]!.sql).toContain('Note || Note');
  });
});
