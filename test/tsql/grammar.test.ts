import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScript, type Statement } from '../../src/tsql/index.js';
import { repoRoot } from '../helpers/paths.js';
import { roundTripProblem } from '../helpers/roundtrip.js';

// Fixture scripts covering the grammar beyond the corpus (one construct per line or statement).
const fixtureDir = path.join(repoRoot, 'test/fixtures/tsql');
const fixtures = ['ddl.sql', 'queries.sql', 'dml_procedural.sql'];

function statements(file: string): Statement[] {
  const r = parseScript(readFileSync(path.join(fixtureDir, file), 'utf8'), { file });
  expect(r.diagnostics.map((d) => `${d.span?.line}:${d.span?.col} ${d.message}`)).toEqual([]);
  return r.script.batches.flatMap((b) => b.statements);
}

function one(sql: string): Statement {
  const r = parseScript(sql);
  expect(r.diagnostics.map((d) => d.message)).toEqual([]);
  const s = r.script.batches.flatMap((b) => b.statements);
  expect(s).toHaveLength(1);
  return s[0]!;
}

describe('grammar fixtures', () => {
  it.each(fixtures)('%s parses cleanly and every statement round-trips', (file) => {
    const list = statements(file);
    expect(list.length).toBeGreaterThan(60);
    expect(list.filter((s) => s.kind === 'ErrorStatement' || s.kind === 'UnsupportedStatement')).toEqual([]);
    expect(list.map((s) => roundTripProblem(s)).filter(Boolean)).toEqual([]);
  });
});

describe('tree shapes', () => {
  it('binds AND tighter than OR and predicates tighter than AND', () => {
    const s = one('SELECT 1 WHERE a = 1 OR b BETWEEN 1 AND 2 AND c LIKE \'x%\'');
    if (s.kind !== 'SelectStatement' || s.query.body.kind !== 'QuerySpec') throw new Error(s.kind);
    const w = s.query.body.where!;
    expect(w.kind === 'Binary' && w.op).toBe('OR');
    if (w.kind !== 'Binary') return;
    expect(w.right.kind === 'Binary' && w.right.op).toBe('AND');
    if (w.right.kind !== 'Binary') return;
    expect(w.right.left.kind).toBe('Between');
    expect(w.right.right.kind).toBe('Like');
  });

  it('binds * tighter than + and keeps written parentheses', () => {
    const s = one('SELECT (1 + 2) * 3 - 4 * 5');
    if (s.kind !== 'SelectStatement' || s.query.body.kind !== 'QuerySpec') throw new Error(s.kind);
    const col = s.query.body.columns[0]!;
    if (col.kind !== 'SelectColumn' || col.expr.kind !== 'Binary') throw new Error('shape');
    expect(col.expr.op).toBe('-');
    expect(col.expr.left.kind === 'Binary' && col.expr.left.op).toBe('*');
    expect(col.expr.left.kind === 'Binary' && col.expr.left.left.kind).toBe('Paren');
  });

  it('reads the three alias spellings and variable assignment in a select list', () => {
    const s = one("SELECT a AS x, b y, z = c, 'w' = d, @v = e FROM t");
    if (s.kind !== 'SelectStatement' || s.query.body.kind !== 'QuerySpec') throw new Error(s.kind);
    const cols = s.query.body.columns;
    expect(cols.map((c) => (c.kind === 'SelectColumn' ? `${c.alias?.name}:${c.aliasStyle}` : c.kind))).toEqual(['x:as', 'y:bare', 'z:equals', 'w:equals', 'SelectAssign']);
  });

  it('tells a table-valued function from a legacy table hint', () => {
    const s = one('SELECT * FROM dbo.fn(1) f JOIN t (NOLOCK) ON 1 = 1');
    if (s.kind !== 'SelectStatement' || s.query.body.kind !== 'QuerySpec') throw new Error(s.kind);
    const j = s.query.body.from![0]!;
    if (j.kind !== 'Join') throw new Error(j.kind);
    expect(j.left.kind).toBe('TableFunction');
    expect(j.right.kind === 'TableRef' && j.right.legacyHints).toBe(true);
  });

  it('reads an XML method on a column as a method call, not a three-part function', () => {
    const s = one("SELECT t.c.value('@id', 'int') FROM x");
    expect(JSON.stringify(s)).toContain('"kind":"MethodCall"');
  });

  it('reads statements without semicolons one after another', () => {
    const r = parseScript('SELECT a FROM t\nUPDATE t SET a = 1\nDELETE t\nINSERT t VALUES (1)\nEXEC p');
    expect(r.diagnostics).toEqual([]);
    expect(r.script.batches[0]!.statements.map((s) => s.kind)).toEqual(['SelectStatement', 'Update', 'Delete', 'Insert', 'ExecuteProcedure']);
  });

  it('calls a bare procedure name only as the first statement of a batch', () => {
    expect(one('sp_help').kind).toBe('ExecuteProcedure');
    // `SELECT 1\nsp_help` would read sp_help as a column alias, as SQL Server does; end the SELECT.
    const r = parseScript('SELECT 1;\nsp_help');
    expect(r.diagnostics.length).toBe(1);
  });

  it('splits batches on GO lines and keeps the repeat count', () => {
    const r = parseScript('SELECT 1\nGO\nSELECT 2\ngo 5\nSELECT 3 -- GO\nGO -- done\n');
    // The comment after the last GO is kept on a final, statement-less batch.
    expect(r.script.batches.map((b) => [b.statements.length, b.repeat])).toEqual([[1, 1], [1, 5], [1, 1], [0, 1]]);
    expect(r.script.batches[3]!.trailingComments?.map((c) => c.text)).toEqual(['-- done']);
  });

  it('marks well-formed statements it does not model as unsupported, with a warning', () => {
    const r = parseScript('SEND ON CONVERSATION @h MESSAGE TYPE m (@body);\nSELECT 1;');
    expect(r.script.batches[0]!.statements.map((s) => s.kind)).toEqual(['UnsupportedStatement', 'SelectStatement']);
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['MD1102', 'warning']]);
  });

  it('keeps every comment, attached to the node that follows it or to its statement', () => {
    const sql = '/* head */ SELECT a, -- first\n b /* inline */ FROM t -- tail\n;\n-- before update\nUPDATE t SET a = 1 /* end */';
    const r = parseScript(sql);
    const all: string[] = [];
    JSON.stringify(r.script, (k, v) => {
      if (k === 'text' && typeof v === 'string') all.push(v);
      return v;
    });
    expect(all.sort()).toEqual(['-- before update', '-- first', '-- tail', '/* end */', '/* head */', '/* inline */'].sort());
  });
});
