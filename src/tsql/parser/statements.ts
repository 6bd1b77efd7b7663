import { diagnostic } from '../../diagnostics/index.js';
import type { Batch, CreateMode, Statement } from '../ast/index.js';
import type { ParserCore } from './core.js';
import { SyntaxError_ } from './core.js';
import {
  parseAlterTable, parseCreateFunction, parseCreateIndex, parseCreatePartition, parseCreateProcedure, parseCreateSchema,
  parseCreateSequence, parseCreateSynonym, parseCreateTable, parseCreateTrigger, parseCreateType, parseCreateView, parseDrop,
  parseXmlSchemaCollection, isModeledDrop,
} from './ddl.js';
import { parseBulkInsert, parseDelete, parseInsert, parseMerge, parseSelectStatement, parseTruncate, parseUpdate } from './dml.js';
import {
  parseBegin, parseCursorStatement, parseDeclare, parseExecute, parseFetch, parseIf, parseRaiserror, parseSet, parseThrow,
  parseTransaction, parseWhile,
} from './procedural.js';
import { parseExpression } from './expressions.js';
import { parseWithClause } from './queries.js';

/**
 * Statements kept verbatim without a diagnostic: security, storage and server administration,
 * which a dbt project does not carry over. Keyed by their first one or two words.
 */
const OPAQUE_HEADS = new Set(['GRANT', 'DENY', 'REVOKE', 'DBCC', 'CHECKPOINT', 'RECONFIGURE', 'BACKUP', 'RESTORE', 'KILL', 'SHUTDOWN', 'SETUSER']);
const OPAQUE_OBJECTS = new Set([
  'DATABASE', 'LOGIN', 'USER', 'ROLE', 'APPLICATION', 'CERTIFICATE', 'ASYMMETRIC', 'SYMMETRIC', 'MASTER', 'CREDENTIAL',
  'ENDPOINT', 'SERVER', 'AUTHORIZATION', 'FULLTEXT', 'RESOURCE', 'WORKLOAD', 'AVAILABILITY', 'EVENT', 'DATABASE_AUDIT_SPECIFICATION',
  'SEARCH', 'COLUMN', 'ASSEMBLY', 'STATISTICS', 'INDEX',
]);

/** Parses one statement; a syntax error becomes an ErrorStatement and parsing resumes after it. */
export function parseStatement(p: ParserCore): Statement {
  const depth = p.depth;
  const first = p.peek();
  p.openCommentFrame();
  let stmt: Statement;
  try {
    p.enter();
    stmt = parseStatementInner(p);
    p.leave();
  } catch (e) {
    if (!(e instanceof SyntaxError_)) throw e;
    // Too-deep nesting abandons the whole outermost statement: recovering inside it would only
    // report every enclosing BEGIN as unclosed.
    if (e.diagnostic.code === 'MD1101' && depth > 0) {
      p.closeCommentFrame();
      throw e;
    }
    p.depth = depth;
    p.diagnostics.push(e.diagnostic);
    const m = p.mark();
    const at = e.diagnostic.span;
    const tokens = p.recover(p.peek() === first, e.diagnostic.code === 'MD1101');
    const node = p.finish(m, { kind: 'ErrorStatement' as const, tokens: { kind: 'RawTokens' as const, tokens, span: p.spanFrom(m) }, message: e.diagnostic.message });
    if (at) node.span = { ...at, end: Math.max(at.end, node.span.end) };
    stmt = node;
  }
  if (p.isOp(';')) p.next();
  const loose = p.closeCommentFrame();
  if (loose.length) (stmt as { trailing?: unknown }).trailing = loose;
  return stmt;
}

/** Statements until `stop()` holds or the batch ends (module bodies, BEGIN…END, TRY/CATCH). */
export function parseStatementsUntil(p: ParserCore, stop: () => boolean): Statement[] {
  const list: Statement[] = [];
  for (;;) {
    while (p.eatOp(';'));
    if (p.atEnd() || stop()) return list;
    const before = p.peek();
    list.push(parseStatement(p));
    // A stray END (or anything the recovery cannot consume) must not spin the loop forever.
    if (p.peek() === before) {
      const t = p.next();
      p.diagnostics.push(diagnostic('MD1100', { expected: 'a statement', found: p.describe(t) }, p.spanOf(t)));
    }
  }
}

function createMode(p: ParserCore): CreateMode {
  const head = p.next().value;
  if (head === 'CREATE' && p.isWord('OR') && p.isWord('ALTER', 1)) {
    p.next(); p.next();
    return 'CREATE OR ALTER';
  }
  return head as CreateMode;
}

function opaque(p: ParserCore, m: ReturnType<ParserCore['mark']>, words: number): Statement {
  const head: string[] = [];
  const tokens: string[] = [];
  for (let i = 0; i < words; i++) {
    head.push(p.peek().value);
    tokens.push(p.next().text);
  }
  // The object's name, then its clause: `ALTER DATABASE x` + `SET …` on the next line is one statement.
  // Consumed as plain tokens (no nodes), so comments inside it stay with the statement.
  if (p.isIdentifierStart(0, true) && !p.atStatementBoundary()) {
    tokens.push(p.next().text);
    while (p.isOp('.') && p.isIdentifierStart(1, true)) tokens.push(p.next().text, p.next().text);
  }
  const tail = p.rawStatementTail(p.isWord('SET') || p.isWord('WITH') ? 1 : 0);
  tokens.push(...tail.tokens);
  return p.finish(m, { kind: 'OpaqueStatement' as const, statement: head.join(' '), tokens: { kind: 'RawTokens' as const, tokens, span: p.spanFrom(m) } });
}

function unsupported(p: ParserCore, m: ReturnType<ParserCore['mark']>, words: number): Statement {
  const head: string[] = [];
  for (let i = 0; i < words; i++) head.push(p.peek(i).text.toUpperCase());
  const tokens = p.rawStatementTail();
  const node = p.finish(m, { kind: 'UnsupportedStatement' as const, tokens });
  p.diagnostics.push(diagnostic('MD1102', { statement: head.join(' ') }, node.span));
  return node;
}

function parseStatementInner(p: ParserCore): Statement {
  const m = p.mark();
  const t = p.peek();
  if (t.kind === 'sqlcmd') {
    p.next();
    const [command = '', ...rest] = t.value.split(/\s+/);
    return p.finish(m, { kind: 'SqlcmdCommand' as const, command, args: rest.join(' ') });
  }
  if (t.kind === 'op' && t.value === '(') return parseSelectStatement(p, m);
  if (t.kind !== 'word') p.fail('a statement');
  // `label:`
  if (p.isOp(':', 1) && !p.isWord('DEFAULT')) {
    const name = p.identifier(true);
    p.next();
    return p.finish(m, { kind: 'Label' as const, name });
  }
  switch (t.value) {
    case 'SELECT':
      return parseSelectStatement(p, m);
    case 'WITH': {
      const withClause = parseWithClause(p);
      if (p.isWord('INSERT')) return parseInsert(p, m, withClause);
      if (p.isWord('UPDATE')) return parseUpdate(p, m, withClause);
      if (p.isWord('DELETE')) return parseDelete(p, m, withClause);
      if (p.isWord('MERGE')) return parseMerge(p, m, withClause);
      return parseSelectStatement(p, m, withClause);
    }
    case 'INSERT':
      return parseInsert(p, m);
    case 'UPDATE':
      if (p.isWord('STATISTICS', 1)) return opaque(p, m, 2);
      return parseUpdate(p, m);
    case 'DELETE':
      return parseDelete(p, m);
    case 'MERGE':
      return parseMerge(p, m);
    case 'TRUNCATE':
      return parseTruncate(p, m);
    case 'BULK':
      return parseBulkInsert(p, m);
    case 'DECLARE':
      return parseDeclare(p, m);
    case 'SET':
      return parseSet(p, m);
    case 'IF':
      return parseIf(p, m);
    case 'WHILE':
      return parseWhile(p, m);
    case 'BEGIN':
      if (p.isWord('DIALOG', 1) || p.isWord('CONVERSATION', 1)) return unsupported(p, m, 2);
      return parseBegin(p, m);
    case 'RETURN': {
      p.next();
      const startsValue = !p.atStatementBoundary() && !p.isWord('END') && !p.isWord('ELSE');
      const expr = startsValue ? parseExpression(p) : undefined;
      return p.finish(m, { kind: 'Return' as const, ...(expr ? { expr } : {}) });
    }
    case 'BREAK':
      p.next();
      return p.finish(m, { kind: 'Break' as const });
    case 'CONTINUE':
      p.next();
      return p.finish(m, { kind: 'Continue' as const });
    case 'GOTO': {
      p.next();
      return p.finish(m, { kind: 'Goto' as const, label: p.identifier(true) });
    }
    case 'WAITFOR': {
      p.next();
      if (p.isOp('(')) return unsupported(p, m, 1);
      const type = p.expectOneOf(['DELAY', 'TIME']) as 'DELAY' | 'TIME';
      return p.finish(m, { kind: 'WaitFor' as const, type, expr: parseExpression(p) });
    }
    case 'THROW':
      return parseThrow(p, m);
    case 'RAISERROR':
      return parseRaiserror(p, m);
    case 'PRINT': {
      p.next();
      return p.finish(m, { kind: 'Print' as const, expr: parseExpression(p) });
    }
    case 'COMMIT':
    case 'ROLLBACK':
    case 'SAVE':
      return parseTransaction(p, m);
    case 'OPEN':
      if (p.isWord('SYMMETRIC', 1) || p.isWord('MASTER', 1)) return opaque(p, m, 2);
      return parseCursorStatement(p, m);
    case 'CLOSE':
      if (p.isWord('SYMMETRIC', 1) || p.isWord('MASTER', 1) || p.isWord('ALL', 1)) return opaque(p, m, 2);
      return parseCursorStatement(p, m);
    case 'DEALLOCATE':
      return parseCursorStatement(p, m);
    case 'FETCH':
      return parseFetch(p, m);
    case 'EXEC':
    case 'EXECUTE':
      if (p.isWord('AS', 1)) {
        p.next();
        return p.finish(m, { kind: 'ExecuteAs' as const, revert: false, tokens: p.rawStatementTail() });
      }
      return parseExecute(p, m);
    case 'REVERT':
      p.next();
      return p.finish(m, { kind: 'ExecuteAs' as const, revert: true, tokens: p.rawStatementTail() });
    case 'USE': {
      p.next();
      return p.finish(m, { kind: 'Use' as const, database: p.identifier(true) });
    }
    case 'CREATE':
    case 'ALTER':
      return parseCreateOrAlter(p, m);
    case 'DROP':
      if (isModeledDrop(p)) return parseDrop(p, m);
      return opaque(p, m, 2);
    case 'ENABLE':
    case 'DISABLE':
      if (p.isWord('TRIGGER', 1)) return opaque(p, m, 2);
      return unsupported(p, m, 2);
    case 'END':
      if (p.isWord('CONVERSATION', 1)) return unsupported(p, m, 2);
      break;
    case 'SEND':
    case 'RECEIVE':
    case 'GET':
    case 'MOVE':
    case 'READTEXT':
    case 'WRITETEXT':
    case 'UPDATETEXT':
    case 'LOAD':
    case 'DUMP':
      return unsupported(p, m, 1);
    default:
      if (OPAQUE_HEADS.has(t.value)) return opaque(p, m, 1);
      break;
  }
  // A procedure called without EXEC is allowed as the first statement of a batch.
  if (p.isIdentifierStart() && (p.batchStatementIndex === 0)) return parseExecute(p, m, true);
  p.fail('a statement');
}

function parseCreateOrAlter(p: ParserCore, m: ReturnType<ParserCore['mark']>): Statement {
  const isAlter = p.isWord('ALTER');
  // Look past `CREATE OR ALTER` to the object type.
  const k = p.isWord('OR', 1) && p.isWord('ALTER', 2) ? 3 : 1;
  const what = p.peek(k).value;
  switch (what) {
    case 'TABLE':
      if (isAlter) {
        p.next();
        return parseAlterTable(p, m);
      }
      p.next();
      return parseCreateTable(p, m);
    case 'VIEW':
      return parseCreateView(p, m, createMode(p));
    case 'PROC':
    case 'PROCEDURE':
      return parseCreateProcedure(p, m, createMode(p));
    case 'FUNCTION':
      return parseCreateFunction(p, m, createMode(p));
    case 'TRIGGER':
      return parseCreateTrigger(p, m, createMode(p));
    case 'SEQUENCE':
      return parseCreateSequence(p, m, createMode(p) === 'ALTER' ? 'ALTER' : 'CREATE');
    case 'XML':
      if (p.isWord('SCHEMA', k + 1)) return parseXmlSchemaCollection(p, m, createMode(p) === 'ALTER' ? 'ALTER' : 'CREATE');
      if (!isAlter) {
        p.next();
        return parseCreateIndex(p, m);
      }
      break;
    case 'UNIQUE':
    case 'CLUSTERED':
    case 'NONCLUSTERED':
    case 'INDEX':
    case 'COLUMNSTORE':
    case 'PRIMARY':
    case 'SPATIAL':
      if (!isAlter) {
        p.next();
        return parseCreateIndex(p, m);
      }
      return opaque(p, m, 2);
    case 'FULLTEXT':
      if (!isAlter && p.isWord('INDEX', k + 1)) {
        p.next();
        return parseCreateIndex(p, m);
      }
      return opaque(p, m, 3);
    case 'TYPE':
      if (!isAlter) {
        p.next();
        return parseCreateType(p, m);
      }
      break;
    case 'SCHEMA':
      if (!isAlter) {
        p.next();
        return parseCreateSchema(p, m);
      }
      return opaque(p, m, 2);
    case 'SYNONYM':
      if (!isAlter) {
        p.next();
        return parseCreateSynonym(p, m);
      }
      break;
    case 'PARTITION':
      if (!isAlter) {
        p.next();
        return parseCreatePartition(p, m);
      }
      return opaque(p, m, 3);
    default:
      if (OPAQUE_OBJECTS.has(what)) return opaque(p, m, 2);
      break;
  }
  return unsupported(p, m, k + 1);
}

/**
 * Parses the statements of one batch (up to GO or the end of the file). With `onStatement`, each
 * statement is handed over as soon as it is parsed and not kept (the batch returned lists none):
 * an INSERT script's one batch of thousands of statements then never lives as a whole.
 */
export function parseBatch(p: ParserCore, onStatement?: (s: Statement) => void): Batch {
  // Not p.mark(): comments before the first statement belong to that statement, not the batch.
  const m = p.peek();
  const statements: Statement[] = [];
  p.batchStatementIndex = 0;
  for (;;) {
    while (p.eatOp(';'));
    if (p.atEnd()) break;
    const before = p.peek();
    const parsed = parseStatement(p);
    if (onStatement) onStatement(parsed);
    else statements.push(parsed);
    p.batchStatementIndex++;
    if (p.peek() === before) {
      const t = p.next();
      p.diagnostics.push(diagnostic('MD1100', { expected: 'a statement', found: p.describe(t) }, p.spanOf(t)));
    }
  }
  const span = p.spanFrom(m);
  let repeat = 1;
  const sep = p.peek();
  const trailing = [...p.orphanComments, ...(sep.leading ?? [])];
  sep.leading = undefined;
  p.orphanComments = [];
  if (sep.kind === 'go') {
    repeat = Number(sep.value) || 1;
    p.next();
  }
  const batch: Batch = { kind: 'Batch', statements, repeat, span, ...(trailing.length ? { trailingComments: trailing } : {}) };
  return batch;
}
