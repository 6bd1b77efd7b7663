/**
 * Parameters a procedure adjusts before the statement a model keeps: folded into one expression per
 * parameter (checked by printing the substituted T-SQL), or reported when they cannot be.
 */
import { describe, expect, it } from 'vitest';
import { parameterValuesAt, substituteVariables } from '../../src/dbt/parameter-prelude.js';
import { parseScript, printStatement, type Statement } from '../../src/tsql/index.js';

function fold(body: string): { query: string; notes: readonly string[] } {
  const { script, diagnostics } = parseScript(`CREATE PROCEDURE dbo.p @From date = '2024-01-01', @To date = NULL, @Mode varchar(10) = 'a', @N int = 5 AS\nBEGIN\n${body}\nEND`, { file: 'p.sql' });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const proc = script.batches[0]!.statements[0]!;
  if (proc.kind !== 'CreateProcedure') throw new Error('not a procedure');
  const select = findSelect(proc.body);
  const params = new Map(proc.params.map((p) => [p.name.name.replace(/^@/, '').toLowerCase(), p.name.name]));
  const { values, notes } = parameterValuesAt(proc.body, select, params, (s) => s.span.line);
  return { query: printStatement(substituteVariables(select, values)).replace(/\s+/g, ' ').trim(), notes };
}

function findSelect(list: readonly Statement[]): Statement {
  for (const s of list) {
    if (s.kind === 'SelectStatement') return s;
    if (s.kind === 'Block') return findSelect(s.statements);
  }
  throw new Error('no SELECT');
}

describe('parameter prelude', () => {
  it('IF … SET and SET fold in order into the query', () => {
    const { query, notes } = fold(`
      IF @To IS NULL SET @To = EOMONTH(@From, 11);
      IF @Mode NOT IN ('a', 'b') SET @Mode = 'a';
      SET @N = @N * 2;
      SELECT x FROM dbo.t WHERE d BETWEEN @From AND @To AND m = @Mode AND n < @N;`);
    expect(notes).toEqual([]);
    expect(query).toContain('BETWEEN @From AND (CASE WHEN @To IS NULL THEN EOMONTH(@From, 11) ELSE @To END)');
    expect(query).toContain("m = (CASE WHEN @Mode NOT IN ('a', 'b') THEN 'a' ELSE @Mode END)");
    expect(query).toContain('n < (@N * 2)');
  });

  it('a later SET sees the earlier ones', () => {
    const { query } = fold(`
      SET @N = @N + 1;
      IF @N > 10 SET @N = 10;
      SELECT x FROM dbo.t WHERE n < @N;`);
    expect(query).toContain('n < (CASE WHEN (@N + 1) > 10 THEN 10 ELSE @N + 1 END)');
  });

  it('a value read from a table, or set in a loop, is reported and left as the parameter', () => {
    const { query, notes } = fold(`
      SET @To = (SELECT MAX(d) FROM dbo.t);
      WHILE @N > 0 SET @N = @N - 1;
      SELECT x FROM dbo.t WHERE d <= @To AND n = @N;`);
    expect(query).toContain('d <= @To AND n = @N');
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/@To is changed at line 4/);
    expect(notes[1]).toMatch(/@N is changed at line 5 \(inside WHILE\)/);
  });

  it('an error check is reported; statements after the kept one do not count', () => {
    const { query, notes } = fold(`
      IF @To < @From BEGIN RAISERROR('bad', 16, 1); RETURN -1; END
      SELECT x FROM dbo.t WHERE d <= @To;
      SET @To = '2000-01-01';`);
    expect(query).toContain('d <= @To');
    expect(notes).toEqual(['the check at line 4 stops the procedure with an error; a model cannot, so it is not reproduced']);
  });

  it('assignment targets are not replaced', () => {
    const { query } = fold(`
      SET @N = 3;
      SELECT @Mode = m FROM dbo.t WHERE n = @N;`);
    expect(query).toContain('@Mode = m');
    expect(query).toContain('n = (3)');
  });
});
