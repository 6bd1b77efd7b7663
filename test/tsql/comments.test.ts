import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Lexer, parseScript, printStatement, type Statement } from '../../src/tsql/index.js';
import { firstDifference } from '../../src/tsql/tree-compare.js';
import { repoRoot } from '../helpers/paths.js';

// sql-parser-cst's test: put a comment before every token of a statement; the parse must be
// clean, every comment must be somewhere in the tree, and the round trip must still hold.
const fixtureDir = path.join(repoRoot, 'test/fixtures/tsql');

function commentsInTree(node: unknown): number {
  let n = 0;
  JSON.stringify(node, (k, v) => {
    if ((k === 'comments' || k === 'trailing' || k === 'trailingComments') && Array.isArray(v)) n += v.length;
    return v;
  });
  return n;
}

function withCommentBeforeEveryToken(src: string): { text: string; count: number } {
  const lx = new Lexer(src, 'x.sql');
  let text = '';
  let last = 0;
  let count = 0;
  for (let t = lx.next(); t.kind !== 'eof'; t = lx.next()) {
    text += src.slice(last, t.offset) + `/*c${count++}*/ `;
    last = t.offset;
  }
  return { text: text + src.slice(last), count };
}

describe('comments at every token', () => {
  for (const file of ['ddl.sql', 'queries.sql', 'dml_procedural.sql']) {
    it(`${file}: no comment lost, round trip holds`, () => {
      const text = readFileSync(path.join(fixtureDir, file), 'utf8');
      const statements = parseScript(text, { file }).script.batches.flatMap((b) => b.statements);
      const problems: string[] = [];
      for (const s of statements) {
        if (s.kind === 'SqlcmdCommand') continue; // a directive line cannot hold a comment inside it
        const injected = withCommentBeforeEveryToken(text.slice(s.span.offset, s.span.end));
        const r = parseScript(injected.text);
        const again = r.script.batches.flatMap((b) => b.statements) as Statement[];
        const where = `${file}:${s.span.line}`;
        if (r.diagnostics.length) problems.push(`${where}: ${r.diagnostics[0]!.message}`);
        else if (commentsInTree(r.script) !== injected.count) problems.push(`${where}: ${commentsInTree(r.script)} of ${injected.count} comments kept`);
        else {
          const reparsed = parseScript(printStatement(again[0]!)).script.batches.flatMap((b) => b.statements);
          const d = firstDifference(again[0], reparsed[0]);
          if (d) problems.push(`${where}: ${d}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
