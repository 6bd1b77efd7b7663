import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDiagnostic } from '../../src/diagnostics/index.js';
import { parseScript, printStatement } from '../../src/tsql/index.js';
import { prng } from '../../bench/generate-script.js';
import { corpusRoot, hasCorpus } from '../helpers/paths.js';

const kinds = (sql: string) => parseScript(sql).script.batches.flatMap((b) => b.statements.map((s) => s.kind));
const codes = (sql: string) => parseScript(sql).diagnostics.map((d) => d.code);

describe('syntax errors', () => {
  it('gives file:line:col, the source line, a caret and what was expected', () => {
    const sql = 'SELECT 1;\nSELECT a,\n  FROM t;\nSELECT 2;';
    const r = parseScript(sql, { file: 'proc.sql' });
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect([d.code, d.span?.file, d.span?.line, d.span?.col]).toEqual(['MD1100', 'proc.sql', 3, 3]);
    expect(d.message).toBe("expected an expression but found 'FROM'");
    expect(renderDiagnostic(d, sql)).toBe(
      ["error[MD1100]: expected an expression but found 'FROM'", '  --> proc.sql:3:3', '  |', '3 |   FROM t;', '  |   ^^^^'].join('\n'),
    );
  });

  it('recovers at the next statement so one bad statement never hides the rest', () => {
    const r = parseScript('SELECT FROM;\nUPDATE t SET a = 1\nSELEKT 1\nDELETE FROM t WHERE (a = 1\nINSERT t VALUES (1)\nSELECT 2');
    const k = r.script.batches[0]!.statements.map((s) => s.kind);
    expect(k).toEqual(['ErrorStatement', 'Update', 'ErrorStatement', 'ErrorStatement', 'Insert', 'SelectStatement']);
    expect(r.diagnostics.map((d) => d.span?.line)).toEqual([1, 3, 5]);
  });

  it('recovers inside a procedure body and keeps the procedure', () => {
    const r = parseScript('CREATE PROCEDURE p AS\nBEGIN\n  SELECT 1;\n  UPDATE SET x;\n  SELECT 2;\nEND');
    expect(r.diagnostics.map((d) => d.span?.line)).toEqual([4]);
    const proc = r.script.batches[0]!.statements[0]!;
    expect(proc.kind).toBe('CreateProcedure');
    const body = proc.kind === 'CreateProcedure' ? proc.body[0] : undefined;
    expect(body?.kind === 'Block' && body.statements.map((s) => s.kind)).toEqual(['SelectStatement', 'ErrorStatement', 'SelectStatement']);
  });

  it.each([
    ["SELECT 'abc", 'MD1010'],
    ['SELECT [abc', 'MD1012'],
    ['SELECT 1 /* never closed', 'MD1011'],
    ['SELECT (1 + 2', 'MD1100'],
    ['SELECT 1 + 2)', 'MD1100'],
    ['BEGIN SELECT 1', 'MD1100'],
    ['SELECT 1 END', 'MD1100'],
    ['CREATE TABLE t (a int', 'MD1100'],
    ['CASE WHEN', 'MD1100'],
    ['IF', 'MD1100'],
  ])('%j reports %s and does not throw', (sql, code) => {
    expect(codes(sql)).toContain(code);
  });

  it('stops the batch at GO even when a statement is cut off', () => {
    const r = parseScript('SELECT (1 +\nGO\nSELECT 2');
    expect(r.script.batches.map((b) => b.statements.map((s) => s.kind))).toEqual([['ErrorStatement'], ['SelectStatement']]);
  });

  it.each([
    ['parentheses', 'SELECT ' + '('.repeat(10_000) + '1' + ')'.repeat(10_000)],
    ['subqueries', 'SELECT ' + '(SELECT '.repeat(10_000) + '1' + ')'.repeat(10_000)],
    ['BEGIN blocks', 'BEGIN\n'.repeat(10_000) + 'SELECT 1\n' + 'END\n'.repeat(10_000)],
    ['IF statements', 'IF 1 = 1 '.repeat(10_000) + 'SELECT 1'],
    ['NOT operators', 'SELECT 1 WHERE ' + 'NOT '.repeat(10_000) + '1 = 1'],
    ['function calls', 'SELECT ' + 'f('.repeat(10_000) + '1' + ')'.repeat(10_000)],
    ['CASE expressions', 'SELECT ' + 'CASE WHEN 1 = 1 THEN '.repeat(10_000) + '1' + ' END'.repeat(10_000)],
    ['unclosed parentheses', 'SELECT ' + '('.repeat(10_000)],
  ])('10,000 nested %s give one clear MD1101, not a stack overflow', (_name, sql) => {
    const r = parseScript(sql + ';\nGO\nSELECT 42;');
    expect(r.diagnostics.map((d) => d.code)).toContain('MD1101');
    expect(r.diagnostics.filter((d) => d.code === 'MD1101')).toHaveLength(1);
    // The rest of that batch is skipped; the next batch still parses.
    const last = r.script.batches.at(-1)!.statements.at(-1)!;
    expect(last.kind).toBe('SelectStatement');
  });

  it('reads a 100,000-term expression (no recursion on left-associative chains) and prints it', () => {
    const r = parseScript('SELECT ' + Array.from({ length: 100_000 }, (_, i) => String(i)).join(' + '));
    expect(r.diagnostics).toEqual([]);
    expect(printStatement(r.script.batches[0]!.statements[0]!)).toContain('99998 + 99999');
  });

  it('never throws or hangs on random bytes and random token soup', () => {
    const rnd = prng(7);
    const words = ['SELECT', 'FROM', 'WHERE', '(', ')', ',', 'BEGIN', 'END', 'CASE', 'WHEN', "'", '[', '"', '/*', '*/', '--', 'GO\n', '\n', 'a', '1', '@x', 'N\'', 'CREATE', 'TABLE', 'PROCEDURE', 'AS', 'IF', 'ELSE', ';', 'INSERT', 'VALUES', 'MERGE', 'USING', 'ON', '.', '$(', ':r '];
    for (let i = 0; i < 300; i++) {
      let sql = '';
      const len = Math.floor(rnd() * 200);
      for (let j = 0; j < len; j++) {
        sql += i % 2 ? String.fromCharCode(Math.floor(rnd() * 0x2000)) : words[Math.floor(rnd() * words.length)]! + ' ';
      }
      const r = parseScript(sql);
      expect(Array.isArray(r.diagnostics)).toBe(true);
    }
  });

  it.skipIf(!hasCorpus)('keeps every statement before the cut when a corpus file is truncated anywhere', () => {
    const file = path.join(corpusRoot, 'pubs/instpubs.sql');
    const text = readFileSync(file, 'utf8');
    const full = parseScript(text, { file }).script.batches.flatMap((b) => b.statements);
    const rnd = prng(11);
    for (let i = 0; i < 25; i++) {
      const cut = Math.floor(rnd() * text.length);
      const part = parseScript(text.slice(0, cut), { file }).script.batches.flatMap((b) => b.statements);
      // Statements wholly before the cut come out identical (same spans, same kinds).
      const complete = full.filter((s) => s.span.end < cut - 1 && !containsCut(s, cut));
      for (const s of complete) {
        const same = part.find((p) => p.span.offset === s.span.offset);
        expect(same?.kind, `statement at line ${s.span.line}, cut at ${cut}`).toBe(s.kind);
      }
    }
  });

  it('parses an empty script and a comment-only script to no statements and no errors', () => {
    expect(kinds('')).toEqual([]);
    expect(kinds('-- nothing here\n/* at all */')).toEqual([]);
    expect(codes('-- nothing here')).toEqual([]);
  });
});

/** A statement whose text reaches the cut (a procedure body that continues) is not complete. */
function containsCut(s: { span: { offset: number; end: number } }, cut: number): boolean {
  return s.span.offset <= cut && s.span.end >= cut;
}
