import { describe, expect, it } from 'vitest';
import { analyzeBody } from '../../src/catalog/ast/body.js';
import { childNodes, findAll, walk } from '../../src/catalog/ast/walk.js';
import { moduleRoots } from '../../src/catalog/dependencies.js';
import { parseScript, type Statement } from '../../src/tsql/index.js';

function firstStatement(sql: string): Statement {
  const r = parseScript(sql, { file: 'body.sql' });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.script.batches[0]!.statements[0]!;
}

function analyse(sql: string) {
  const a = analyzeBody(moduleRoots(firstStatement(sql)));
  const names = (role: string) => a.references.filter((r) => r.role === role).map((r) => r.name.parts.map((p) => p?.name ?? '').join('.'));
  return { ...a, reads: names('read'), writes: names('write'), execs: names('exec'), calls: names('call') };
}

describe('AST walker', () => {
  it('visits every node once, parents first, skipping spans and comments', () => {
    const s = firstStatement('SELECT a.x, (SELECT 1 FROM t2) FROM t1 AS a JOIN t3 ON a.id = t3.id -- c\n');
    const kinds: string[] = [];
    walk(s, (n) => {
      kinds.push(n.kind);
    });
    expect(kinds[0]).toBe('SelectStatement');
    expect(kinds.filter((k) => k === 'TableRef')).toHaveLength(3);
    expect(kinds).not.toContain('span');
    expect(findAll(s, 'TableRef').map((t) => (t as unknown as { name: { parts: { name: string }[] } }).name.parts[0]!.name)).toEqual(['t2', 't1', 't3']);
  });

  it('looks through kind-less objects (EXEC arguments) and can skip subtrees', () => {
    const s = firstStatement("EXEC dbo.p @a = 1, @b = 'x'");
    expect(childNodes(s).map((n) => n.kind)).toEqual(['ObjectName', 'Literal', 'Literal']);
    let seen = 0;
    walk(s, (n) => {
      seen++;
      if (n.kind === 'ExecuteProcedure') return false;
      return undefined;
    });
    expect(seen).toBe(1);
  });
});

describe('routine facts from the body AST', () => {
  it('resolves UPDATE/DELETE aliases to the FROM table and ignores CTE names', () => {
    const a = analyse(`CREATE PROCEDURE Integration.Load AS
      WITH RowsToCloseOff AS (SELECT c.id FROM Integration.Customer_Staging AS c)
      UPDATE c SET c.x = 1 FROM Dimension.Customer AS c INNER JOIN RowsToCloseOff AS r ON c.id = r.id;
      DELETE s FROM Integration.Other AS s WHERE s.id = 1;`);
    expect(a.writes).toEqual(['Dimension.Customer', 'Integration.Other']);
    expect(a.reads).toEqual(['Integration.Customer_Staging']);
  });

  it('finds INSERT, MERGE, TRUNCATE, SELECT INTO, OUTPUT INTO and BULK INSERT targets', () => {
    const a = analyse(`CREATE PROCEDURE p AS
      INSERT INTO dbo.A (x) SELECT x FROM dbo.B;
      MERGE dbo.C AS t USING dbo.D AS s ON t.id = s.id WHEN MATCHED THEN UPDATE SET t.v = s.v;
      TRUNCATE TABLE dbo.E;
      SELECT * INTO dbo.F FROM dbo.G;
      DELETE FROM dbo.H OUTPUT deleted.id INTO dbo.I;
      BULK INSERT dbo.J FROM 'c:\\x.csv';`);
    expect(a.writes).toEqual(['dbo.A', 'dbo.C', 'dbo.E', 'dbo.F', 'dbo.H', 'dbo.I', 'dbo.J']);
    expect(a.reads).toEqual(['dbo.B', 'dbo.D', 'dbo.G']);
    expect(a.usesMerge).toBe(true);
  });

  it('keeps temp tables and table variables out of the table lists', () => {
    const a = analyse(`CREATE PROCEDURE p AS
      DECLARE @rows TABLE (id int);
      CREATE TABLE #work (id int);
      INSERT @rows SELECT id FROM #work;
      SELECT id INTO #copy FROM dbo.T;
      UPDATE r SET id = 2 FROM @rows AS r;`);
    expect(a.tableVariables).toEqual(['@rows']);
    expect(a.tempTables).toEqual(['#work', '#copy']);
    expect(a.writes).toEqual([]);
    expect(a.reads).toEqual(['dbo.T']);
  });

  it('ignores inserted/deleted and system catalog names', () => {
    const a = analyse(`CREATE TRIGGER trg ON dbo.T AFTER INSERT AS
      INSERT dbo.Audit SELECT i.id FROM inserted AS i JOIN deleted AS d ON d.id = i.id
      WHERE EXISTS (SELECT * FROM sys.objects) AND EXISTS (SELECT * FROM sysobjects);`);
    expect(a.writes).toEqual(['dbo.Audit']);
    expect(a.reads).toEqual([]);
  });

  it('tells cursors, transactions, error handling and loops', () => {
    const a = analyse(`CREATE PROCEDURE p AS
      DECLARE c CURSOR FOR SELECT id FROM dbo.T;
      OPEN c; FETCH NEXT FROM c INTO @id;
      WHILE @@FETCH_STATUS = 0 BEGIN FETCH NEXT FROM c INTO @id; END
      BEGIN TRY BEGIN TRAN; COMMIT; END TRY BEGIN CATCH ROLLBACK; THROW; END CATCH`);
    expect(a).toMatchObject({ usesCursor: true, usesTransaction: true, usesErrorHandling: true, loops: 1, usesDynamicSql: false });
    expect(analyse('CREATE PROCEDURE p AS UPDATE dbo.T SET x = 1; IF @@ERROR <> 0 RETURN 1;').usesErrorHandling).toBe(true);
    expect(analyse("CREATE PROCEDURE p AS RAISERROR('x', 16, 1);").usesErrorHandling).toBe(true);
  });

  it('parses constant dynamic SQL and marks run-time SQL opaque', () => {
    const constant = analyse("CREATE PROCEDURE p AS EXEC ('DELETE FROM dbo.Log'); EXEC sp_executesql N'SELECT * FROM dbo.Src';");
    expect(constant.usesDynamicSql).toBe(true);
    expect(constant.dynamicSqlOpaque).toBe(false);
    expect(constant.writes).toEqual(['dbo.Log']);
    expect(constant.reads).toEqual(['dbo.Src']);
    expect(constant.references.every((r) => r.dynamic)).toBe(true);

    const built = analyse("CREATE PROCEDURE p @t sysname AS DECLARE @sql nvarchar(max) = N'SELECT * FROM ' + @t; EXEC (@sql);");
    expect(built).toMatchObject({ usesDynamicSql: true, dynamicSqlOpaque: true });
    expect(analyse('CREATE PROCEDURE p @s nvarchar(max) AS EXEC sys.sp_executesql @s;').dynamicSqlOpaque).toBe(true);
    expect(analyse('CREATE PROCEDURE p @proc sysname AS EXEC @proc;').dynamicSqlOpaque).toBe(true);
  });

  it('lists EXEC calls, function calls and table-valued functions', () => {
    const a = analyse(`CREATE PROCEDURE p AS
      EXEC @rc = Integration.Other @x = 1;
      SELECT dbo.fnScalar(x), LEN(x) FROM dbo.fnTable(1) AS f CROSS APPLY Integration.Split(f.x) AS s;`);
    expect(a.execs).toEqual(['Integration.Other']);
    expect(a.calls).toEqual(['dbo.fnScalar', 'LEN']);
    expect(a.references.find((r) => r.name.parts.at(-1)?.name === 'LEN')?.optional).toBe(true);
    expect(a.reads).toEqual(['dbo.fnTable', 'Integration.Split']);
  });
});
