import type {
  BinaryOp, Case, DataType, Expression, FrameBound, FunctionCall, Identifier, ObjectName, OrderItem, Query, WindowSpec,
} from '../ast/index.js';
import { NILADIC_FUNCTIONS } from '../keywords.js';
import type { Token } from '../tokens.js';
import type { Mark, ParserCore } from './core.js';
import { parseQuery, startsQuery } from './queries.js';

/** Binding power of binary operators (higher binds tighter), after SQL Server's precedence table. */
const BINARY_PREC: Record<string, number> = {
  OR: 1,
  AND: 2,
  '=': 4, '<>': 4, '!=': 4, '<': 4, '>': 4, '<=': 4, '>=': 4, '!<': 4, '!>': 4,
  '+': 5, '-': 5, '&': 5, '^': 5, '|': 5,
  '*': 6, '/': 6, '%': 6,
};
const PREDICATE_PREC = 4;
const NOT_PREC = 3;
const UNARY_PREC = 7;

export function parseExpression(p: ParserCore, minPrec = 0): Expression {
  // Fast path for the commonest expression of all, a lone literal in a VALUES list or argument
  // list (`…, 'x', 42)`): install scripts are mostly that.
  const t = p.peek();
  if ((t.kind === 'string' || t.kind === 'number') && !t.leading) {
    const after = p.peek(1);
    if (after.kind === 'op' && (after.value === ',' || after.value === ')')) {
      p.next();
      const type = t.kind === 'string' ? (t.flag === 'N' ? 'nstring' : 'string') : numberType(t.text);
      return { kind: 'Literal', type, value: t.kind === 'string' ? t.value : t.text, span: p.spanOf(t) };
    }
  }
  p.enter();
  try {
    return parseBinary(p, minPrec);
  } finally {
    p.leave();
  }
}

function parseBinary(p: ParserCore, minPrec: number): Expression {
  const m = p.mark();
  let left = parsePrefix(p, m);
  for (;;) {
    const t = p.peek();
    let op: string | undefined;
    if (t.kind === 'op') op = t.value;
    else if (t.kind === 'word') {
      if (t.value === 'AND' || t.value === 'OR') op = t.value;
      else if (PREDICATE_PREC > minPrec && isPredicateStart(p)) {
        left = parsePredicate(p, m, left);
        continue;
      } else if (t.value === 'COLLATE') {
        p.next();
        const collation = p.next().text;
        left = p.finish(m, { kind: 'Collate' as const, expr: left, collation });
        continue;
      } else if (t.value === 'AT' && p.isWord('TIME', 1) && p.isWord('ZONE', 2)) {
        p.next(); p.next(); p.next();
        const zone = parseExpression(p, UNARY_PREC);
        left = p.finish(m, { kind: 'AtTimeZone' as const, expr: left, zone });
        continue;
      }
    }
    if (op === undefined) break;
    const prec = BINARY_PREC[op];
    if (prec === undefined || prec <= minPrec) break;
    p.next();
    // `x = ANY (subquery)` and friends.
    if (prec === 4 && p.isWordIn(QUANTIFIERS) && p.isOp('(', 1)) {
      const quantifier = p.next().value as 'ALL' | 'ANY' | 'SOME';
      p.expectOp('(');
      const query = parseQuery(p);
      p.expectOp(')');
      left = p.finish(m, { kind: 'Quantified' as const, left, op: op as BinaryOp, quantifier, query });
      continue;
    }
    const right = parseExpression(p, prec);
    left = p.claim(m, { kind: 'Binary' as const, op: op as BinaryOp, left, right, span: p.spanFrom(m) });
  }
  return left;
}

const QUANTIFIERS = new Set(['ALL', 'ANY', 'SOME']);

function isPredicateStart(p: ParserCore): boolean {
  const t = p.peek();
  switch (t.value) {
    case 'IS': case 'IN': case 'LIKE': case 'BETWEEN':
      return true;
    case 'NOT':
      return p.isWordIn(NEGATABLE, 1);
    default:
      return false;
  }
}
const NEGATABLE = new Set(['IN', 'LIKE', 'BETWEEN']);

function parsePredicate(p: ParserCore, m: Mark, expr: Expression): Expression {
  if (p.eatWord('IS')) {
    const not = p.eatWord('NOT');
    p.expectWord('NULL');
    return p.finish(m, { kind: 'IsNull' as const, expr, not });
  }
  const not = p.eatWord('NOT');
  if (p.eatWord('IN')) {
    p.expectOp('(');
    if (startsQuery(p)) {
      const query = parseQuery(p);
      p.expectOp(')');
      return p.finish(m, { kind: 'InSubquery' as const, expr, not, query });
    }
    const list = parseExpressionList(p);
    p.expectOp(')');
    return p.finish(m, { kind: 'InList' as const, expr, not, list });
  }
  if (p.eatWord('LIKE')) {
    const pattern = parseExpression(p, PREDICATE_PREC);
    const escape = p.eatWord('ESCAPE') ? parseExpression(p, PREDICATE_PREC) : undefined;
    return p.finish(m, { kind: 'Like' as const, expr, not, pattern, ...(escape ? { escape } : {}) });
  }
  p.expectWord('BETWEEN');
  const low = parseExpression(p, PREDICATE_PREC);
  p.expectWord('AND');
  const high = parseExpression(p, PREDICATE_PREC);
  return p.finish(m, { kind: 'Between' as const, expr, not, low, high });
}

function parsePrefix(p: ParserCore, m: Mark): Expression {
  const t = p.peek();
  if (t.kind === 'op' && (t.value === '-' || t.value === '+' || t.value === '~')) {
    p.next();
    const operand = parseExpression(p, UNARY_PREC);
    return p.finish(m, { kind: 'Unary' as const, op: t.value as '-' | '+' | '~', operand });
  }
  if (t.kind === 'word' && t.value === 'NOT') {
    p.next();
    const operand = parseExpression(p, NOT_PREC);
    return p.finish(m, { kind: 'Unary' as const, op: 'NOT' as const, operand });
  }
  if (t.kind === 'word' && t.value === 'EXISTS') {
    p.next();
    p.expectOp('(');
    const query = parseQuery(p);
    p.expectOp(')');
    return p.finish(m, { kind: 'Exists' as const, query });
  }
  return parsePostfix(p, m, parsePrimary(p, m));
}

/** `.method(args)` after a value: XML and CLR type methods. */
function parsePostfix(p: ParserCore, m: Mark, expr: Expression): Expression {
  while (p.isOp('.') && p.isIdentifierStart(1, true) && p.isOp('(', 2)) {
    p.next();
    const method = p.identifier(true);
    const args = parseCallArgs(p);
    expr = p.finish(m, { kind: 'MethodCall' as const, target: expr, method, args });
  }
  return expr;
}

function parseCallArgs(p: ParserCore): Expression[] {
  p.expectOp('(');
  const args = p.isOp(')') ? [] : parseExpressionList(p);
  p.expectOp(')');
  return args;
}

export function parseExpressionList(p: ParserCore): Expression[] {
  const list = [parseExpression(p)];
  while (p.eatOp(',')) list.push(parseExpression(p));
  return list;
}

function literal(p: ParserCore, m: Mark, type: 'string' | 'nstring' | 'integer' | 'decimal' | 'float' | 'money' | 'binary' | 'null', value: string): Expression {
  p.next();
  return p.claim(m, { kind: 'Literal' as const, type, value, span: p.spanFrom(m) });
}

function numberType(text: string): 'integer' | 'decimal' | 'float' {
  if (text.includes('e') || text.includes('E')) return 'float';
  return text.includes('.') ? 'decimal' : 'integer';
}

function parsePrimary(p: ParserCore, m: Mark): Expression {
  const t = p.peek();
  switch (t.kind) {
    case 'string':
      return literal(p, m, t.flag === 'N' ? 'nstring' : 'string', t.value);
    case 'number':
      return literal(p, m, numberType(t.text), t.text);
    case 'money':
      return literal(p, m, 'money', t.text);
    case 'binary':
      return literal(p, m, 'binary', t.text);
    case 'variable': {
      p.next();
      return p.finish(m, { kind: 'Variable' as const, name: t.text });
    }
    case 'sqlcmdvar':
      if (!p.isOp('.', 1)) {
        p.next();
        return p.finish(m, { kind: 'SqlcmdVariable' as const, name: t.value });
      }
      return parseNameExpression(p, m);
    case 'qident':
      return parseNameExpression(p, m);
    case 'op':
      if (t.value === '(') return parseParenthesized(p, m);
      if (t.value === '*') {
        p.next();
        return p.finish(m, { kind: 'Star' as const });
      }
      if (t.value === '{') return parseOdbcEscape(p, m);
      if (t.value === '.') return parseNameExpression(p, m);
      break;
    case 'word':
      return parseWordPrimary(p, m, t);
    default:
      break;
  }
  p.fail('an expression');
}

function parseParenthesized(p: ParserCore, m: Mark): Expression {
  p.expectOp('(');
  if (startsQuery(p)) {
    const query = parseQuery(p);
    p.expectOp(')');
    return p.finish(m, { kind: 'ScalarSubquery' as const, query });
  }
  const expr = parseExpression(p);
  p.expectOp(')');
  return p.claim(m, { kind: 'Paren' as const, expr, span: p.spanFrom(m) });
}

function parseOdbcEscape(p: ParserCore, m: Mark): Expression {
  p.expectOp('{');
  const type = p.next().value;
  const expr = parseExpression(p);
  p.expectOp('}');
  return p.finish(m, { kind: 'OdbcEscape' as const, type, expr });
}

function parseWordPrimary(p: ParserCore, m: Mark, t: Token): Expression {
  switch (t.value) {
    case 'NULL':
      return literal(p, m, 'null', 'NULL');
    case 'DEFAULT':
      p.next();
      return p.finish(m, { kind: 'DefaultValue' as const });
    case 'CASE':
      return parseCase(p, m);
    case 'CAST':
    case 'TRY_CAST':
      if (p.isOp('(', 1)) {
        p.next();
        p.expectOp('(');
        const expr = parseExpression(p);
        p.expectWord('AS');
        const type = parseDataType(p);
        p.expectOp(')');
        return p.claim(m, { kind: 'Cast' as const, fn: t.value, expr, type, span: p.spanFrom(m) });
      }
      break;
    case 'CONVERT':
    case 'TRY_CONVERT':
      if (p.isOp('(', 1)) {
        p.next();
        p.expectOp('(');
        const type = parseDataType(p);
        p.expectOp(',');
        const expr = parseExpression(p);
        const style = p.eatOp(',') ? parseExpression(p) : undefined;
        p.expectOp(')');
        return p.finish(m, { kind: 'Convert' as const, fn: t.value, type, expr, ...(style ? { style } : {}) });
      }
      break;
    case 'PARSE':
    case 'TRY_PARSE':
      if (p.isOp('(', 1)) {
        p.next();
        p.expectOp('(');
        const expr = parseExpression(p, PREDICATE_PREC);
        p.expectWord('AS');
        const type = parseDataType(p);
        const culture = p.eatWord('USING') ? parseExpression(p) : undefined;
        p.expectOp(')');
        return p.finish(m, { kind: 'ParseCall' as const, fn: t.value, expr, type, ...(culture ? { culture } : {}) });
      }
      break;
    case 'NEXT':
      if (p.isWord('VALUE', 1) && p.isWord('FOR', 2)) {
        p.next(); p.next(); p.next();
        const sequence = p.objectName();
        let over: OrderItem[] | undefined;
        if (p.eatWord('OVER')) {
          p.expectOp('(');
          p.expectWord('ORDER');
          p.expectWord('BY');
          over = parseOrderList(p);
          p.expectOp(')');
        }
        return p.finish(m, { kind: 'NextValueFor' as const, sequence, ...(over ? { over } : {}) });
      }
      break;
    default:
      break;
  }
  if (NILADIC_FUNCTIONS.has(t.value) && !p.isOp('(', 1) && !p.isOp('.', 1)) {
    p.next();
    const name = p.nameFromIdentifier(p.finish(m, { kind: 'Identifier' as const, name: t.text, quote: 'none' as const }));
    return p.finish(m, { kind: 'FunctionCall' as const, name, args: [], niladic: true });
  }
  return parseNameExpression(p, m);
}

/** Reserved words that are still function names when a `(` follows. */
const RESERVED_FUNCTIONS = new Set(['COALESCE', 'NULLIF', 'LEFT', 'RIGHT', 'IDENTITY', 'UPDATE', 'USER', 'CONTAINS', 'FREETEXT', 'OPENQUERY', 'OPENROWSET', 'OPENDATASOURCE', 'OPENXML']);

/** Names of XML data type methods: `a.b.value(…)` is a method on column a.b, not function a.b.value. */
const XML_METHODS = new Set(['VALUE', 'QUERY', 'EXIST', 'NODES', 'MODIFY']);

function parseNameExpression(p: ParserCore, m: Mark): Expression {
  const first = p.peek();
  const allowReserved = first.kind === 'word' && RESERVED_FUNCTIONS.has(first.value) && p.isOp('(', 1);
  if (first.kind === 'word' && !allowReserved && !p.isIdentifierStart()) p.fail('an expression');
  const name = p.objectName(allowReserved);
  // `t.*`
  if (p.isOp('.') && p.isOp('*', 1)) {
    p.next(); p.next();
    return p.finish(m, { kind: 'Star' as const, qualifier: name });
  }
  // `geography::Point(…)`, `hierarchyid::GetRoot()`
  if (p.isOp('::')) {
    p.next();
    const method = p.identifier(true);
    const args = p.isOp('(') ? parseCallArgs(p) : undefined;
    return p.finish(m, { kind: 'StaticMethodCall' as const, type: name, method, ...(args ? { args } : {}) });
  }
  if (p.isOp('(')) {
    const last = name.parts[name.parts.length - 1];
    if (name.parts.length >= 2 && last && XML_METHODS.has(last.name.toUpperCase())) {
      const targetName = { kind: 'ObjectName' as const, parts: name.parts.slice(0, -1), span: name.span };
      const target = { kind: 'ColumnRef' as const, name: targetName, span: targetName.span };
      const args = parseCallArgs(p);
      return parsePostfix(p, m, p.finish(m, { kind: 'MethodCall' as const, target, method: last, args }));
    }
    return parsePostfix(p, m, parseFunctionCallAfterName(p, m, name));
  }
  return p.claim(m, { kind: 'ColumnRef' as const, name, span: p.spanFrom(m) });
}

/** The inside of `TRIM(…)`: `[LEADING | TRAILING | BOTH] [chars FROM] s`, or plain `s`. */
function parseTrimArgs(p: ParserCore): { args: Expression[]; trim?: { side?: 'LEADING' | 'TRAILING' | 'BOTH' } } {
  const side = (['LEADING', 'TRAILING', 'BOTH'] as const).find((w) => p.isWord(w) && !p.isOp(')', 1) && !p.isOp(',', 1));
  if (side) p.next();
  if (side && p.eatWord('FROM')) return { args: [parseExpression(p)], trim: { side } };
  const first = parseExpression(p);
  if (p.eatWord('FROM')) return { args: [parseExpression(p), first], trim: side ? { side } : {} };
  if (side) return { args: [first], trim: { side } };
  return { args: [first, ...(p.eatOp(',') ? parseExpressionList(p) : [])] };
}

export function parseFunctionCallAfterName(p: ParserCore, m: Mark, name: ObjectName): FunctionCall {
  p.expectOp('(');
  const last = name.parts[name.parts.length - 1];
  if (name.parts.length === 1 && last?.name.toUpperCase() === 'TRIM' && !p.isOp(')')) {
    const { args, trim } = parseTrimArgs(p);
    p.expectOp(')');
    return p.claim(m, { kind: 'FunctionCall' as const, name, args, ...(trim ? { trim } : {}), span: p.spanFrom(m) });
  }
  let quantifier: 'DISTINCT' | 'ALL' | undefined;
  if (p.isWord('DISTINCT') || (p.isWord('ALL') && !p.isOp(')', 1))) quantifier = p.next().value as 'DISTINCT' | 'ALL';
  const args: Expression[] = [];
  // A datepart argument (`DATEADD(day, …)`) parses as a column-like name; the translator knows it.
  if (!p.isOp(')')) args.push(...parseExpressionList(p));
  p.expectOp(')');
  let withinGroup: OrderItem[] | undefined;
  if (p.isWord('WITHIN') && p.isWord('GROUP', 1)) {
    p.next(); p.next();
    p.expectOp('(');
    p.expectWord('ORDER');
    p.expectWord('BY');
    withinGroup = parseOrderList(p);
    p.expectOp(')');
  }
  let nulls: 'IGNORE NULLS' | 'RESPECT NULLS' | undefined;
  if ((p.isWord('IGNORE') || p.isWord('RESPECT')) && p.isWord('NULLS', 1)) {
    nulls = `${p.next().value} NULLS` as 'IGNORE NULLS' | 'RESPECT NULLS';
    p.next();
  }
  const over = p.isWord('OVER') ? parseOver(p) : undefined;
  return p.claim(m, { kind: 'FunctionCall' as const, name, args, quantifier, withinGroup, nulls, over, span: p.spanFrom(m) });
}

export function parseOver(p: ParserCore): WindowSpec {
  const m = p.mark();
  p.expectWord('OVER');
  if (!p.isOp('(')) {
    const name = p.identifier();
    return p.finish(m, { kind: 'WindowSpec' as const, name, partitionBy: [], orderBy: [] });
  }
  p.expectOp('(');
  const spec = parseWindowBody(p, m);
  p.expectOp(')');
  return p.finish(m, spec);
}

export function parseWindowBody(p: ParserCore, m: Mark): WindowSpec {
  let name: Identifier | undefined;
  if (p.isIdentifierStart() && !p.isWord('PARTITION') && !p.isWord('ORDER') && !p.isWord('ROWS') && !p.isWord('RANGE')) name = p.identifier();
  let partitionBy: Expression[] = [];
  if (p.isWord('PARTITION')) {
    p.next();
    p.expectWord('BY');
    partitionBy = parseExpressionList(p);
  }
  let orderBy: OrderItem[] = [];
  if (p.isWord('ORDER')) {
    p.next();
    p.expectWord('BY');
    orderBy = parseOrderList(p);
  }
  let frame: WindowSpec['frame'];
  if (p.isWord('ROWS') || p.isWord('RANGE')) {
    const unit = p.next().value as 'ROWS' | 'RANGE';
    if (p.eatWord('BETWEEN')) {
      const start = parseFrameBound(p);
      p.expectWord('AND');
      const end = parseFrameBound(p);
      frame = { unit, start, end };
    } else {
      frame = { unit, start: parseFrameBound(p) };
    }
  }
  return p.finish(m, { kind: 'WindowSpec' as const, ...(name ? { name } : {}), partitionBy, orderBy, ...(frame ? { frame } : {}) });
}

function parseFrameBound(p: ParserCore): FrameBound {
  if (p.eatWord('UNBOUNDED')) {
    const dir = p.expectOneOf(['PRECEDING', 'FOLLOWING']);
    return { type: `UNBOUNDED ${dir}` as FrameBound['type'] };
  }
  if (p.eatWord('CURRENT')) {
    p.expectWord('ROW');
    return { type: 'CURRENT ROW' };
  }
  const offset = parseExpression(p, UNARY_PREC);
  const dir = p.expectOneOf(['PRECEDING', 'FOLLOWING']) as 'PRECEDING' | 'FOLLOWING';
  return { type: dir, offset };
}

export function parseOrderList(p: ParserCore): OrderItem[] {
  const items: OrderItem[] = [];
  do {
    const m = p.mark();
    const expr = parseExpression(p);
    let direction: 'ASC' | 'DESC' | undefined;
    if (p.isWord('ASC') || p.isWord('DESC')) direction = p.next().value as 'ASC' | 'DESC';
    items.push(p.finish(m, { kind: 'OrderItem' as const, expr, ...(direction ? { direction } : {}) }));
  } while (p.eatOp(','));
  return items;
}

function parseCase(p: ParserCore, m: Mark): Case {
  p.expectWord('CASE');
  const operand = p.isWord('WHEN') ? undefined : parseExpression(p);
  const whens: { when: Expression; then: Expression }[] = [];
  while (p.eatWord('WHEN')) {
    const when = parseExpression(p);
    p.expectWord('THEN');
    whens.push({ when, then: parseExpression(p) });
  }
  if (whens.length === 0) p.fail('WHEN');
  const elseExpr = p.eatWord('ELSE') ? parseExpression(p) : undefined;
  p.expectWord('END');
  return p.finish(m, { kind: 'Case' as const, ...(operand ? { operand } : {}), whens, ...(elseExpr ? { else: elseExpr } : {}) });
}

/** Types whose name is two words. */
const TWO_WORD_TYPES: Record<string, string[]> = { DOUBLE: ['PRECISION'], CHAR: ['VARYING'], CHARACTER: ['VARYING'], NATIONAL: ['CHARACTER', 'CHAR'] };

export function parseDataType(p: ParserCore): DataType {
  const m = p.mark();
  let name: ObjectName;
  const t = p.peek();
  if (t.kind === 'word' && TWO_WORD_TYPES[t.value] && p.isWordIn(new Set(TWO_WORD_TYPES[t.value]), 1)) {
    const words = [p.next().value, p.next().value];
    if (words[0] === 'NATIONAL' && p.isWord('VARYING')) words.push(p.next().value);
    const id = p.finish(m, { kind: 'Identifier' as const, name: words.join(' '), quote: 'none' as const });
    name = p.nameFromIdentifier(id);
  } else {
    name = p.objectName(true);
  }
  const args: (number | 'MAX')[] = [];
  let xmlSchema: DataType['xmlSchema'];
  if (p.isOp('(')) {
    p.next();
    if (p.isWord('CONTENT') || p.isWord('DOCUMENT') || (p.isIdentifierStart() && !p.isWord('MAX'))) {
      const mode = p.isWord('CONTENT') || p.isWord('DOCUMENT') ? (p.next().value as 'CONTENT' | 'DOCUMENT') : undefined;
      xmlSchema = { ...(mode ? { mode } : {}), collection: p.objectName() };
    } else {
      do {
        if (p.eatWord('MAX')) args.push('MAX');
        else {
          const n = p.next();
          if (n.kind !== 'number') p.fail('a number or MAX', n);
          args.push(Number(n.text));
        }
      } while (p.eatOp(','));
    }
    p.expectOp(')');
  }
  if (xmlSchema) return p.claim(m, { kind: 'DataType' as const, name, args, xmlSchema, span: p.spanFrom(m) });
  return p.claim(m, { kind: 'DataType' as const, name, args, span: p.spanFrom(m) });
}

/** Parses a query in parentheses, for EXISTS / IN / subquery positions used by other modules. */
export function parseParenQuery(p: ParserCore): Query {
  p.expectOp('(');
  const q = parseQuery(p);
  p.expectOp(')');
  return q;
}
