import type {
  Block, Declare, DeclareCursor, DeclareItem, ExecArgument, ExecuteProcedure, ExecuteString, Expression, Fetch, Identifier,
  If, Raiserror, SetOption, SetVariable, Statement, Throw, Transaction, TryCatch, Variable, While, CursorStatement,
} from '../ast/index.js';
import type { Mark, ParserCore } from './core.js';
import { parseDataType, parseExpression, parseExpressionList } from './expressions.js';
import { parseQuery } from './queries.js';
import { STATEMENT_START } from '../keywords.js';
import { parseTableElements } from './ddl.js';
import { parseStatement, parseStatementsUntil } from './statements.js';

function variableToken(p: ParserCore): Variable {
  const t = p.peek();
  if (t.kind !== 'variable') p.fail('a @variable');
  p.next();
  return { kind: 'Variable', name: t.text, span: p.spanOf(t) };
}

export function parseDeclare(p: ParserCore, m: Mark): Declare | DeclareCursor {
  p.expectWord('DECLARE');
  // `DECLARE name CURSOR …` (no @): a cursor declaration.
  if (p.peek().kind !== 'variable') return parseDeclareCursor(p, m);
  const items: DeclareItem[] = [];
  do {
    const name = variableToken(p);
    p.eatWord('AS');
    if (p.eatWord('TABLE')) {
      items.push({ kind: 'DeclareTable', name, elements: parseTableElements(p) });
    } else if (p.eatWord('CURSOR')) {
      items.push({ kind: 'DeclareCursorVariable', name });
    } else {
      const type = parseDataType(p);
      const init = p.eatOp('=') ? parseExpression(p) : undefined;
      items.push({ kind: 'DeclareVariable', name, type, ...(init ? { init } : {}) });
    }
  } while (p.eatOp(','));
  return p.finish(m, { kind: 'Declare' as const, items });
}

const CURSOR_OPTIONS = new Set(['LOCAL', 'GLOBAL', 'FORWARD_ONLY', 'SCROLL', 'STATIC', 'KEYSET', 'DYNAMIC', 'FAST_FORWARD', 'READ_ONLY', 'SCROLL_LOCKS', 'OPTIMISTIC', 'TYPE_WARNING', 'INSENSITIVE']);

function parseDeclareCursor(p: ParserCore, m: Mark): DeclareCursor {
  const name = p.identifier();
  const options: string[] = [];
  while (p.isWordIn(CURSOR_OPTIONS)) options.push(p.next().value);
  p.expectWord('CURSOR');
  while (p.isWordIn(CURSOR_OPTIONS)) options.push(p.next().value);
  p.expectWord('FOR');
  const query = parseQuery(p);
  let forUpdate: DeclareCursor['forUpdate'];
  if (p.isWord('FOR') && (p.isWord('UPDATE', 1) || p.isWord('READ', 1))) {
    p.next();
    if (p.eatWord('READ')) {
      p.expectWord('ONLY');
      forUpdate = { readOnly: true };
    } else {
      p.expectWord('UPDATE');
      if (p.eatWord('OF')) {
        const columns: Identifier[] = [];
        do columns.push(p.identifier());
        while (p.eatOp(','));
        forUpdate = { columns };
      } else forUpdate = {};
    }
  }
  return p.finish(m, { kind: 'DeclareCursor' as const, name, options, query, ...(forUpdate ? { forUpdate } : {}) });
}

const SET_ASSIGN = new Set(['=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=']);

export function parseSet(p: ParserCore, m: Mark): SetVariable | SetOption {
  p.expectWord('SET');
  const t = p.peek();
  if (t.kind === 'variable' && p.peek(1).kind === 'op' && SET_ASSIGN.has(p.peek(1).value)) {
    const variable = variableToken(p);
    const op = p.next().value;
    if (p.isWord('CURSOR')) {
      // `SET @c = CURSOR FOR …`: the cursor's query is kept as a subquery value.
      const cm = p.mark();
      p.next();
      const cursorOptions: string[] = [];
      while (p.isWordIn(CURSOR_OPTIONS)) cursorOptions.push(p.next().value);
      p.expectWord('FOR');
      const query = parseQuery(p);
      const expr = p.finish(cm, { kind: 'ScalarSubquery' as const, query });
      return p.finish(m, { kind: 'SetVariable' as const, variable, op, expr, cursorOptions });
    }
    const expr = parseExpression(p);
    return p.finish(m, { kind: 'SetVariable' as const, variable, op, expr });
  }
  // SET option[, option…] value
  const options: string[] = [];
  if (p.isWord('TRANSACTION')) {
    options.push(p.next().value);
    const value = p.rawStatementTail();
    return p.finish(m, { kind: 'SetOption' as const, options, value });
  }
  do {
    const o = p.next();
    if (o.kind !== 'word' && o.kind !== 'qident') p.fail('a SET option', o);
    options.push(o.value);
  } while (p.eatOp(','));
  const target = options.length === 1 && options[0] === 'IDENTITY_INSERT' ? p.objectName() : undefined;
  let first = true;
  const value = p.rawWhile((tok) => {
    // A SET option's value is one token or a short run on the same line (`ON`, `10`, `mdy`, `IO ON`).
    if (tok.kind === 'op' && tok.value === ';') return false;
    const more = first || !(tok.lineStart || (tok.kind === 'word' && STATEMENT_START.has(tok.value)));
    first = false;
    return more;
  });
  return p.finish(m, { kind: 'SetOption' as const, options, ...(target ? { target } : {}), value });
}

export function parseIf(p: ParserCore, m: Mark): If {
  p.expectWord('IF');
  const condition = parseExpression(p);
  const then = parseStatement(p);
  if (p.isWord('ELSE')) {
    p.next();
    return p.finish(m, { kind: 'If' as const, condition, then, else: parseStatement(p) });
  }
  return p.finish(m, { kind: 'If' as const, condition, then });
}

export function parseWhile(p: ParserCore, m: Mark): While {
  p.expectWord('WHILE');
  const condition = parseExpression(p);
  return p.finish(m, { kind: 'While' as const, condition, body: parseStatement(p) });
}

/** BEGIN … END, BEGIN TRY … END TRY BEGIN CATCH … END CATCH, BEGIN TRAN, BEGIN ATOMIC. */
export function parseBegin(p: ParserCore, m: Mark): Statement {
  if (p.isWord('TRY', 1)) return parseTryCatch(p, m);
  if (p.isWord('TRAN', 1) || p.isWord('TRANSACTION', 1) || p.isWord('DISTRIBUTED', 1)) return parseTransaction(p, m);
  p.expectWord('BEGIN');
  let atomic;
  if (p.isWord('ATOMIC')) {
    p.next();
    p.expectWord('WITH');
    atomic = p.rawParens();
  }
  const statements = parseStatementsUntil(p, () => p.isWord('END'));
  p.expectWord('END');
  return p.finish(m, { kind: 'Block' as const, statements, ...(atomic ? { atomic } : {}) }) as Block;
}

function parseTryCatch(p: ParserCore, m: Mark): TryCatch {
  p.expectWord('BEGIN');
  p.expectWord('TRY');
  const tryBlock = parseStatementsUntil(p, () => p.isWord('END') && p.isWord('TRY', 1));
  p.expectWord('END');
  p.expectWord('TRY');
  p.expectWord('BEGIN');
  p.expectWord('CATCH');
  const catchBlock = parseStatementsUntil(p, () => p.isWord('END') && p.isWord('CATCH', 1));
  p.expectWord('END');
  p.expectWord('CATCH');
  return p.finish(m, { kind: 'TryCatch' as const, tryBlock, catchBlock });
}

export function parseTransaction(p: ParserCore, m: Mark): Transaction {
  const head = p.next().value;
  let action: Transaction['action'];
  if (head === 'BEGIN') action = p.eatWord('DISTRIBUTED') ? 'BEGIN DISTRIBUTED' : 'BEGIN';
  else action = head as Transaction['action'];
  let keyword: Transaction['keyword'];
  if (p.isWord('TRANSACTION') || p.isWord('TRAN') || p.isWord('WORK')) keyword = p.next().value as Transaction['keyword'];
  let name: Identifier | Variable | undefined;
  if (p.peek().kind === 'variable') name = variableToken(p);
  else if (keyword !== 'WORK' && p.isIdentifierStart() && !p.peek().lineStart) name = p.identifier();
  let options;
  if (p.isWord('WITH')) options = p.rawStatementTail();
  return p.finish(m, { kind: 'Transaction' as const, action, ...(keyword ? { keyword } : {}), ...(name ? { name } : {}), ...(options ? { options } : {}) });
}

export function parseThrow(p: ParserCore, m: Mark): Throw {
  p.expectWord('THROW');
  if (p.atStatementBoundary() || p.isWord('END')) return p.finish(m, { kind: 'Throw' as const });
  const a = parseExpression(p);
  p.expectOp(',');
  const b = parseExpression(p);
  p.expectOp(',');
  const c = parseExpression(p);
  return p.finish(m, { kind: 'Throw' as const, args: [a, b, c] as const });
}

export function parseRaiserror(p: ParserCore, m: Mark): Raiserror {
  p.expectWord('RAISERROR');
  if (!p.isOp('(')) {
    // Legacy form: RAISERROR 50001 'message'
    const args = [parseExpression(p)];
    if (!p.atStatementBoundary()) args.push(parseExpression(p));
    return p.finish(m, { kind: 'Raiserror' as const, args, options: [], legacy: true });
  }
  p.expectOp('(');
  const args = parseExpressionList(p);
  p.expectOp(')');
  const options: string[] = [];
  if (p.eatWord('WITH')) {
    do options.push(p.next().value);
    while (p.eatOp(','));
  }
  return p.finish(m, { kind: 'Raiserror' as const, args, options, legacy: false });
}

export function parseCursorStatement(p: ParserCore, m: Mark): CursorStatement {
  const action = p.next().value as CursorStatement['action'];
  const global = p.isWord('GLOBAL') && p.isIdentifierStart(1) ? (p.next(), true) : false;
  const cursor = p.peek().kind === 'variable' ? variableToken(p) : p.identifier();
  return p.finish(m, { kind: 'CursorStatement' as const, action, global, cursor });
}

const FETCH_DIRECTIONS = new Set(['NEXT', 'PRIOR', 'FIRST', 'LAST', 'ABSOLUTE', 'RELATIVE']);

export function parseFetch(p: ParserCore, m: Mark): Fetch {
  p.expectWord('FETCH');
  let direction: string | undefined;
  let offset: Expression | undefined;
  if (p.isWordIn(FETCH_DIRECTIONS)) {
    direction = p.next().value;
    if (direction === 'ABSOLUTE' || direction === 'RELATIVE') offset = parseExpression(p);
  }
  const fromKeyword = p.eatWord('FROM');
  const global = p.isWord('GLOBAL') && p.isIdentifierStart(1) ? (p.next(), true) : false;
  const cursor = p.peek().kind === 'variable' ? variableToken(p) : p.identifier();
  let into: Variable[] | undefined;
  if (p.eatWord('INTO')) {
    into = [];
    do into.push(variableToken(p));
    while (p.eatOp(','));
  }
  return p.finish(m, {
    kind: 'Fetch' as const, ...(direction ? { direction } : {}), ...(offset ? { offset } : {}), fromKeyword, global, cursor, ...(into ? { into } : {}),
  });
}

/** EXEC proc …, EXEC (@sql), EXEC @rc = proc, and the keyword-less call at the start of a batch. */
export function parseExecute(p: ParserCore, m: Mark, keywordless = false): ExecuteProcedure | ExecuteString {
  const keyword = keywordless ? 'NONE' : (p.next().value as 'EXEC' | 'EXECUTE');
  if (keyword !== 'NONE' && p.isOp('(')) {
    p.next();
    const parts = [parseExpression(p)];
    let args: Expression[] | undefined;
    while (p.eatOp(',')) (args ??= []).push(parseExpression(p));
    p.expectOp(')');
    const tail = (p.isWord('AS') || p.isWord('AT')) ? p.rawStatementTail() : undefined;
    return p.finish(m, { kind: 'ExecuteString' as const, keyword, parts, ...(args ? { args } : {}), ...(tail ? { tail } : {}) });
  }
  let returnStatus: Variable | undefined;
  if (p.peek().kind === 'variable' && p.isOp('=', 1)) {
    returnStatus = variableToken(p);
    p.next();
  }
  const procedure = p.peek().kind === 'variable' ? variableToken(p) : p.objectName(true);
  const args: ExecArgument[] = [];
  if (!p.atStatementBoundary() && !p.isWord('WITH') && !p.isWord('END') && !p.isWord('ELSE') && !p.isOp(')')) {
    do {
      let name: string | undefined;
      if (p.peek().kind === 'variable' && p.isOp('=', 1)) {
        name = p.next().text;
        p.next();
      }
      const value = parseExpression(p);
      let output = false;
      if (p.isWord('OUTPUT') || p.isWord('OUT')) {
        p.next();
        output = true;
      }
      args.push({ ...(name ? { name } : {}), value, output });
    } while (p.eatOp(','));
  }
  const options = p.isWord('WITH') ? p.rawStatementTail() : undefined;
  return p.finish(m, {
    kind: 'ExecuteProcedure' as const, keyword, ...(returnStatus ? { returnStatus } : {}), procedure, args, ...(options ? { options } : {}),
  });
}

