import type {
  CommonTableExpression, Expression, ForClause, ForSystemTime, GroupBy, GroupingItem, GroupingSet, Identifier, Query,
  QueryBody, QuerySpec, SchemaColumn, SelectItem, TableHint, TableSample, TableSource, Top, Variable, WithClause,
} from '../ast/index.js';
import type { Mark, ParserCore } from './core.js';
import { parseDataType, parseExpression, parseExpressionList, parseFunctionCallAfterName, parseOrderList, parseWindowBody } from './expressions.js';

/** Does a query start here (possibly behind opening parentheses)? */
export function startsQuery(p: ParserCore): boolean {
  let k = 0;
  while (p.isOp('(', k)) k++;
  return p.isWord('SELECT', k);
}

/** A full query expression: set operations, ORDER BY, OFFSET/FETCH and FOR XML/JSON. */
export function parseQuery(p: ParserCore): Query {
  p.enter();
  try {
    const m = p.mark();
    const body = parseSetOperations(p);
    let orderBy;
    if (p.isWord('ORDER') && p.isWord('BY', 1)) {
      p.next(); p.next();
      orderBy = parseOrderList(p);
    }
    let offset: Expression | undefined;
    let fetch: Expression | undefined;
    if (p.eatWord('OFFSET')) {
      offset = parseExpression(p);
      p.expectOneOf(['ROW', 'ROWS']);
      if (p.eatWord('FETCH')) {
        p.expectOneOf(['FIRST', 'NEXT']);
        fetch = parseExpression(p);
        p.expectOneOf(['ROW', 'ROWS']);
        p.expectWord('ONLY');
      }
    }
    const forClause = p.isWord('FOR') && (p.isWord('XML', 1) || p.isWord('JSON', 1) || p.isWord('BROWSE', 1)) ? parseForClause(p) : undefined;
    return p.claim(m, { kind: 'Query' as const, body, orderBy, offset, fetch, forClause, span: p.spanFrom(m) });
  } finally {
    p.leave();
  }
}

function parseSetOperations(p: ParserCore): QueryBody {
  const m = p.mark();
  let left = parseIntersect(p);
  for (;;) {
    let op: 'UNION' | 'UNION ALL' | 'EXCEPT' | undefined;
    if (p.isWord('UNION')) {
      p.next();
      op = p.eatWord('ALL') ? 'UNION ALL' : 'UNION';
    } else if (p.isWord('EXCEPT')) {
      p.next();
      op = 'EXCEPT';
    }
    if (!op) return left;
    const right = parseIntersect(p);
    left = p.finish(m, { kind: 'SetOperation' as const, op, left, right });
  }
}

/** INTERSECT binds tighter than UNION and EXCEPT. */
function parseIntersect(p: ParserCore): QueryBody {
  const m = p.mark();
  let left = parseQueryPrimary(p);
  while (p.eatWord('INTERSECT')) {
    const right = parseQueryPrimary(p);
    left = p.finish(m, { kind: 'SetOperation' as const, op: 'INTERSECT' as const, left, right });
  }
  return left;
}

function parseQueryPrimary(p: ParserCore): QueryBody {
  const m = p.mark();
  if (p.isOp('(')) {
    p.next();
    const query = parseQuery(p);
    p.expectOp(')');
    return p.finish(m, { kind: 'ParenQuery' as const, query });
  }
  if (p.isWord('VALUES')) {
    p.next();
    return p.finish(m, { kind: 'ValuesQuery' as const, rows: parseValuesRows(p) });
  }
  return parseQuerySpec(p, m);
}

export function parseValuesRows(p: ParserCore): Expression[][] {
  const rows: Expression[][] = [];
  do {
    p.expectOp('(');
    rows.push(parseExpressionList(p));
    p.expectOp(')');
  } while (p.eatOp(','));
  return rows;
}

export function parseTop(p: ParserCore): Top {
  const m = p.mark();
  p.expectWord('TOP');
  let expr: Expression;
  const parens = p.isOp('(');
  if (parens) {
    p.next();
    expr = parseExpression(p);
    p.expectOp(')');
  } else {
    // Legacy `TOP 10`: a literal or variable only.
    const pm = p.mark();
    const t = p.next();
    if (t.kind === 'number') expr = p.finish(pm, { kind: 'Literal' as const, type: 'integer' as const, value: t.text });
    else if (t.kind === 'variable') expr = p.finish(pm, { kind: 'Variable' as const, name: t.text });
    else p.fail('a number or (expression) after TOP', t);
  }
  const percent = p.eatWord('PERCENT');
  const withTies = p.isWord('WITH') && p.isWord('TIES', 1);
  if (withTies) {
    p.next();
    p.next();
  }
  return p.finish(m, { kind: 'Top' as const, expr, percent, withTies, parens });
}

function parseQuerySpec(p: ParserCore, m: Mark): QuerySpec {
  p.expectWord('SELECT');
  let quantifier: 'DISTINCT' | 'ALL' | undefined;
  if (p.isWord('DISTINCT') || p.isWord('ALL')) quantifier = p.next().value as 'DISTINCT' | 'ALL';
  const top = p.isWord('TOP') ? parseTop(p) : undefined;
  const columns: SelectItem[] = [];
  do columns.push(parseSelectItem(p));
  while (p.eatOp(','));
  const into = p.eatWord('INTO') ? p.objectName() : undefined;
  const from = p.eatWord('FROM') ? parseFromList(p) : undefined;
  const where = p.eatWord('WHERE') ? parseExpression(p) : undefined;
  let groupBy: GroupBy | undefined;
  if (p.isWord('GROUP') && p.isWord('BY', 1)) groupBy = parseGroupBy(p);
  const having = p.eatWord('HAVING') ? parseExpression(p) : undefined;
  let window: { name: Identifier; spec: ReturnType<typeof parseWindowBody> }[] | undefined;
  if (p.isWord('WINDOW') && p.isIdentifierStart(1) && p.isWord('AS', 2)) {
    p.next();
    window = [];
    do {
      const name = p.identifier();
      p.expectWord('AS');
      const wm = p.mark();
      p.expectOp('(');
      const spec = parseWindowBody(p, wm);
      p.expectOp(')');
      window.push({ name, spec });
    } while (p.eatOp(','));
  }
  return p.claim(m, { kind: 'QuerySpec' as const, quantifier, top, columns, into, from, where, groupBy, having, window, span: p.spanFrom(m) });
}

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=']);

export function parseSelectItem(p: ParserCore): SelectItem {
  const m = p.mark();
  const t = p.peek();
  // SELECT @v = expr
  if (t.kind === 'variable' && p.peek(1).kind === 'op' && ASSIGN_OPS.has(p.peek(1).value)) {
    p.next();
    const variable: Variable = { kind: 'Variable', name: t.text, span: p.spanOf(t) };
    const op = p.next().value;
    const expr = parseExpression(p);
    return p.finish(m, { kind: 'SelectAssign' as const, variable, op, expr });
  }
  // SELECT alias = expr
  if ((t.kind === 'qident' || t.kind === 'string' || (t.kind === 'word' && p.isIdentifierStart())) && p.isOp('=', 1)) {
    const alias = t.kind === 'string' ? p.identifierFromString() : p.identifier();
    p.next();
    const expr = parseExpression(p);
    return p.finish(m, { kind: 'SelectColumn' as const, expr, alias, aliasStyle: 'equals' as const });
  }
  const expr = parseExpression(p);
  if (p.eatWord('AS')) {
    const alias = p.peek().kind === 'string' ? p.identifierFromString() : p.identifier(true);
    return p.finish(m, { kind: 'SelectColumn' as const, expr, alias, aliasStyle: p.prevTok?.kind === 'string' ? ('string' as const) : ('as' as const) });
  }
  if (p.peek().kind === 'string') {
    const alias = p.identifierFromString();
    return p.finish(m, { kind: 'SelectColumn' as const, expr, alias, aliasStyle: 'string' as const });
  }
  if (p.isBareAlias()) {
    const alias = p.identifier();
    return p.finish(m, { kind: 'SelectColumn' as const, expr, alias, aliasStyle: 'bare' as const });
  }
  return p.claim(m, { kind: 'SelectColumn' as const, expr, alias: undefined, aliasStyle: undefined, span: p.spanFrom(m) });
}

function parseGroupBy(p: ParserCore): GroupBy {
  const m = p.mark();
  p.next(); p.next();
  const all = p.eatWord('ALL');
  const items = parseGroupingItems(p);
  let withMode: 'ROLLUP' | 'CUBE' | undefined;
  if (p.isWord('WITH') && (p.isWord('ROLLUP', 1) || p.isWord('CUBE', 1))) {
    p.next();
    withMode = p.next().value as 'ROLLUP' | 'CUBE';
  }
  return p.finish(m, { kind: 'GroupBy' as const, all, items, ...(withMode ? { with: withMode } : {}) });
}

function parseGroupingItems(p: ParserCore): GroupingItem[] {
  const items: GroupingItem[] = [];
  do items.push(parseGroupingItem(p));
  while (p.eatOp(','));
  return items;
}

function parseGroupingItem(p: ParserCore): GroupingItem {
  const m = p.mark();
  if ((p.isWord('ROLLUP') || p.isWord('CUBE')) && p.isOp('(', 1)) {
    const type = p.next().value as 'ROLLUP' | 'CUBE';
    p.expectOp('(');
    const items = parseGroupingItems(p);
    p.expectOp(')');
    return p.finish(m, { kind: 'GroupingSet' as const, type, items });
  }
  if (p.isWord('GROUPING') && p.isWord('SETS', 1)) {
    p.next(); p.next();
    p.expectOp('(');
    const items = parseGroupingItems(p);
    p.expectOp(')');
    return p.finish(m, { kind: 'GroupingSet' as const, type: 'GROUPING SETS' as const, items });
  }
  // `()` grand total, or `(a, b)` a composite element inside GROUPING SETS/ROLLUP.
  if (p.isOp('(') && (p.isOp(')', 1) || looksLikeList(p))) {
    p.next();
    const items = p.isOp(')') ? [] : parseGroupingItems(p);
    p.expectOp(')');
    return p.finish(m, { kind: 'GroupingSet' as const, type: 'LIST' as const, items }) as GroupingSet;
  }
  return parseExpression(p);
}

/** `(a, b)` at the top level of a parenthesis: a grouping list rather than an expression. */
function looksLikeList(p: ParserCore): boolean {
  let depth = 0;
  for (let k = 0; k < 10_000; k++) {
    const t = p.peek(k);
    if (t.kind === 'eof' || t.kind === 'go') return false;
    if (t.kind !== 'op') continue;
    if (t.value === '(') depth++;
    else if (t.value === ')') {
      depth--;
      if (depth === 0) return false;
    } else if (t.value === ',' && depth === 1) return true;
  }
  return false;
}

function parseForClause(p: ParserCore): ForClause {
  const m = p.mark();
  p.expectWord('FOR');
  const type = p.next().value as 'XML' | 'JSON' | 'BROWSE';
  if (type === 'BROWSE') return p.finish(m, { kind: 'ForClause' as const, type, options: [] });
  const mode = p.next().value;
  let modeArg: Expression | undefined;
  if (p.isOp('(')) {
    p.next();
    modeArg = parseExpression(p);
    p.expectOp(')');
  }
  const options: { name: string; arg?: Expression }[] = [];
  while (p.eatOp(',')) {
    let name = p.next().value;
    // Two-word options: ELEMENTS XSINIL|ABSENT, BINARY BASE64, INCLUDE_NULL_VALUES …
    if ((name === 'ELEMENTS' && (p.isWord('XSINIL') || p.isWord('ABSENT'))) || (name === 'BINARY' && p.isWord('BASE64'))) name += ' ' + p.next().value;
    let arg: Expression | undefined;
    if (p.isOp('(')) {
      p.next();
      if (!p.isOp(')')) arg = parseExpression(p);
      p.expectOp(')');
    }
    options.push({ name, ...(arg ? { arg } : {}) });
  }
  return p.finish(m, { kind: 'ForClause' as const, type, mode, ...(modeArg ? { modeArg } : {}), options });
}

// ---- WITH (common table expressions, XMLNAMESPACES) ----

export function parseWithClause(p: ParserCore): WithClause {
  const m = p.mark();
  p.expectWord('WITH');
  let xmlNamespaces: { uri: Expression; prefix?: Identifier; isDefault: boolean }[] | undefined;
  if (p.isWord('XMLNAMESPACES')) {
    p.next();
    p.expectOp('(');
    xmlNamespaces = [];
    do {
      if (p.eatWord('DEFAULT')) xmlNamespaces.push({ uri: parseExpression(p), isDefault: true });
      else {
        const uri = parseExpression(p, 4);
        p.expectWord('AS');
        xmlNamespaces.push({ uri, prefix: p.identifier(), isDefault: false });
      }
    } while (p.eatOp(','));
    p.expectOp(')');
    if (!p.eatOp(',')) return p.finish(m, { kind: 'WithClause' as const, xmlNamespaces, ctes: [] });
  }
  const ctes: CommonTableExpression[] = [];
  do {
    const cm = p.mark();
    const name = p.identifier();
    let columns: Identifier[] | undefined;
    if (p.isOp('(')) columns = parseIdentifierList(p);
    p.expectWord('AS');
    p.expectOp('(');
    const query = parseQuery(p);
    p.expectOp(')');
    ctes.push(p.finish(cm, { kind: 'CommonTableExpression' as const, name, ...(columns ? { columns } : {}), query }));
  } while (p.eatOp(','));
  return p.finish(m, { kind: 'WithClause' as const, ...(xmlNamespaces ? { xmlNamespaces } : {}), ctes });
}

/** `(a, b, c)` */
export function parseIdentifierList(p: ParserCore, allowReserved = false): Identifier[] {
  p.expectOp('(');
  const ids: Identifier[] = [];
  do ids.push(p.identifier(allowReserved));
  while (p.eatOp(','));
  p.expectOp(')');
  return ids;
}

// ---- FROM ----

export function parseFromList(p: ParserCore): TableSource[] {
  const list: TableSource[] = [];
  do list.push(parseJoinedTable(p));
  while (p.eatOp(','));
  return list;
}

const JOIN_HINTS = new Set(['LOOP', 'HASH', 'MERGE', 'REMOTE']);

export function parseJoinedTable(p: ParserCore): TableSource {
  p.enter();
  try {
    const m = p.mark();
    let left = parseTableFactor(p);
    for (;;) {
      let type: 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS' | 'CROSS APPLY' | 'OUTER APPLY' | undefined;
      if (p.isWord('CROSS') && p.isWord('APPLY', 1)) {
        p.next(); p.next();
        type = 'CROSS APPLY';
      } else if (p.isWord('OUTER') && p.isWord('APPLY', 1)) {
        p.next(); p.next();
        type = 'OUTER APPLY';
      } else if (p.isWord('CROSS') && p.isWord('JOIN', 1)) {
        p.next(); p.next();
        type = 'CROSS';
      } else if (p.isWord('JOIN') || p.isWord('INNER') || p.isWord('LEFT') || p.isWord('RIGHT') || p.isWord('FULL')) {
        type = p.isWord('JOIN') ? 'INNER' : (p.next().value as 'INNER' | 'LEFT' | 'RIGHT' | 'FULL');
        p.eatWord('OUTER');
      } else break;
      let hint: 'LOOP' | 'HASH' | 'MERGE' | 'REMOTE' | undefined;
      if (type !== 'CROSS APPLY' && type !== 'OUTER APPLY' && type !== 'CROSS') {
        if (p.isWordIn(JOIN_HINTS)) hint = p.next().value as 'LOOP' | 'HASH' | 'MERGE' | 'REMOTE';
        p.expectWord('JOIN');
      }
      const right = type === 'CROSS APPLY' || type === 'OUTER APPLY' || type === 'CROSS' ? parseTableFactor(p) : parseJoinedTable(p);
      let on: Expression | undefined;
      if (type !== 'CROSS' && type !== 'CROSS APPLY' && type !== 'OUTER APPLY') {
        p.expectWord('ON');
        on = parseExpression(p);
      }
      left = p.finish(m, { kind: 'Join' as const, type, ...(hint ? { hint } : {}), left, right, ...(on ? { on } : {}) });
    }
    return left;
  } finally {
    p.leave();
  }
}

function parseAlias(p: ParserCore): Identifier | undefined {
  if (p.eatWord('AS')) return p.peek().kind === 'string' ? p.identifierFromString() : p.identifier();
  if (p.isBareAlias()) return p.identifier();
  return undefined;
}

function parseTableFactor(p: ParserCore): TableSource {
  const m = p.mark();
  const source = parseTableFactorCore(p, m);
  return parsePivots(p, m, source);
}

function parsePivots(p: ParserCore, m: Mark, source: TableSource): TableSource {
  for (;;) {
    if (p.isWord('PIVOT')) {
      p.next();
      p.expectOp('(');
      const aggregate = parseExpression(p);
      if (aggregate.kind !== 'FunctionCall') p.fail('an aggregate function');
      p.expectWord('FOR');
      const column = parseExpression(p, 4);
      p.expectWord('IN');
      const values = parseIdentifierList(p, true);
      p.expectOp(')');
      p.eatWord('AS');
      const alias = p.identifier();
      source = p.finish(m, { kind: 'Pivot' as const, source, aggregate, column, values, alias });
    } else if (p.isWord('UNPIVOT')) {
      p.next();
      p.expectOp('(');
      const valueColumn = p.identifier();
      p.expectWord('FOR');
      const nameColumn = p.identifier();
      p.expectWord('IN');
      const columns = parseIdentifierList(p, true);
      p.expectOp(')');
      p.eatWord('AS');
      const alias = p.identifier();
      source = p.finish(m, { kind: 'Unpivot' as const, source, valueColumn, nameColumn, columns, alias });
    } else return source;
  }
}

function parseColumnAliases(p: ParserCore): Identifier[] | undefined {
  return p.isOp('(') ? parseIdentifierList(p, true) : undefined;
}

function parseTableFactorCore(p: ParserCore, m: Mark): TableSource {
  const t = p.peek();
  if (t.kind === 'op' && t.value === '(') {
    if (startsQuery(p) || p.isWord('VALUES', 1)) {
      p.next();
      const query = parseQuery(p);
      p.expectOp(')');
      const alias = parseAlias(p);
      const columns = parseColumnAliases(p);
      return p.finish(m, { kind: 'DerivedTable' as const, query, ...(alias ? { alias } : {}), ...(columns ? { columns } : {}) });
    }
    p.next();
    const source = parseJoinedTable(p);
    p.expectOp(')');
    const alias = parseAlias(p);
    return p.finish(m, { kind: 'ParenTableSource' as const, source, ...(alias ? { alias } : {}) });
  }
  if (t.kind === 'variable') {
    p.next();
    const variable: Variable = { kind: 'Variable', name: t.text, span: p.spanOf(t) };
    if (p.isOp('.') && p.isOp('(', 2)) {
      // `@xml.nodes('/root/row') AS T(c)`
      p.next();
      const method = p.identifier(true);
      p.expectOp('(');
      const args = p.isOp(')') ? [] : parseExpressionList(p);
      p.expectOp(')');
      const call = p.finish(m, { kind: 'MethodCall' as const, target: variable, method, args });
      const alias = parseAlias(p);
      const columns = parseColumnAliases(p);
      return p.finish(m, { kind: 'TableFunction' as const, call, ...(alias ? { alias } : {}), ...(columns ? { columns } : {}) });
    }
    const alias = parseAlias(p);
    return p.finish(m, { kind: 'VariableTable' as const, variable, ...(alias ? { alias } : {}) });
  }
  if (t.kind === 'word') {
    switch (t.value) {
      case 'OPENJSON':
        if (p.isOp('(', 1)) return parseOpenJson(p, m);
        break;
      case 'OPENXML':
        return parseOpenXml(p, m);
      case 'OPENROWSET':
      case 'OPENQUERY':
      case 'OPENDATASOURCE': {
        p.next();
        const args = p.rawParens();
        const member = t.value === 'OPENDATASOURCE' && p.isOp('.') ? (p.next(), p.objectName(true)) : undefined;
        const alias = parseAlias(p);
        const columns = parseColumnAliases(p);
        return p.finish(m, { kind: 'OpenRowset' as const, fn: t.value, args, ...(member ? { member } : {}), ...(alias ? { alias } : {}), ...(columns ? { columns } : {}) });
      }
      default:
        break;
    }
  }
  // Full-text rowset functions are reserved words but name table-valued functions.
  const reservedFunction = p.isWordIn(FULLTEXT_TABLE_FUNCTIONS) && p.isOp('(', 1);
  const name = p.objectName(reservedFunction);
  if (p.isOp('(') && !isLegacyHintList(p)) {
    const call = parseFunctionCallAfterName(p, m, name);
    const alias = parseAlias(p);
    const columns = parseColumnAliases(p);
    return p.finish(m, { kind: 'TableFunction' as const, call, ...(alias ? { alias } : {}), ...(columns ? { columns } : {}) });
  }
  const forSystemTime = p.isWord('FOR') && p.isWord('SYSTEM_TIME', 1) ? parseForSystemTime(p) : undefined;
  const alias = parseAlias(p);
  const tableSample = p.isWord('TABLESAMPLE') ? parseTableSample(p) : undefined;
  let hints: TableHint[] | undefined;
  let legacyHints = false;
  if (p.isWord('WITH') && p.isOp('(', 1)) {
    p.next();
    hints = parseTableHints(p);
  } else if (p.isOp('(') && isLegacyHintList(p)) {
    hints = parseTableHints(p);
    legacyHints = true;
  }
  return p.claim(m, { kind: 'TableRef' as const, name, forSystemTime, alias, tableSample, hints, legacyHints: legacyHints || undefined, span: p.spanFrom(m) });
}

const FULLTEXT_TABLE_FUNCTIONS = new Set(['CONTAINSTABLE', 'FREETEXTTABLE', 'SEMANTICKEYPHRASETABLE', 'SEMANTICSIMILARITYTABLE', 'SEMANTICSIMILARITYDETAILSTABLE']);

/** Table hints that may be written without WITH: `FROM t (NOLOCK)`. */
const LEGACY_HINTS = new Set(['NOLOCK', 'READUNCOMMITTED', 'READCOMMITTED', 'REPEATABLEREAD', 'SERIALIZABLE', 'HOLDLOCK', 'UPDLOCK', 'ROWLOCK', 'PAGLOCK', 'TABLOCK', 'TABLOCKX', 'XLOCK', 'NOWAIT', 'READPAST', 'INDEX', 'FASTFIRSTROW', 'NOEXPAND', 'FORCESEEK', 'FORCESCAN', 'KEEPIDENTITY', 'KEEPDEFAULTS', 'IGNORE_CONSTRAINTS', 'IGNORE_TRIGGERS', 'SNAPSHOT', 'READCOMMITTEDLOCK']);

function isLegacyHintList(p: ParserCore): boolean {
  return p.isOp('(') && p.isWordIn(LEGACY_HINTS, 1) && (p.isOp(')', 2) || p.isOp(',', 2) || p.isOp('(', 2) || p.isOp('=', 2));
}

export function parseTableHints(p: ParserCore): TableHint[] {
  const hints: TableHint[] = [];
  p.expectOp('(');
  do {
    const m = p.mark();
    let name = p.next().value;
    if (name === 'NOEXPAND' && p.isWord('INDEX')) name += ' ' + p.next().value;
    const args: Expression[] = [];
    if (p.isOp('=')) {
      p.next();
      args.push(parseExpression(p));
    } else if (p.isOp('(')) {
      p.next();
      if (!p.isOp(')')) args.push(...parseExpressionList(p));
      p.expectOp(')');
    }
    hints.push(p.finish(m, { kind: 'TableHint' as const, name, args }));
  } while (p.eatOp(',') || (!p.isOp(')') && p.peek().kind === 'word'));
  p.expectOp(')');
  return hints;
}

function parseOpenJson(p: ParserCore, m: Mark): TableSource {
  p.next();
  p.expectOp('(');
  const expr = parseExpression(p);
  const path = p.eatOp(',') ? parseExpression(p) : undefined;
  p.expectOp(')');
  let withCols: SchemaColumn[] | undefined;
  if (p.isWord('WITH') && p.isOp('(', 1)) {
    p.next();
    withCols = parseSchemaColumns(p, true);
  }
  const alias = parseAlias(p);
  return p.finish(m, { kind: 'OpenJson' as const, expr, ...(path ? { path } : {}), ...(withCols ? { with: withCols } : {}), ...(alias ? { alias } : {}) });
}

function parseSchemaColumns(p: ParserCore, json: boolean): SchemaColumn[] {
  p.expectOp('(');
  const cols: SchemaColumn[] = [];
  do {
    const name = p.identifier(true);
    const type = parseDataType(p);
    const path = p.peek().kind === 'string' ? parseExpression(p, 99) : undefined;
    const asJson = json && p.isWord('AS') && p.isWord('JSON', 1);
    if (asJson) {
      p.next();
      p.next();
    }
    cols.push({ name, type, ...(path ? { path } : {}), ...(asJson ? { asJson } : {}) });
  } while (p.eatOp(','));
  p.expectOp(')');
  return cols;
}

function parseOpenXml(p: ParserCore, m: Mark): TableSource {
  p.next();
  p.expectOp('(');
  const args = parseExpressionList(p);
  p.expectOp(')');
  let withClause: SchemaColumn[] | ReturnType<ParserCore['objectName']> | undefined;
  if (p.isWord('WITH')) {
    p.next();
    if (p.isOp('(')) withClause = parseSchemaColumns(p, false);
    else withClause = p.objectName();
  }
  const alias = parseAlias(p);
  return p.finish(m, { kind: 'OpenXml' as const, args, ...(withClause ? { with: withClause } : {}), ...(alias ? { alias } : {}) });
}

export function parseForSystemTime(p: ParserCore): ForSystemTime {
  const m = p.mark();
  p.expectWord('FOR');
  p.expectWord('SYSTEM_TIME');
  let type: ForSystemTime['type'];
  const args: Expression[] = [];
  if (p.eatWords('AS', 'OF')) {
    type = 'AS OF';
    args.push(parseExpression(p, 4));
  } else if (p.eatWord('FROM')) {
    type = 'FROM';
    args.push(parseExpression(p, 4));
    p.expectWord('TO');
    args.push(parseExpression(p, 4));
  } else if (p.eatWord('BETWEEN')) {
    type = 'BETWEEN';
    args.push(parseExpression(p, 4));
    p.expectWord('AND');
    args.push(parseExpression(p, 4));
  } else if (p.eatWords('CONTAINED', 'IN')) {
    type = 'CONTAINED IN';
    p.expectOp('(');
    args.push(...parseExpressionList(p));
    p.expectOp(')');
  } else {
    p.expectWord('ALL');
    type = 'ALL';
  }
  return p.finish(m, { kind: 'ForSystemTime' as const, type, args });
}

export function parseTableSample(p: ParserCore): TableSample {
  const m = p.mark();
  p.expectWord('TABLESAMPLE');
  const system = p.eatWord('SYSTEM');
  p.expectOp('(');
  const size = parseExpression(p);
  const unit = p.isWord('ROWS') ? (p.next(), 'ROWS' as const) : (p.eatWord('PERCENT'), 'PERCENT' as const);
  p.expectOp(')');
  let repeatable: Expression | undefined;
  if (p.eatWord('REPEATABLE')) {
    p.expectOp('(');
    repeatable = parseExpression(p);
    p.expectOp(')');
  }
  return p.finish(m, { kind: 'TableSample' as const, system, size, unit, ...(repeatable ? { repeatable } : {}) });
}
