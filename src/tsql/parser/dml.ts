import type {
  Delete, Identifier, Insert, InsertSource, Merge, MergeAction, MergeClause, OutputClause, RawTokens, SelectStatement,
  SetItem, TableSource, Top, Update, Variable, WithClause, BulkInsert, Truncate, Expression, ColumnRef,
} from '../ast/index.js';
import type { Mark, ParserCore } from './core.js';
import { parseExpression, parseExpressionList } from './expressions.js';
import {
  parseFromList, parseIdentifierList, parseJoinedTable, parseQuery, parseSelectItem, parseTableHints, parseTop, parseValuesRows,
} from './queries.js';
import { parseExecute } from './procedural.js';

/** `OPTION (…)` query hints at the end of a statement. */
export function parseOptionClause(p: ParserCore): RawTokens | undefined {
  if (!(p.isWord('OPTION') && p.isOp('(', 1))) return undefined;
  p.next();
  return p.rawParens();
}

export function parseSelectStatement(p: ParserCore, m: Mark, withClause?: WithClause): SelectStatement {
  const query = parseQuery(p);
  const option = parseOptionClause(p);
  return p.finish(m, { kind: 'SelectStatement' as const, ...(withClause ? { with: withClause } : {}), query, ...(option ? { option } : {}) });
}

/** The target of INSERT/UPDATE/DELETE/MERGE: a table (with hints and alias), a variable, OPENQUERY… */
function parseDmlTarget(p: ParserCore, allowAlias: boolean): TableSource {
  const m = p.mark();
  if (p.peek().kind === 'variable') {
    const t = p.next();
    const variable: Variable = { kind: 'Variable', name: t.text, span: p.spanOf(t) };
    let alias: Identifier | undefined;
    if (allowAlias && (p.eatWord('AS') || p.isBareAlias())) alias = p.identifier();
    return p.finish(m, { kind: 'VariableTable' as const, variable, ...(alias ? { alias } : {}) });
  }
  if (p.isWord('OPENQUERY') || p.isWord('OPENROWSET') || p.isWord('OPENDATASOURCE')) return parseJoinedTable(p);
  const name = p.objectName();
  // MERGE writes its hints before the alias (`MERGE t WITH (HOLDLOCK) AS x`); UPDATE/DELETE after the name.
  let hints;
  if (p.isWord('WITH') && p.isOp('(', 1)) {
    p.next();
    hints = parseTableHints(p);
  }
  let alias: Identifier | undefined;
  if (allowAlias) {
    if (p.eatWord('AS')) alias = p.identifier();
    else if (p.isBareAlias() && !p.isWord('USING')) alias = p.identifier();
  }
  if (!hints && p.isWord('WITH') && p.isOp('(', 1)) {
    p.next();
    hints = parseTableHints(p);
  }
  return p.claim(m, { kind: 'TableRef' as const, name, alias, hints, span: p.spanFrom(m) });
}

function parseOutputClauses(p: ParserCore): OutputClause[] | undefined {
  const clauses: OutputClause[] = [];
  while (p.isWord('OUTPUT')) {
    const m = p.mark();
    p.next();
    const columns = [parseSelectItem(p)];
    while (p.eatOp(',')) columns.push(parseSelectItem(p));
    let into: OutputClause['into'];
    if (p.eatWord('INTO')) {
      const target = p.peek().kind === 'variable' ? (() => { const t = p.next(); return { kind: 'Variable' as const, name: t.text, span: p.spanOf(t) }; })() : p.objectName();
      const cols = p.isOp('(') ? parseIdentifierList(p) : undefined;
      into = { target, ...(cols ? { columns: cols } : {}) };
    }
    clauses.push(p.finish(m, { kind: 'OutputClause' as const, columns, ...(into ? { into } : {}) }));
  }
  return clauses.length ? clauses : undefined;
}

function optionalTop(p: ParserCore): Top | undefined {
  return p.isWord('TOP') ? parseTop(p) : undefined;
}

export function parseInsert(p: ParserCore, m: Mark, withClause?: WithClause): Insert {
  p.expectWord('INSERT');
  const top = optionalTop(p);
  const into = p.eatWord('INTO');
  const target = parseDmlTarget(p, false);
  // Column list, unless the parenthesis opens the source query `INSERT t (SELECT …)`.
  const columns = p.isOp('(') && !p.isWord('SELECT', 1) && !p.isOp('(', 1) ? parseIdentifierList(p, true) : undefined;
  const output = parseOutputClauses(p);
  let source: InsertSource;
  if (p.isWord('DEFAULT') && p.isWord('VALUES', 1)) {
    p.next(); p.next();
    source = { kind: 'DefaultValues' };
  } else if (p.isWord('VALUES')) {
    p.next();
    source = { kind: 'Values', rows: parseValuesRows(p) };
  } else if (p.isWord('EXEC') || p.isWord('EXECUTE')) {
    const em = p.mark();
    source = { kind: 'ExecSource', exec: parseExecute(p, em) };
  } else {
    source = { kind: 'QuerySource', query: parseQuery(p) };
  }
  const option = parseOptionClause(p);
  // Absent clauses stay as undefined fields: one object shape per node kind is faster to build.
  return p.claim(m, { kind: 'Insert' as const, with: withClause, top, into, target, columns, output, source, option, span: p.spanFrom(m) });
}

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=']);

export function parseSetItems(p: ParserCore): SetItem[] {
  const items: SetItem[] = [];
  do {
    const t = p.peek();
    if (t.kind === 'variable') {
      p.next();
      const variable: Variable = { kind: 'Variable', name: t.text, span: p.spanOf(t) };
      const op = p.next().value;
      if (!ASSIGN_OPS.has(op)) p.fail('an assignment operator', p.prevTok);
      // `SET @v = col = expr` assigns the column and the variable at once.
      if (p.isIdentifierStart() && p.isOp('=', 1) && !p.isOp('=', 2)) {
        const cm = p.mark();
        const col = p.objectName();
        const column: ColumnRef = p.finish(cm, { kind: 'ColumnRef' as const, name: col });
        p.next();
        items.push({ kind: 'SetVariable', variable, op, expr: parseExpression(p), column });
      } else items.push({ kind: 'SetVariable', variable, op, expr: parseExpression(p) });
      continue;
    }
    const cm = p.mark();
    const name = p.objectName();
    if (p.isOp('(')) {
      // `col.WRITE(…)` / `x.modify('…')`: a method call that updates in place.
      const last = name.parts[name.parts.length - 1]!;
      const targetName = { kind: 'ObjectName' as const, parts: name.parts.slice(0, -1), span: name.span };
      p.expectOp('(');
      const args = p.isOp(')') ? [] : parseExpressionList(p);
      p.expectOp(')');
      items.push({ kind: 'SetMethod', call: p.finish(cm, { kind: 'MethodCall' as const, target: { kind: 'ColumnRef' as const, name: targetName, span: targetName.span }, method: last, args }) });
      continue;
    }
    const column: ColumnRef = p.finish(cm, { kind: 'ColumnRef' as const, name });
    const opTok = p.next();
    if (opTok.kind !== 'op' || !ASSIGN_OPS.has(opTok.value)) p.fail("'='", opTok);
    items.push({ kind: 'SetColumn', column, op: opTok.value, expr: parseExpression(p) });
  } while (p.eatOp(','));
  return items;
}

function parseWhereCurrentOf(p: ParserCore): { where?: Expression; currentOf?: Identifier } {
  if (!p.eatWord('WHERE')) return {};
  if (p.isWord('CURRENT') && p.isWord('OF', 1)) {
    p.next(); p.next();
    p.eatWord('GLOBAL');
    return { currentOf: p.peek().kind === 'variable' ? p.identifierFromString() : p.identifier() };
  }
  return { where: parseExpression(p) };
}

export function parseUpdate(p: ParserCore, m: Mark, withClause?: WithClause): Update {
  p.expectWord('UPDATE');
  const top = optionalTop(p);
  const target = parseDmlTarget(p, false);
  p.expectWord('SET');
  const set = parseSetItems(p);
  const output = parseOutputClauses(p);
  const from = p.eatWord('FROM') ? parseFromList(p) : undefined;
  const wc = parseWhereCurrentOf(p);
  const option = parseOptionClause(p);
  return p.finish(m, {
    kind: 'Update' as const, ...(withClause ? { with: withClause } : {}), ...(top ? { top } : {}), target, set,
    ...(output ? { output } : {}), ...(from ? { from } : {}), ...wc, ...(option ? { option } : {}),
  });
}

export function parseDelete(p: ParserCore, m: Mark, withClause?: WithClause): Delete {
  p.expectWord('DELETE');
  const top = optionalTop(p);
  const fromKeyword = p.eatWord('FROM');
  const target = parseDmlTarget(p, false);
  const output = parseOutputClauses(p);
  const from = p.eatWord('FROM') ? parseFromList(p) : undefined;
  const wc = parseWhereCurrentOf(p);
  const option = parseOptionClause(p);
  return p.finish(m, {
    kind: 'Delete' as const, ...(withClause ? { with: withClause } : {}), ...(top ? { top } : {}), fromKeyword, target,
    ...(output ? { output } : {}), ...(from ? { from } : {}), ...wc, ...(option ? { option } : {}),
  });
}

export function parseMerge(p: ParserCore, m: Mark, withClause?: WithClause): Merge {
  p.expectWord('MERGE');
  const top = optionalTop(p);
  p.eatWord('INTO');
  const target = parseDmlTarget(p, true);
  p.expectWord('USING');
  const using = parseJoinedTable(p);
  p.expectWord('ON');
  const on = parseExpression(p);
  const clauses: MergeClause[] = [];
  while (p.isWord('WHEN')) {
    const cm = p.mark();
    p.next();
    let match: MergeClause['match'];
    if (p.eatWord('MATCHED')) match = 'MATCHED';
    else {
      p.expectWord('NOT');
      p.expectWord('MATCHED');
      if (p.eatWord('BY')) {
        match = p.expectOneOf(['SOURCE', 'TARGET']) === 'SOURCE' ? 'NOT MATCHED BY SOURCE' : 'NOT MATCHED';
      } else match = 'NOT MATCHED';
    }
    const condition = p.eatWord('AND') ? parseExpression(p) : undefined;
    p.expectWord('THEN');
    let action: MergeAction;
    if (p.eatWord('UPDATE')) {
      p.expectWord('SET');
      action = { kind: 'MergeUpdate', set: parseSetItems(p) };
    } else if (p.eatWord('DELETE')) {
      action = { kind: 'MergeDelete' };
    } else {
      p.expectWord('INSERT');
      const columns = p.isOp('(') ? parseIdentifierList(p, true) : undefined;
      if (p.eatWord('DEFAULT')) {
        p.expectWord('VALUES');
        action = { kind: 'MergeInsert', ...(columns ? { columns } : {}) };
      } else {
        p.expectWord('VALUES');
        p.expectOp('(');
        const values = parseExpressionList(p);
        p.expectOp(')');
        action = { kind: 'MergeInsert', ...(columns ? { columns } : {}), values };
      }
    }
    clauses.push(p.finish(cm, { kind: 'MergeClause' as const, match, ...(condition ? { condition } : {}), action }));
  }
  if (clauses.length === 0) p.fail('WHEN MATCHED or WHEN NOT MATCHED');
  const output = parseOutputClauses(p);
  const option = parseOptionClause(p);
  return p.finish(m, {
    kind: 'Merge' as const, ...(withClause ? { with: withClause } : {}), ...(top ? { top } : {}), target, using, on, clauses,
    ...(output ? { output } : {}), ...(option ? { option } : {}),
  });
}

export function parseTruncate(p: ParserCore, m: Mark): Truncate {
  p.expectWord('TRUNCATE');
  p.expectWord('TABLE');
  const table = p.objectName();
  const partitions = p.isWord('WITH') ? p.rawStatementTail() : undefined;
  return p.finish(m, { kind: 'Truncate' as const, table, ...(partitions ? { partitions } : {}) });
}

export function parseBulkInsert(p: ParserCore, m: Mark): BulkInsert {
  p.expectWord('BULK');
  p.expectWord('INSERT');
  const table = p.objectName();
  p.expectWord('FROM');
  const file = parseExpression(p);
  const options: { name: string; value?: Expression }[] = [];
  if (p.eatWord('WITH')) {
    p.expectOp('(');
    do {
      const name = p.next().value;
      const value = p.eatOp('=') ? parseExpression(p) : undefined;
      options.push({ name, ...(value ? { value } : {}) });
    } while (p.eatOp(','));
    p.expectOp(')');
  }
  return p.finish(m, { kind: 'BulkInsert' as const, table, file, options });
}
