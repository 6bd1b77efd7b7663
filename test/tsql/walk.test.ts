/** The generic AST walk: every node with a kind, parents first, spans and comments skipped, early stop. */
import { describe, expect, it } from 'vitest';
import { forEachNode, parseScript, someNode } from '../../src/tsql/index.js';

const statements = (sql: string) => parseScript(sql).script.batches.flatMap((b) => b.statements);

describe('someNode / forEachNode', () => {
  it('reaches nodes inside nested queries, CASE arms and procedure bodies, parents before children', () => {
    const body = statements('CREATE PROCEDURE p AS BEGIN IF EXISTS (SELECT 1 FROM t WHERE a = CASE WHEN b > 0 THEN @x END) SELECT @@ROWCOUNT END');
    const kinds: string[] = [];
    forEachNode(body, (n) => kinds.push(n.kind));
    expect(kinds[0]).toBe('CreateProcedure');
    expect(kinds.filter((k) => k === 'Variable')).toHaveLength(2);
    expect(kinds).toContain('Case');
    expect(kinds.indexOf('Case')).toBeLessThan(kinds.lastIndexOf('Literal'));
  });
  it('stops at the first node the predicate accepts', () => {
    const body = statements('SELECT @a, @b, @c');
    let seen = 0;
    const found = someNode(body, (n) => {
      if (n.kind === 'Variable') seen++;
      return n.kind === 'Variable';
    });
    expect(found).toBe(true);
    expect(seen).toBe(1);
    expect(someNode(statements('SELECT 1'), (n) => n.kind === 'Variable')).toBe(false);
  });
});
