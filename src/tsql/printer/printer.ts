import type * as A from '../ast/index.js';

/**
 * Writes a tree back as T-SQL. Every node kind has an entry in one of the tables below, typed as
 * mapped types over the unions, so adding a node kind breaks the build until it can be printed.
 * The output re-parses to the same tree (spans aside): the round-trip tests rely on that.
 */
type Printers<U extends { kind: string }> = { [K in U['kind']]: (n: Extract<U, { kind: K }>) => string };

const INDENT = '    ';

/**
 * Indents every line break of printed code by one level, except inside string literals,
 * quoted identifiers and comments, whose text must not change.
 */
function indent(text: string): string {
  if (!text.includes('\n')) return text;
  let out = '';
  let from = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      out += text.slice(from, i + 1) + INDENT;
      from = ++i;
    } else if (c === "'" || c === '[' || c === '"') {
      const close = c === '[' ? ']' : c;
      i++;
      for (;;) {
        const q = text.indexOf(close, i);
        if (q < 0) {
          i = n;
          break;
        }
        if (text[q + 1] === close) i = q + 2;
        else {
          i = q + 1;
          break;
        }
      }
    } else if (c === '-' && text[i + 1] === '-') {
      const e = text.indexOf('\n', i);
      i = e < 0 ? n : e;
    } else if (c === '/' && text[i + 1] === '*') {
      let depth = 0;
      while (i < n) {
        if (text[i] === '/' && text[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (text[i] === '*' && text[i + 1] === '/') {
          depth--;
          i += 2;
          if (depth === 0) break;
        } else i++;
      }
    } else i++;
  }
  return out + text.slice(from);
}

function comments(n: { comments?: readonly A.Comment[] | undefined }): string {
  if (!n.comments) return '';
  return n.comments.map((c) => (c.block ? c.text + ' ' : c.text + '\n')).join('');
}

function trailing(n: { trailing?: readonly A.Comment[] | undefined }): string {
  if (!n.trailing) return '';
  return n.trailing.map((c) => (c.block ? ' ' + c.text : '\n' + c.text + '\n')).join('');
}

export function ident(id: A.Identifier): string {
  let s: string;
  switch (id.quote) {
    case 'bracket':
      s = `[${id.name.replace(/]/g, ']]')}]`;
      break;
    case 'double':
      s = `"${id.name.replace(/"/g, '""')}"`;
      break;
    case 'sqlcmd':
      s = `$(${id.name})`;
      break;
    default:
      s = id.name;
  }
  return comments(id) + s;
}

export function objectName(n: A.ObjectName): string {
  return comments(n) + n.parts.map((p) => (p ? ident(p) : '')).join('.');
}

function str(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function list<T>(items: readonly T[], f: (x: T) => string, sep = ', '): string {
  return items.map(f).join(sep);
}

function raw(r: A.RawTokens): string {
  // Tokens were split on their own boundaries; a space between each re-lexes identically.
  return comments(r) + r.tokens.join(' ');
}

export function dataType(t: A.DataType): string {
  let s = objectName(t.name);
  if (t.xmlSchema) s += `(${t.xmlSchema.mode ? t.xmlSchema.mode + ' ' : ''}${objectName(t.xmlSchema.collection)})`;
  else if (t.args.length) s += `(${t.args.join(', ')})`;
  return comments(t) + s;
}

// ---- expressions ----

const EXPRESSIONS: Printers<A.Expression> = {
  Literal: (n) => {
    switch (n.type) {
      case 'string':
        return str(n.value);
      case 'nstring':
        return 'N' + str(n.value);
      default:
        return n.value;
    }
  },
  ColumnRef: (n) => objectName(n.name),
  Star: (n) => (n.qualifier ? objectName(n.qualifier) + '.*' : '*'),
  Variable: (n) => n.name,
  SqlcmdVariable: (n) => `$(${n.name})`,
  Unary: (n) => (n.op === 'NOT' ? `NOT ${expr(n.operand)}` : `${n.op}${n.op === '-' && startsWithMinus(n.operand) ? ' ' : ''}${expr(n.operand)}`),
  Binary: (n) => {
    // Walk the left spine iteratively: `a + b + … + z` with 100,000 terms must not overflow the stack.
    const rights: string[] = [];
    let left: A.Expression = n;
    while (left.kind === 'Binary' && (left === n || !left.comments)) {
      rights.push(` ${left.op} ${expr(left.right)}`);
      left = left.left;
    }
    return expr(left) + rights.reverse().join('');
  },
  Between: (n) => `${expr(n.expr)}${n.not ? ' NOT' : ''} BETWEEN ${expr(n.low)} AND ${expr(n.high)}`,
  InList: (n) => `${expr(n.expr)}${n.not ? ' NOT' : ''} IN (${list(n.list, expr)})`,
  InSubquery: (n) => `${expr(n.expr)}${n.not ? ' NOT' : ''} IN (${indentQuery(n.query)})`,
  Like: (n) => `${expr(n.expr)}${n.not ? ' NOT' : ''} LIKE ${expr(n.pattern)}${n.escape ? ' ESCAPE ' + expr(n.escape) : ''}`,
  IsNull: (n) => `${expr(n.expr)} IS ${n.not ? 'NOT ' : ''}NULL`,
  Exists: (n) => `EXISTS (${indentQuery(n.query)})`,
  Quantified: (n) => `${expr(n.left)} ${n.op} ${n.quantifier} (${indentQuery(n.query)})`,
  Case: (n) =>
    `CASE${n.operand ? ' ' + expr(n.operand) : ''}${n.whens.map((w) => ` WHEN ${expr(w.when)} THEN ${expr(w.then)}`).join('')}${n.else ? ' ELSE ' + expr(n.else) : ''} END`,
  FunctionCall: (n) => {
    if (n.niladic) return objectName(n.name);
    if (n.trim) {
      const [s, chars] = n.args;
      return `${objectName(n.name)}(${n.trim.side ? n.trim.side + ' ' : ''}${chars ? expr(chars) + ' ' : ''}${n.trim.side || chars ? 'FROM ' : ''}${expr(s!)})`;
    }
    let s = `${objectName(n.name)}(${n.quantifier ? n.quantifier + ' ' : ''}${list(n.args, expr)})`;
    if (n.withinGroup) s += ` WITHIN GROUP (ORDER BY ${list(n.withinGroup, orderItem)})`;
    if (n.nulls) s += ' ' + n.nulls;
    if (n.over) s += ' ' + windowSpec(n.over);
    return s;
  },
  Cast: (n) => `${n.fn}(${expr(n.expr)} AS ${dataType(n.type)})`,
  Convert: (n) => `${n.fn}(${dataType(n.type)}, ${expr(n.expr)}${n.style ? ', ' + expr(n.style) : ''})`,
  ParseCall: (n) => `${n.fn}(${expr(n.expr)} AS ${dataType(n.type)}${n.culture ? ' USING ' + expr(n.culture) : ''})`,
  ScalarSubquery: (n) => `(${indentQuery(n.query)})`,
  Paren: (n) => `(${expr(n.expr)})`,
  Collate: (n) => `${expr(n.expr)} COLLATE ${n.collation}`,
  AtTimeZone: (n) => `${expr(n.expr)} AT TIME ZONE ${expr(n.zone)}`,
  MethodCall: (n) => `${expr(n.target)}.${ident(n.method)}(${list(n.args, expr)})`,
  StaticMethodCall: (n) => `${objectName(n.type)}::${ident(n.method)}${n.args ? `(${list(n.args, expr)})` : ''}`,
  NextValueFor: (n) => `NEXT VALUE FOR ${objectName(n.sequence)}${n.over ? ` OVER (ORDER BY ${list(n.over, orderItem)})` : ''}`,
  OdbcEscape: (n) => `{${n.type} ${expr(n.expr)}}`,
  DefaultValue: () => 'DEFAULT',
};

function startsWithMinus(e: A.Expression): boolean {
  return (e.kind === 'Unary' && e.op === '-') || (e.kind === 'Literal' && e.value.startsWith('-'));
}

export function expr(e: A.Expression): string {
  return comments(e) + (EXPRESSIONS[e.kind] as (n: A.Expression) => string)(e);
}

function orderItem(o: A.OrderItem): string {
  return comments(o) + expr(o.expr) + (o.direction ? ' ' + o.direction : '');
}

function frameBound(b: A.FrameBound): string {
  return b.offset ? `${expr(b.offset)} ${b.type}` : b.type;
}

function windowBody(w: A.WindowSpec): string {
  const parts: string[] = [];
  if (w.name) parts.push(ident(w.name));
  if (w.partitionBy.length) parts.push('PARTITION BY ' + list(w.partitionBy, expr));
  if (w.orderBy.length) parts.push('ORDER BY ' + list(w.orderBy, orderItem));
  if (w.frame) parts.push(`${w.frame.unit} ${w.frame.end ? `BETWEEN ${frameBound(w.frame.start)} AND ${frameBound(w.frame.end)}` : frameBound(w.frame.start)}`);
  return parts.join(' ');
}

function windowSpec(w: A.WindowSpec): string {
  // `OVER w` (a bare window name) has no parentheses; anything else does.
  if (w.name && !w.partitionBy.length && !w.orderBy.length && !w.frame) return comments(w) + 'OVER ' + ident(w.name);
  return comments(w) + `OVER (${windowBody(w)})`;
}

// ---- queries ----

function indentQuery(q: A.Query): string {
  return indent('\n' + query(q)) + '\n';
}

export function query(q: A.Query): string {
  let s = comments(q) + queryBody(q.body);
  if (q.orderBy) s += '\nORDER BY ' + list(q.orderBy, orderItem);
  if (q.offset) s += `\nOFFSET ${expr(q.offset)} ROWS`;
  if (q.fetch) s += ` FETCH NEXT ${expr(q.fetch)} ROWS ONLY`;
  if (q.forClause) s += '\n' + forClause(q.forClause);
  return s;
}

function forClause(f: A.ForClause): string {
  if (f.type === 'BROWSE') return comments(f) + 'FOR BROWSE';
  let s = `FOR ${f.type} ${f.mode}`;
  if (f.modeArg) s += `(${expr(f.modeArg)})`;
  for (const o of f.options) s += `, ${o.name}${o.arg ? `(${expr(o.arg)})` : ''}`;
  return comments(f) + s;
}

const QUERY_BODIES: Printers<A.QueryBody> = {
  QuerySpec: (n) => querySpec(n),
  SetOperation: (n) => `${queryBody(n.left)}\n${n.op}\n${queryBody(n.right)}`,
  ParenQuery: (n) => `(${indentQuery(n.query)})`,
  ValuesQuery: (n) => `VALUES ${n.rows.map((r) => `(${list(r, expr)})`).join(', ')}`,
};

function queryBody(b: A.QueryBody): string {
  return comments(b) + (QUERY_BODIES[b.kind] as (n: A.QueryBody) => string)(b);
}

export function top(t: A.Top): string {
  return comments(t) + `TOP ${t.parens ? `(${expr(t.expr)})` : expr(t.expr)}${t.percent ? ' PERCENT' : ''}${t.withTies ? ' WITH TIES' : ''}`;
}

function selectItem(i: A.SelectItem): string {
  if (i.kind === 'SelectAssign') return comments(i) + `${i.variable.name} ${i.op} ${expr(i.expr)}`;
  const e = expr(i.expr);
  if (!i.alias) return comments(i) + e;
  switch (i.aliasStyle) {
    case 'equals':
      return comments(i) + `${ident(i.alias)} = ${e}`;
    case 'bare':
      return comments(i) + `${e} ${ident(i.alias)}`;
    case 'string':
      return comments(i) + `${e} AS ${comments(i.alias)}${str(i.alias.name)}`;
    default:
      return comments(i) + `${e} AS ${ident(i.alias)}`;
  }
}

function querySpec(q: A.QuerySpec): string {
  let s = 'SELECT';
  if (q.quantifier) s += ' ' + q.quantifier;
  if (q.top) s += ' ' + top(q.top);
  s += indent('\n' + list(q.columns, selectItem, ',\n'));
  if (q.into) s += '\nINTO ' + objectName(q.into);
  if (q.from) s += '\nFROM ' + list(q.from, tableSource, ',\n' + INDENT);
  if (q.where) s += '\nWHERE ' + expr(q.where);
  if (q.groupBy) s += '\n' + groupBy(q.groupBy);
  if (q.having) s += '\nHAVING ' + expr(q.having);
  if (q.window) s += '\nWINDOW ' + q.window.map((w) => `${ident(w.name)} AS ${comments(w.spec)}(${windowBody(w.spec)})`).join(', ');
  return s;
}

function groupingItem(g: A.GroupingItem): string {
  if (g.kind === 'GroupingSet') {
    const inner = list(g.items, groupingItem);
    return comments(g) + (g.type === 'LIST' ? `(${inner})` : `${g.type} (${inner})`);
  }
  return expr(g);
}

function groupBy(g: A.GroupBy): string {
  return comments(g) + `GROUP BY ${g.all ? 'ALL ' : ''}${list(g.items, groupingItem)}${g.with ? ' WITH ' + g.with : ''}`;
}

export function withClause(w: A.WithClause): string {
  const parts: string[] = [];
  if (w.xmlNamespaces) {
    parts.push(`XMLNAMESPACES (${w.xmlNamespaces.map((x) => (x.isDefault ? `DEFAULT ${expr(x.uri)}` : `${expr(x.uri)} AS ${ident(x.prefix!)}`)).join(', ')})`);
  }
  for (const c of w.ctes) {
    parts.push(comments(c) + `${ident(c.name)}${c.columns ? ` (${list(c.columns, ident)})` : ''} AS (${indentQuery(c.query)})`);
  }
  return comments(w) + 'WITH ' + parts.join(',\n');
}

// ---- table sources ----

function alias(a: A.Identifier | undefined): string {
  return a ? ' AS ' + ident(a) : '';
}
function columnAliases(c: readonly A.Identifier[] | undefined): string {
  return c ? ` (${list(c, ident)})` : '';
}

function tableHint(h: A.TableHint): string {
  if (h.args.length === 0) return comments(h) + h.name;
  // `INDEX = ix` and `INDEX (ix)` mean the same; SPATIAL_WINDOW_MAX_CELLS = n takes '='.
  return comments(h) + `${h.name}(${list(h.args, expr)})`;
}

function schemaColumns(cols: readonly A.SchemaColumn[]): string {
  return `(${cols.map((c) => `${ident(c.name)}${c.type ? ' ' + dataType(c.type) : ''}${c.path ? ' ' + expr(c.path) : ''}${c.asJson ? ' AS JSON' : ''}`).join(', ')})`;
}

const TABLE_SOURCES: Printers<A.TableSource> = {
  TableRef: (n) => {
    let s = objectName(n.name);
    if (n.forSystemTime) s += ' ' + forSystemTime(n.forSystemTime);
    s += alias(n.alias);
    if (n.tableSample) {
      const t = n.tableSample;
      s += ' ' + comments(t) + `TABLESAMPLE${t.system ? ' SYSTEM' : ''} (${expr(t.size)} ${t.unit})${t.repeatable ? ` REPEATABLE (${expr(t.repeatable)})` : ''}`;
    }
    if (n.hints) s += `${n.legacyHints ? ' ' : ' WITH '}(${list(n.hints, tableHint)})`;
    return s;
  },
  DerivedTable: (n) => `(${indentQuery(n.query)})${alias(n.alias)}${columnAliases(n.columns)}`,
  TableFunction: (n) => `${expr(n.call)}${alias(n.alias)}${columnAliases(n.columns)}`,
  VariableTable: (n) => `${n.variable.name}${alias(n.alias)}`,
  Join: (n) => {
    const kw = n.type === 'CROSS' ? 'CROSS JOIN' : n.type === 'CROSS APPLY' || n.type === 'OUTER APPLY' ? n.type : `${n.type}${n.hint ? ' ' + n.hint : ''} JOIN`;
    // A join nested on the right (`a JOIN b JOIN c ON … ON …`) prints as written: ON order groups it.
    const right = tableSource(n.right);
    return `${tableSource(n.left)}\n${kw} ${right}${n.on ? ' ON ' + expr(n.on) : ''}`;
  },
  ParenTableSource: (n) => `(${tableSource(n.source)})${alias(n.alias)}`,
  Pivot: (n) => `${tableSource(n.source)} PIVOT (${expr(n.aggregate)} FOR ${expr(n.column)} IN (${list(n.values, ident)})) AS ${ident(n.alias)}`,
  Unpivot: (n) => `${tableSource(n.source)} UNPIVOT (${ident(n.valueColumn)} FOR ${ident(n.nameColumn)} IN (${list(n.columns, ident)})) AS ${ident(n.alias)}`,
  OpenJson: (n) => `OPENJSON(${expr(n.expr)}${n.path ? ', ' + expr(n.path) : ''})${n.with ? ' WITH ' + schemaColumns(n.with) : ''}${alias(n.alias)}`,
  OpenXml: (n) => {
    const w = n.with ? (Array.isArray(n.with) ? ' WITH ' + schemaColumns(n.with as readonly A.SchemaColumn[]) : ' WITH ' + objectName(n.with as A.ObjectName)) : '';
    return `OPENXML(${list(n.args, expr)})${w}${alias(n.alias)}`;
  },
  OpenRowset: (n) => `${n.fn}${raw(n.args)}${n.member ? '.' + objectName(n.member) : ''}${alias(n.alias)}${columnAliases(n.columns)}`,
};

function forSystemTime(f: A.ForSystemTime): string {
  return comments(f) + forSystemTimeBody(f);
}

function forSystemTimeBody(f: A.ForSystemTime): string {
  switch (f.type) {
    case 'FROM':
      return `FOR SYSTEM_TIME FROM ${expr(f.args[0]!)} TO ${expr(f.args[1]!)}`;
    case 'BETWEEN':
      return `FOR SYSTEM_TIME BETWEEN ${expr(f.args[0]!)} AND ${expr(f.args[1]!)}`;
    case 'CONTAINED IN':
      return `FOR SYSTEM_TIME CONTAINED IN (${list(f.args, expr)})`;
    case 'ALL':
      return 'FOR SYSTEM_TIME ALL';
    default:
      return `FOR SYSTEM_TIME AS OF ${expr(f.args[0]!)}`;
  }
}

export function tableSource(t: A.TableSource): string {
  return comments(t) + (TABLE_SOURCES[t.kind] as (n: A.TableSource) => string)(t);
}

export { comments, trailing, raw, list, str, indent, selectItem, orderItem, windowSpec };
