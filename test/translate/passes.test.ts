/** The rewrite passes in isolation: each is pure (the input tree is unchanged) and does one thing. */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { parseScript } from '../../src/tsql/index.js';
import type { Stmt } from '../../src/translate/ir.js';
import { lowerStatement } from '../../src/translate/lower/statements.js';
import { PASSES, runPasses, type PassContext } from '../../src/translate/passes/index.js';
import { nodeKinds } from '../../src/translate/passes/node-kinds.js';
import { isoDateTime } from '../../src/translate/passes/iso-date-literals.js';
import { decodeSqlBytes } from '../../src/tsql/index.js';
import { readFileSync } from 'node:fs';
import { corpusRoot, filesUnder, hasCorpus } from '../helpers/paths.js';
import { transpile } from '../../src/translate/index.js';
import { openDuckDb } from '../helpers/duckdb.js';

function lower(sql: string): { stmt: Stmt; ctx: PassContext } {
  const diagnostics: Diagnostic[] = [];
  const ctx: PassContext = { diagnostics, collation: 'ci' };
  const ast = parseScript(sql, { file: 't.sql' }).script.batches[0]!.statements[0]!;
  return { stmt: lowerStatement(ctx, ast), ctx };
}

const pass = (name: string) => PASSES.find((p) => p.name === name)!.run;

describe('rewrite passes', () => {
  it('never mutate their input', () => {
    const { stmt, ctx } = lower("SELECT TOP (1) ISNULL(a, 'x') + 'y', IIF(b = 'c', 1, 2) FROM t WITH (NOLOCK) CROSS APPLY (SELECT 1 AS z) q WHERE n LIKE 'a%'");
    const before = JSON.stringify(stmt);
    for (const p of PASSES) p.run(stmt, ctx);
    expect(JSON.stringify(stmt)).toBe(before);
  });
  it('drop-table-hints removes hints with an info diagnostic', () => {
    const { stmt, ctx } = lower('SELECT a FROM t WITH (NOLOCK, INDEX(ix))');
    const out = pass('drop-table-hints')(stmt, ctx);
    expect(JSON.stringify(out)).not.toContain('NOLOCK');
    expect(ctx.diagnostics.map((d) => [d.code, d.severity])).toEqual([['MD3003', 'info'], ['MD3003', 'info']]);
  });
  it('top-to-limit moves TOP into the query limit', () => {
    const { stmt, ctx } = lower('SELECT TOP (3) PERCENT WITH TIES a FROM t ORDER BY a');
    const out = pass('top-to-limit')(stmt, ctx);
    expect(out.kind === 'QueryStmt' && out.query.limit).toMatchObject({ percent: true, withTies: true });
    expect(out.kind === 'QueryStmt' && out.query.body.kind === 'Select' && out.query.body.top).toBeFalsy();
  });
  it('apply-to-lateral turns OUTER APPLY into LEFT JOIN LATERAL ON TRUE', () => {
    const { stmt, ctx } = lower('SELECT 1 FROM t OUTER APPLY (SELECT 1 AS z) q');
    const out = pass('apply-to-lateral')(stmt, ctx);
    expect(JSON.stringify(out)).toContain('"type":"LEFT"');
    expect(JSON.stringify(out)).toContain('"lateral":true');
  });
  it('string-concat makes + a null-propagating Concat only when a side is a string', () => {
    expect(transpile("SELECT 'a' + b, 1 + 2", { to: 'postgres' }).sql).toBe("SELECT 'a' || b, 1 + 2;");
    const r = transpile('SELECT a + b FROM t', { to: 'postgres' });
    expect(r.sql).toBe('SELECT a + b\nFROM t;');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['MD3006']);
  });
  it('isnull-to-coalesce casts the replacement to the first argument type when known', () => {
    expect(transpile("SELECT ISNULL(CAST(a AS varchar(3)), 'abcdef')", { to: 'postgres' }).sql)
      .toBe("SELECT coalesce(CAST(a AS VARCHAR(3)), CAST('abcdef' AS VARCHAR(3)));");
  });
  it('iif-to-case and CHOOSE', () => {
    expect(transpile("SELECT IIF(a > 1, 'x', 'y'), CHOOSE(i, 'a', 'b')", { to: 'duckdb' }).sql)
      .toBe("SELECT CASE WHEN a > 1 THEN 'x' ELSE 'y' END, CASE i WHEN 1 THEN 'a' WHEN 2 THEN 'b' END;");
  });
  it('collation-ci folds string comparisons and makes LIKE case-insensitive; cs leaves them', () => {
    expect(transpile("SELECT 1 FROM t WHERE n = 'Bob' AND m LIKE 'a%'", { to: 'postgres' }).sql).toBe("SELECT 1\nFROM t\nWHERE lower(rtrim(n)) = 'bob' AND m ILIKE 'a%';");
    expect(transpile("SELECT 1 FROM t WHERE n = 'Bob' AND m LIKE 'a%'", { to: 'postgres', collation: 'cs' }).sql).toBe("SELECT 1\nFROM t\nWHERE rtrim(n) = 'Bob' AND m LIKE 'a%';");
    expect(transpile("SELECT 1 FROM t WHERE m LIKE 'a%'", { to: 'bigquery' }).sql).toBe("SELECT 1\nFROM t\nWHERE lower(m) LIKE lower('a%');");
  });
  it('iso-date-literals reads SQL Server date/time strings and cuts fractions to microseconds', () => {
    expect(isoDateTime('19970101')).toEqual({ text: '1997-01-01', cut: false });
    expect(isoDateTime('99991231 23:59:59.9999999')).toEqual({ text: '9999-12-31 23:59:59.999999', cut: true });
    expect(isoDateTime('20200101 7:05')).toEqual({ text: '2020-01-01 07:05:00', cut: false });
    expect(isoDateTime('2020-01-01 10:00:00.1234560')).toEqual({ text: '2020-01-01 10:00:00.123456', cut: false });
    expect(isoDateTime('2020-01-01T10:00:00.12345678+02:00')).toEqual({ text: '2020-01-01T10:00:00.123456+02:00', cut: true });
    expect(isoDateTime('23:59:59.9999999')).toEqual({ text: '23:59:59.999999', cut: true });
    // Already fine for every target, or not a date at all: left alone.
    for (const s of ['2020-01-01', '2020-01-01 10:00:00.123', '20200230', '12345678 x', 'abc']) expect(isoDateTime(s)).toBeUndefined();
    const r = transpile("SELECT CAST('99991231 23:59:59.9999999' AS datetime2) AS t WHERE '20200101' < CAST(d AS date)", { to: 'duckdb' });
    expect(r.sql).toBe("SELECT CAST('9999-12-31 23:59:59.999999' AS TIMESTAMP) AS t\nWHERE '2020-01-01' < CAST(d AS DATE);");
    expect(r.diagnostics.map((d) => d.code)).toEqual(['MD3015', 'MD3005']);
    // A string column's comparison is not a date: left alone.
    expect(transpile("CREATE TABLE t (s varchar(8)); SELECT 1 FROM t WHERE s = '20200101'", { to: 'duckdb' }).sql).toContain("rtrim(s) = '20200101'");
  });
  it('iso-date-literals rewrites yyyymmdd next to an untyped column, with a warning', () => {
    const r = transpile("SELECT 1 FROM o WHERE OrderDate BETWEEN '19970101' AND '19971231'", { to: 'duckdb' });
    expect(r.sql).toContain("BETWEEN '1997-01-01' AND '1997-12-31'");
    expect(r.diagnostics.filter((d) => d.code === 'MD3005')).toHaveLength(2);
  });
});

/** Every pass, none skipped: what runPasses must equal. */
function allPasses(stmt: Stmt, ctx: PassContext): Stmt {
  let s = stmt;
  for (const p of PASSES) s = p.run(s, ctx);
  return s;
}

describe('pass gating (runPasses skips a pass when the statement holds none of its kinds)', () => {
  const gatingCtx = (diagnostics: Diagnostic[]): PassContext => ({
    diagnostics, collation: 'ci', relation: (n) => (n.name.toLowerCase() === 'orders' ? "{{ ref('orders') }}" : undefined),
  });
  const sameAsUngated = (sql: string, file: string): number => {
    let checked = 0;
    for (const batch of parseScript(sql, { file }).script.batches) {
      for (const ast of batch.statements) {
        const gated: Diagnostic[] = [];
        const ungated: Diagnostic[] = [];
        const stmt = lowerStatement({ diagnostics: [] }, ast);
        expect(runPasses(stmt, gatingCtx(gated))).toEqual(allPasses(stmt, gatingCtx(ungated)));
        expect(gated.map((d) => `${d.code} ${d.message}`)).toEqual(ungated.map((d) => `${d.code} ${d.message}`));
        checked++;
      }
    }
    return checked;
  };
  it('finds the kinds inside nested queries, VALUES rows and DML clauses', () => {
    const kinds = (sql: string) => nodeKinds(lowerStatement({ diagnostics: [] }, parseScript(sql).script.batches[0]!.statements[0]!));
    expect([...kinds("INSERT t VALUES (1, 'a'), (-2, NULL)")].sort()).toEqual(['Insert', 'Lit', 'Unary']);
    const deep = kinds("SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u CROSS APPLY (SELECT IIF(x = 1, 'y', 'z') AS c) q)");
    for (const k of ['QueryStmt', 'Select', 'TableRef', 'Join', 'DerivedTable', 'Exists', 'Fn', 'Binary', 'Col'] as const) expect(deep.has(k)).toBe(true);
    expect(kinds("UPDATE t SET a = ISNULL(b, 'x') WHERE c LIKE 'd%'").has('Like')).toBe(true);
  });
  it('gives the same trees and diagnostics as running every pass, on the constructs each pass rewrites', () => {
    const sql = [
      "SELECT TOP (2) ISNULL(a, 'x') + 'y', IIF(b = 'c', 1, 2), CHOOSE(i, 'p', 'q'), AVG(n) / 2, CAST(r AS real) * 2 FROM dbo.Orders o WITH (NOLOCK) CROSS APPLY (SELECT 1 AS z) q WHERE n LIKE 'a%' AND d BETWEEN '19970101' AND '19971231' AND CHARINDEX('X', s) > 0",
      "INSERT INTO dbo.t (a, b) VALUES (1, 'x'), (2, N'y')",
      "INSERT t SELECT a + 'b' FROM dbo.orders WHERE a IN ('P', 'Q')",
      "UPDATE o SET a = REPLACE(a, 'X', 'y') FROM dbo.Orders o JOIN u ON u.k = o.k WHERE o.d = '20200101'",
      'CREATE TABLE dbo.x (id int IDENTITY(1,1), d datetime DEFAULT GETDATE())',
    ].join('\n;\n');
    expect(sameAsUngated(sql, 'gating.sql')).toBe(5);
  });
  it.skipIf(!hasCorpus)('gives the same trees and diagnostics on every corpus statement', () => {
    let checked = 0;
    for (const file of filesUnder(corpusRoot, '.sql')) checked += sameAsUngated(decodeSqlBytes(readFileSync(file), file).text, file);
    expect(checked).toBeGreaterThan(4000);
  });
});

describe('transpile API', () => {
  it('bound variables print as placeholders without MD3012; the others keep it', () => {
    const r = transpile('SELECT a FROM t WHERE d >= @From AND k = @Other', { to: 'duckdb', boundVariables: new Set(['@FROM']) });
    expect(r.sql).toContain("d >= {{ var('From') }}");
    expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([expect.stringMatching(/^MD3012 variable @Other /)]);
  });
  it('marks untranslatable statements and keeps going', () => {
    const r = transpile("EXEC dbo.p 1;\nSELECT 1 AS a", { to: 'duckdb' });
    expect(r.statements.map((s) => s.kind)).toEqual(['Unsupported', 'QueryStmt']);
    expect(r.sql).toContain('/* mssql2dbt: MD3001');
    expect(r.sql).toContain('SELECT 1 AS a;');
  });
  it('quotes an unsupported statement as written, comments and all, in a comment that still runs', async () => {
    const src = "SELECT 1 AS a INTO t;\nEXEC dbo.p /* old: /* nested */ */ @s = '*/ not the end', -- why\n  @n = 2;\nINSERT INTO t VALUES (2)";
    const r = transpile(src, { to: 'duckdb' });
    expect(r.statements.map((s) => s.kind)).toEqual(['QueryStmt', 'Unsupported', 'Insert']);
    // As the user wrote it (the line comment and the layout survive), with comment delimiters defused.
    expect(r.statements[1]!.sql).toContain("EXEC dbo.p / * old: / * nested * / * / @s = '* / not the end', -- why\n  @n = 2");
    const db = await openDuckDb();
    try {
      // The whole output runs as one script: the quoted text neither closes the comment early nor
      // leaves a nested one open that would swallow the INSERT after it.
      await db.exec(r.sql);
      expect(await db.query('SELECT a FROM t ORDER BY a')).toEqual([['1'], ['2']]);
    } finally {
      await db.stop();
    }
  });
  it('strict turns any finding into an error', () => {
    const r = transpile('SELECT a FROM t WITH (NOLOCK)', { to: 'duckdb', strict: true });
    expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    expect(transpile('SELECT 1', { to: 'duckdb', strict: true }).diagnostics).toEqual([]);
  });
  it('every diagnostic carries a span into the source', () => {
    const r = transpile("SELECT a\nFROM t WITH (NOLOCK)", { to: 'duckdb', file: 'q.sql' });
    expect(r.diagnostics[0]!.span).toMatchObject({ file: 'q.sql', line: 2 });
  });
  it('SELECT … INTO becomes CREATE TABLE … AS', () => {
    const r = transpile('SELECT a INTO dbo.t2 FROM dbo.t', { to: 'postgres' });
    expect(r.sql).toBe('CREATE TABLE t2 AS\nSELECT a\nFROM t;');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['MD3014']);
  });
  it('maps schemas: dbo is dropped by default, others renamed on request', () => {
    expect(transpile('SELECT a FROM dbo.t JOIN sales.o ON 1 = 1', { to: 'duckdb' }).sql).toBe('SELECT a\nFROM t\nINNER JOIN sales.o ON 1 = 1;');
    expect(transpile('SELECT a FROM sales.o', { to: 'duckdb', schemas: { sales: 'raw_sales' } }).sql).toBe('SELECT a\nFROM raw_sales.o;');
  });
  it('reads INSERT date strings with SET DATEFORMAT when the table was created in the script', () => {
    const r = transpile("CREATE TABLE o (d datetime);\nSET DATEFORMAT dmy;\nINSERT INTO o VALUES ('4/7/1996')", { to: 'postgres' });
    expect(r.statements.at(-1)!.sql).toBe("INSERT INTO o\nVALUES (CAST('1996-07-04' AS TIMESTAMP(3)))");
  });
  it('quotes reserved words and spaces per target', () => {
    expect(transpile('SELECT [user], [order id] FROM [select]', { to: 'postgres' }).sql).toBe('SELECT "user", "order id"\nFROM "select";');
    expect(transpile('SELECT [user], [order id] FROM [select]', { to: 'bigquery' }).sql).toBe('SELECT user, `order id`\nFROM `select`;');
  });
});
