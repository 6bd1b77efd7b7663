/**
 * One generator for every target, driven by the dialect's data. Expression printers are a mapped
 * type over every neutral node kind, so a new node kind breaks the build until it is printed here.
 */
import { diagnostic, type Diagnostic, type DiagnosticCode } from '../../diagnostics/index.js';
import type { Dialect, FnRender, RenderContext } from '../dialects/dialect.js';
import { caveatOf } from '../functions.js';
import { classOf } from '../infer.js';
import type * as I from '../ir.js';
import { likeToRegex } from '../lower/functions.js';
import { jarg } from '../dialects/dbt/jinja.js';
import type { SqlType } from '../types.js';
import { commentSafe } from './comment.js';

type Printers = { readonly [K in I.Expr['kind']]: (e: Extract<I.Expr, { kind: K }>) => string };

/** Binding strength of what an expression prints as; lower binds looser and needs parentheses inside tighter ones. */
function precedence(e: I.Expr): number {
  switch (e.kind) {
    case 'Binary':
      switch (e.op) {
        case 'OR': return 1;
        case 'AND': return 2;
        case '=': case '<>': case '<': case '>': case '<=': case '>=': return 4;
        case '+': case '-': case '&': case '|': case '^': return 6;
        default: return 7;
      }
    case 'Unary': return e.op === 'NOT' ? 3 : 8;
    case 'Between': case 'InList': case 'InQuery': case 'Like': case 'IsNullTest': case 'Quantified': return 4;
    case 'Concat': return e.nullPropagating ? 5 : 9;
    case 'Marked': return precedence(e.expr);
    default: return 9;
  }
}

/** SQL keywords that are called without parentheses. */
const NILADIC: ReadonlySet<string> = new Set(['CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP', 'LOCALTIME', 'LOCALTIMESTAMP', 'CURRENT_USER', 'SESSION_USER']);

export class Generator {
  private readonly d: Dialect;
  readonly diagnostics: Diagnostic[];
  private readonly render: RenderContext;

  constructor(dialect: Dialect, diagnostics: Diagnostic[]) {
    this.d = dialect;
    this.diagnostics = diagnostics;
    const self = this;
    this.render = {
      target: dialect.name,
      unit(call) {
        const u = call.args[0];
        return u && u.kind === 'Unit' ? u.unit : u && u.kind === 'Marked' && u.expr.kind === 'Unit' ? u.expr.unit : 'day';
      },
      unsupported(call, code, params) {
        return self.marker(code, params, call.span);
      },
      orderSuffix(call) {
        return call.withinGroup?.length ? ` ORDER BY ${self.orderList(call.withinGroup)}` : '';
      },
      argIs(call, i, cls) {
        const a = call.args[i];
        return a !== undefined && classOf(a) === cls;
      },
      literal(call, i) {
        const a = call.args[i];
        return a && a.kind === 'Lit' && a.type === 'string' ? a.value : undefined;
      },
      quoteString: (s) => self.str(s),
    };
  }

  // ---- diagnostics ----

  /** Records a diagnostic and returns its marker comment (with a trailing space). */
  marker(code: DiagnosticCode, params: Record<string, string | number>, span?: I.Expr['span'], suggestion?: string): string {
    const d = diagnostic(code, params, span, suggestion);
    this.diagnostics.push(d);
    return this.comment(code, d.message);
  }

  private comment(code: DiagnosticCode, message: string): string {
    return `/* mssql2dbt: ${code} ${commentSafe(message)} */ `;
  }

  // ---- names and literals ----

  /** Printed identifiers by name: the same names recur on every line of a script. */
  private readonly idents = new Map<string, string>();

  ident(id: I.Ident): string {
    const hit = this.idents.get(id.name);
    if (hit !== undefined) return hit;
    const [open, close] = this.d.flags.quote;
    const plain = /^[A-Za-z_][A-Za-z0-9_]*$/.test(id.name) && !this.d.reserved.has(id.name.toUpperCase());
    const out = plain ? id.name : open + id.name.split(close).join(close + close) + close;
    if (this.idents.size < 10_000) this.idents.set(id.name, out);
    return out;
  }

  name(parts: readonly I.Ident[]): string {
    return parts.map((p) => this.ident(p)).join('.');
  }

  str(s: string): string {
    return s.includes("'") ? `'${s.replace(/'/g, "''")}'` : `'${s}'`;
  }

  type(t: SqlType, span?: I.Expr['span']): string {
    const r = this.d.types[t.name];
    const sql = typeof r.sql === 'string' ? r.sql : r.sql(t);
    if (r.loss) this.marker('MD3008', { type: t.name, mapped: sql, target: this.d.name, loss: r.loss }, span);
    return sql;
  }

  // ---- expressions ----

  private readonly printers: Printers = {
    Lit: (e) => {
      switch (e.type) {
        case 'string': return this.str(e.value);
        case 'null': return 'NULL';
        case 'bool': return this.d.flags.booleanLiterals ? e.value : e.value === 'TRUE' ? '(1 = 1)' : '(1 = 0)';
        case 'binary': return this.d.name === 'fabric' ? e.value : this.d.name === 'postgres' ? `'\\x${e.value.slice(2)}'::bytea` : `from_hex('${e.value.slice(2)}')`;
        default: return e.value;
      }
    },
    Col: (e) => this.name(e.parts),
    Star: (e) => (e.qualifier ? `${this.name(e.qualifier)}.*` : '*'),
    Param: (e) => e.local ?? (this.d.name === 'fabric' ? e.name : `{{ var('${e.name.replace(/^@+/, '')}') }}`),
    Unary: (e) => (e.op === 'NOT' ? `NOT ${this.wrap(e.operand, 3)}` : `${e.op}${this.wrap(e.operand, 8)}`),
    Binary: (e) => this.binary(e),
    Concat: (e) => this.concat(e),
    Between: (e) => `${this.wrap(e.expr, 5)} ${e.not ? 'NOT ' : ''}BETWEEN ${this.wrap(e.low, 5)} AND ${this.wrap(e.high, 5)}`,
    InList: (e) => `${this.wrap(e.expr, 5)} ${e.not ? 'NOT ' : ''}IN (${e.list.map((x) => this.expr(x)).join(', ')})`,
    InQuery: (e) => `${this.wrap(e.expr, 5)} ${e.not ? 'NOT ' : ''}IN (${this.query(e.query)})`,
    Like: (e) => this.like(e),
    IsNullTest: (e) => `${this.wrap(e.expr, 5)} IS ${e.not ? 'NOT ' : ''}NULL`,
    Exists: (e) => `EXISTS (${this.query(e.query)})`,
    Quantified: (e) => `${this.wrap(e.left, 5)} ${e.op} ${e.quantifier} (${this.query(e.query)})`,
    Case: (e) => {
      const parts = ['CASE'];
      if (e.operand) parts.push(this.expr(e.operand));
      for (const w of e.whens) parts.push(`WHEN ${this.expr(w.when)} THEN ${this.expr(w.then)}`);
      if (e.else) parts.push(`ELSE ${this.expr(e.else)}`);
      parts.push('END');
      return parts.join(' ');
    },
    Cast: (e) => this.cast(e),
    Fn: (e) => this.call(e),
    Subquery: (e) => `(${this.query(e.query)})`,
    Paren: (e) => `(${this.expr(e.expr)})`,
    Unit: (e) => e.unit,
    Marked: (e) => this.comment(e.code, e.message) + this.expr(e.expr),
    Raw: (e) => e.text,
  };

  expr(e: I.Expr): string {
    return (this.printers[e.kind] as (x: I.Expr) => string)(e);
  }

  /** Prints `e`, parenthesised when it binds looser than `min`. */
  private wrap(e: I.Expr, min: number): string {
    const s = this.expr(e);
    return precedence(e) < min ? `(${s})` : s;
  }

  private binary(e: I.Binary): string {
    const p = precedence(e);
    if (e.op === 'DIV') {
      return this.d.flags.typedDivision ? `${this.wrap(e.left, 7)} / ${this.wrap(e.right, 8)}` : this.d.integerDivide(this.wrap(e.left, 7), this.wrap(e.right, 8));
    }
    let prefix = '';
    if (e.op === '/' && !this.d.flags.typedDivision) {
      const l = classOf(e.left);
      const r = classOf(e.right);
      const exact = (c: string | undefined) => c === 'exact' || c === 'approx';
      if (!exact(l) && !exact(r) && (l === undefined || r === undefined)) {
        prefix = this.marker('MD3002', { name: "'/'", target: this.d.name, detail: 'operand types unknown; if both are integers SQL Server truncates the result' }, e.span,
          'CAST an operand to decimal, or wrap the division in a truncation, to make the intent explicit.');
      }
    }
    // Left-associative: the right operand needs parentheses at equal precedence (a - (b - c)).
    return `${prefix}${this.wrap(e.left, p)} ${e.op} ${this.wrap(e.right, p + 1)}`;
  }

  private concat(e: I.Concat): string {
    if (e.nullPropagating) {
      const op = this.d.flags.concatOperator;
      return e.args.map((a) => this.wrap(a, 6)).join(` ${op} `);
    }
    if (this.d.name === 'dbt') {
      // dbt.concat is concat() on some adapters and `||` (NULL-propagating) on others: make NULL '' explicitly.
      const fields = e.args.map((a) => (a.kind === 'Lit' && a.type === 'string' ? this.expr(a) : `coalesce(CAST(${this.expr(a)} AS {{ dbt.type_string() }}), '')`));
      return `{{ dbt.concat([${fields.map(jarg).join(', ')}]) }}`;
    }
    // CONCAT() treats NULL as empty in T-SQL and on every target we print it for.
    return `concat(${e.args.map((a) => this.expr(a)).join(', ')})`;
  }

  private like(e: I.Like): string {
    const not = e.not ? 'NOT ' : '';
    const pattern = e.pattern.kind === 'Lit' && e.pattern.type === 'string' ? e.pattern.value : undefined;
    if (pattern !== undefined && /\[/.test(pattern) && !e.escape && !this.d.flags.likeBracketClasses) {
      // Bracket classes are not LIKE syntax anywhere but SQL Server: use an anchored regex.
      const m = this.d.regexMatch(this.expr(e.expr), this.str(likeToRegex(pattern)), e.caseInsensitive);
      return e.not ? `NOT (${m})` : m;
    }
    const escape = e.escape ? ` ESCAPE ${this.expr(e.escape)}` : '';
    if (e.caseInsensitive) {
      if (this.d.flags.ilike) return `${this.wrap(e.expr, 5)} ${not}ILIKE ${this.wrap(e.pattern, 5)}${escape}`;
      return `lower(${this.expr(e.expr)}) ${not}LIKE lower(${this.expr(e.pattern)})${escape}`;
    }
    return `${this.wrap(e.expr, 5)} ${not}LIKE ${this.wrap(e.pattern, 5)}${escape}`;
  }

  private cast(e: I.CastExpr): string {
    const type = this.type(e.type, e.span);
    const inner = this.expr(e.expr);
    // bit is numeric in T-SQL; on targets without a bit type, any non-zero value must become 1.
    if (e.type.name === 'bit' && classOf(e.expr) !== 'bool' && this.d.name !== 'fabric') {
      const v = `CASE WHEN ${this.wrap(e.expr, 5)} IS NULL THEN NULL WHEN ${this.wrap(e.expr, 5)} = 0 THEN 0 ELSE 1 END`;
      return `CAST(${v} AS ${type})`;
    }
    // Converting a decimal or float to an integer type truncates in SQL Server; the targets round.
    const intTarget = e.type.name === 'int' || e.type.name === 'bigint' || e.type.name === 'smallint' || e.type.name === 'tinyint';
    const fromClass = classOf(e.expr);
    if (intTarget && (fromClass === 'exact' || fromClass === 'approx') && this.d.name !== 'fabric') {
      if (this.d.name === 'dbt') return this.dbtCast(e, `trunc(${inner})`, type);
      return `${e.safe ? (this.d.name === 'bigquery' ? 'SAFE_CAST' : 'TRY_CAST') : 'CAST'}(trunc(${inner}) AS ${type})`;
    }
    if (this.d.name === 'dbt') return this.dbtCast(e, inner, type);
    if (e.safe) {
      if (this.d.name === 'postgres') {
        return this.marker('MD3002', { name: 'TRY_CAST', target: 'postgres', detail: 'PostgreSQL has no safe cast; a failing value raises an error' }, e.span) + `CAST(${inner} AS ${type})`;
      }
      return this.d.name === 'bigquery' ? `SAFE_CAST(${inner} AS ${type})` : `TRY_CAST(${inner} AS ${type})`;
    }
    return `CAST(${inner} AS ${type})`;
  }

  /** dbt.cast / dbt.safe_cast; safe_cast is a plain cast on adapters without a safe one (PostgreSQL). */
  private dbtCast(e: I.CastExpr, inner: string, type: string): string {
    if (!e.safe) return `{{ dbt.cast(${jarg(inner)}, ${jarg(type)}) }}`;
    const m = this.marker('MD3002', { name: 'TRY_CAST', target: 'dbt', detail: 'dbt.safe_cast raises on adapters without a safe cast (PostgreSQL)' }, e.span);
    return `${m}{{ dbt.safe_cast(${jarg(inner)}, ${jarg(type)}) }}`;
  }

  private call(e: I.Fn): string {
    let args = e.args.map((a) => (a.kind === 'Star' && !a.qualifier ? '*' : this.expr(a)));
    if (e.distinct && args.length) args = [`DISTINCT ${args[0]}`, ...args.slice(1)];
    let out: string;
    if (e.fn === 'User') {
      out = `${this.name(e.name ?? [])}(${args.join(', ')})`;
    } else {
      const render = this.d.functions[e.fn];
      out = this.apply(render, args, e);
      // An emulation that is exact only for some inputs says so; T-SQL targets (Fabric) call the built-in itself.
      const caveat = caveatOf(e.fn);
      if (caveat && typeof render !== 'object' && this.d.name !== 'fabric' && !caveat.exact?.(e.args)) {
        out = this.marker('MD3002', { name: caveat.name, target: this.d.name, detail: caveat.detail }, e.span) + out;
      }
    }
    if (e.over) {
      let nulls = '';
      if (e.ignoreNulls) {
        if (this.d.name === 'postgres') out = this.marker('MD3002', { name: 'IGNORE NULLS', target: 'postgres', detail: 'not supported; dropped' }, e.span) + out;
        else nulls = ' IGNORE NULLS';
      }
      out = `${out}${nulls} OVER (${this.window(e.over)})`;
    }
    return out;
  }

  private apply(r: FnRender, args: readonly string[], e: I.Fn): string {
    if (typeof r === 'function') return r(args, this.render, e);
    if (typeof r === 'string') {
      // A bare name is a rename (`length` → `length(x)`); SQL's niladic keywords and full expressions
      // without placeholders (`CAST(GETDATE() AS date)`, `CURRENT_DATE()`) are printed as written.
      if (!r.includes('{')) return NILADIC.has(r.toUpperCase()) || !/^[A-Za-z_][\w.]*$/.test(r) ? r : `${r}(${args.join(', ')})`;
      return r.replace(/\{(\d+|\*)\}/g, (_, i: string) => (i === '*' ? args.join(', ') : args[Number(i)] ?? 'NULL'));
    }
    const mark = this.marker('MD3001', { construct: e.fn, target: this.d.name }, e.span, r.unsupported);
    return `${mark}${e.fn}(${args.join(', ')})`;
  }

  private orderList(items: readonly I.OrderItem[]): string {
    return items.map((o) => `${this.expr(o.expr)}${o.desc ? ' DESC' : ''}`).join(', ');
  }

  private window(w: I.Window): string {
    const parts: string[] = [];
    if (w.name) parts.push(this.ident({ name: w.name, quoted: false }));
    if (w.partitionBy.length) parts.push(`PARTITION BY ${w.partitionBy.map((x) => this.expr(x)).join(', ')}`);
    if (w.orderBy.length) parts.push(`ORDER BY ${this.orderList(w.orderBy)}`);
    if (w.frame) {
      const b = (f: I.FrameBound) => (f.offset ? `${this.expr(f.offset)} ${f.type}` : f.type);
      parts.push(w.frame.end ? `${w.frame.unit} BETWEEN ${b(w.frame.start)} AND ${b(w.frame.end)}` : `${w.frame.unit} ${b(w.frame.start)}`);
    }
    return parts.join(' ');
  }

  // ---- queries ----

  query(q: I.Query): string {
    const parts: string[] = [];
    if (q.with) parts.push(this.withClause(q.with));
    const limit = q.limit;
    let top: string | undefined;
    let qualify: string | undefined;
    let tail: string[] = [];
    if (limit) {
      if (limit.withTies && limit.percent) {
        parts.push(this.marker('MD3001', { construct: 'TOP … PERCENT WITH TIES', target: this.d.name }, q.span).trim());
      }
      const countOf = () => (limit.percent ? this.percentCount(q, limit.count) : this.expr(limit.count));
      if (this.d.flags.rowLimit === 'top') {
        if (q.offset) tail.push(`OFFSET ${this.expr(q.offset)} ROWS FETCH NEXT ${this.expr(limit.count)} ROWS ONLY`);
        else top = `TOP (${this.expr(limit.count)})${limit.percent ? ' PERCENT' : ''}${limit.withTies ? ' WITH TIES' : ''}`;
      } else if (limit.withTies) {
        const count = countOf();
        if (this.d.flags.fetchWithTies && q.orderBy?.length) {
          tail.push(`${q.offset ? `OFFSET ${this.expr(q.offset)} ROWS ` : ''}FETCH FIRST ${count} ROWS WITH TIES`);
        } else if (this.d.flags.qualify && q.body.kind === 'Select' && q.orderBy?.length) {
          qualify = `rank() OVER (ORDER BY ${this.orderList(this.resolveOrder(q.body, q.orderBy))}) <= ${count}`;
          if (q.offset) tail.push(`OFFSET ${this.expr(q.offset)}`);
        } else {
          parts.push(this.marker('MD3001', { construct: 'TOP … WITH TIES here', target: this.d.name }, q.span).trim());
          tail.push(`LIMIT ${count}`);
        }
      } else {
        tail.push(`LIMIT ${countOf()}`);
        if (q.offset) tail.push(`OFFSET ${this.expr(q.offset)}`);
      }
    } else if (q.offset) {
      tail = [this.d.flags.rowLimit === 'top' ? `OFFSET ${this.expr(q.offset)} ROWS` : `OFFSET ${this.expr(q.offset)}`];
    }
    parts.push(this.body(q.body, top, qualify));
    if (q.orderBy?.length) parts.push(`ORDER BY ${this.orderList(q.orderBy)}`);
    parts.push(...tail);
    return parts.join('\n');
  }

  private withClause(w: I.With): string {
    const rec = w.recursive && this.d.flags.recursiveKeyword ? 'RECURSIVE ' : '';
    const ctes = w.ctes.map((c) => `${this.ident(c.name)}${c.columns ? ` (${c.columns.map((x) => this.ident(x)).join(', ')})` : ''} AS (\n${this.query(c.query)}\n)`);
    return `WITH ${rec}${ctes.join(',\n')}`;
  }

  /** ORDER BY 1 or ORDER BY alias mean a select column; inside a window they must be the expression itself. */
  private resolveOrder(s: I.Select, order: readonly I.OrderItem[]): I.OrderItem[] {
    return order.map((o) => {
      if (o.expr.kind === 'Lit' && o.expr.type === 'integer') {
        const c = s.columns[Number(o.expr.value) - 1];
        if (c) return { ...o, expr: c.expr };
      }
      if (o.expr.kind === 'Col' && o.expr.parts.length === 1) {
        const name = o.expr.parts[0]!.name.toLowerCase();
        const c = s.columns.find((x) => x.alias?.name.toLowerCase() === name);
        if (c) return { ...o, expr: c.expr };
      }
      return o;
    });
  }

  /** TOP n PERCENT: SQL Server rounds the row count up. */
  private percentCount(q: I.Query, n: I.Expr): string {
    const { orderBy: _o, limit: _l, offset: _f, ...rest } = q;
    return `(SELECT CAST(ceil(count(*) * ${this.wrap(n, 7)} / 100.0) AS BIGINT) FROM (\n${this.query(rest)}\n) AS top_percent_rows)`;
  }

  body(b: I.QueryBody, top?: string, qualify?: string): string {
    switch (b.kind) {
      case 'Select': return this.select(b, top, qualify);
      case 'SetOp': return `${this.setOperand(b.left)}\n${b.op}\n${this.setOperand(b.right)}`;
      case 'ParenQuery': return `(${this.query(b.query)})`;
      case 'Values': return `VALUES ${b.rows.map((r) => `(${r.map((x) => this.expr(x)).join(', ')})`).join(',\n  ')}`;
    }
  }

  private setOperand(b: I.QueryBody): string {
    return b.kind === 'ParenQuery' ? `(${this.query(b.query)})` : this.body(b);
  }

  private select(s: I.Select, top?: string, qualify?: string): string {
    const cols = s.columns.map((c) => (c.alias ? `${this.expr(c.expr)} AS ${this.ident(c.alias)}` : this.expr(c.expr)));
    const lines = [`SELECT ${s.distinct ? 'DISTINCT ' : ''}${top ? `${top} ` : ''}${cols.join(', ')}`];
    if (s.from.length) lines.push(`FROM ${s.from.map((f) => this.source(f)).join(', ')}`);
    if (s.where) lines.push(`WHERE ${this.expr(s.where)}`);
    if (s.groupBy) lines.push(`GROUP BY ${s.groupBy.items.map((g) => this.grouping(g)).join(', ')}`);
    if (s.having) lines.push(`HAVING ${this.expr(s.having)}`);
    if (s.windows?.length) lines.push(`WINDOW ${s.windows.map((w) => `${this.ident({ name: w.name, quoted: false })} AS (${this.window(w.spec)})`).join(', ')}`);
    const q = [s.qualify ? this.expr(s.qualify) : undefined, qualify].filter((x): x is string => x !== undefined);
    if (q.length) lines.push(`QUALIFY ${q.join(' AND ')}`);
    return lines.join('\n');
  }

  private grouping(g: I.GroupingItem): string {
    if ('kind' in g && g.kind === 'GroupingSet') {
      const inner = g.items.map((x) => this.grouping(x)).join(', ');
      return g.type === 'LIST' ? `(${inner})` : `${g.type} (${inner})`;
    }
    return this.expr(g as I.Expr);
  }

  private alias(a?: I.Ident, columns?: readonly I.Ident[]): string {
    if (!a) return '';
    return ` AS ${this.ident(a)}${columns?.length ? ` (${columns.map((c) => this.ident(c)).join(', ')})` : ''}`;
  }

  source(s: I.Source): string {
    switch (s.kind) {
      case 'TableRef': return `${s.relation ?? this.name(s.name)}${this.alias(s.alias)}`;
      case 'DerivedTable': return `${s.lateral && this.d.flags.lateral === 'lateral' ? 'LATERAL ' : ''}(\n${this.query(s.query)}\n)${this.alias(s.alias, s.columns)}`;
      case 'TableFn': {
        // T-SQL takes no column list after a table-valued function; STRING_SPLIT's columns are already value/ordinal.
        const columns = this.d.name === 'fabric' && s.call.kind === 'Fn' && s.call.fn === 'SplitToTable' ? undefined : s.columns;
        return `${s.lateral && this.d.flags.lateral === 'lateral' ? 'LATERAL ' : ''}${this.expr(s.call)}${this.alias(s.alias, columns)}`;
      }
      case 'ParenSource': return `(${this.source(s.source)})${this.alias(s.alias)}`;
      case 'Join': return this.join(s);
      case 'Pivot': return this.pivot(s);
      case 'Unpivot': return this.unpivot(s);
      case 'RawSource': return `${this.comment(s.code, s.message)}${s.text}`;
    }
  }

  private join(j: I.JoinSource): string {
    const right = this.source(j.right);
    const lateralRight = (j.right.kind === 'DerivedTable' || j.right.kind === 'TableFn') && j.right.lateral;
    if (this.d.flags.lateral === 'apply' && lateralRight && (j.type === 'CROSS' || j.type === 'LEFT')) {
      return `${this.source(j.left)}\n${j.type === 'CROSS' ? 'CROSS APPLY' : 'OUTER APPLY'} ${right}`;
    }
    const type = j.type === 'CROSS' ? 'CROSS JOIN' : j.type === 'INNER' ? 'INNER JOIN' : `${j.type} JOIN`;
    return `${this.source(j.left)}\n${type} ${right}${j.on ? ` ON ${this.expr(j.on)}` : ''}`;
  }

  /**
   * PIVOT → one conditional aggregate per value, grouped by the source's other columns. Those are
   * only known when the source is a derived table with named columns; otherwise it is marked.
   */
  private pivot(p: I.PivotSource): string {
    const cols = this.sourceColumns(p.source);
    const aggArg = p.aggregate.args[0];
    if (!cols || !aggArg || aggArg.kind !== 'Col') {
      return this.marker('MD3001', { construct: 'PIVOT over a source whose columns are unknown', target: this.d.name }, p.span,
        'Select the needed columns in a derived table first.') + this.source(p.source);
    }
    const valueCol = aggArg.parts[aggArg.parts.length - 1]!.name.toLowerCase();
    const pivotCol = p.column.kind === 'Col' ? p.column.parts[p.column.parts.length - 1]!.name.toLowerCase() : '';
    const groups = cols.filter((c) => c.name.toLowerCase() !== valueCol && c.name.toLowerCase() !== pivotCol);
    const inner = `pivot_source`;
    const fnName = this.d.functions[p.aggregate.fn];
    const aggs = p.values.map((v) => {
      const cond = `CASE WHEN ${this.ident({ name: inner, quoted: false })}.${this.ident(p.column.kind === 'Col' ? p.column.parts[p.column.parts.length - 1]! : v)} = ${this.str(v.name)} THEN ${inner}.${this.ident(aggArg.parts[aggArg.parts.length - 1]!)} END`;
      return `${this.apply(fnName, [cond], p.aggregate)} AS ${this.ident(v)}`;
    });
    const groupList = groups.map((g) => `${inner}.${this.ident(g)}`);
    const sel = [`SELECT ${[...groupList, ...aggs].join(', ')}`, `FROM ${this.source(this.realias(p.source, inner))}`];
    if (groupList.length) sel.push(`GROUP BY ${groupList.join(', ')}`);
    return `(\n${sel.join('\n')}\n) AS ${this.ident(p.alias)}`;
  }

  /** UNPIVOT → a cross join with VALUES listing (name, value) per column; NULLs are dropped as SQL Server does. */
  private unpivot(u: I.UnpivotSource): string {
    const cols = this.sourceColumns(u.source);
    if (!cols) {
      return this.marker('MD3001', { construct: 'UNPIVOT over a source whose columns are unknown', target: this.d.name }, u.span,
        'Select the needed columns in a derived table first.') + this.source(u.source);
    }
    const src = 'unpivot_source';
    const keep = cols.filter((c) => !u.columns.some((x) => x.name.toLowerCase() === c.name.toLowerCase()));
    const whens = u.columns.map((c) => `WHEN ${this.str(c.name)} THEN ${src}.${this.ident(c)}`).join(' ');
    const names = u.columns.map((c) => `(${this.str(c.name)})`).join(', ');
    const value = `CASE unpivot_names.n ${whens} END`;
    const sel = [
      `SELECT ${[...keep.map((k) => `${src}.${this.ident(k)}`), `unpivot_names.n AS ${this.ident(u.nameColumn)}`, `${value} AS ${this.ident(u.valueColumn)}`].join(', ')}`,
      `FROM ${this.source(this.realias(u.source, src))}`,
      `CROSS JOIN (VALUES ${names}) AS unpivot_names (n)`,
      `WHERE ${value} IS NOT NULL`,
    ];
    return `(\n${sel.join('\n')}\n) AS ${this.ident(u.alias)}`;
  }

  /** The PIVOT/UNPIVOT source under the name the rewritten query refers to it by. */
  private realias(s: I.Source, name: string): I.Source {
    return s.kind === 'DerivedTable' ? { ...s, alias: { name, quoted: false } } : s;
  }

  /** Output column names of a derived table whose select list names every column. */
  private sourceColumns(s: I.Source): I.Ident[] | undefined {
    if (s.kind !== 'DerivedTable') return undefined;
    if (s.columns) return [...s.columns];
    let b = s.query.body;
    while (b.kind === 'SetOp') b = b.left;
    if (b.kind !== 'Select') return undefined;
    const out: I.Ident[] = [];
    for (const c of b.columns) {
      if (c.alias) out.push(c.alias);
      else if (c.expr.kind === 'Col') out.push(c.expr.parts[c.expr.parts.length - 1]!);
      else return undefined;
    }
    return out;
  }

  // ---- statements ----

  statement(s: I.Stmt): string {
    switch (s.kind) {
      case 'QueryStmt': {
        const into = s.query.body.kind === 'Select' ? s.query.body.into : undefined;
        if (into && s.query.body.kind === 'Select') {
          const { into: _i, ...body } = s.query.body;
          this.diagnostics.push(diagnostic('MD3014', { table: into.map((p) => p.name).join('.') }, s.span));
          return `CREATE TABLE ${this.name(into)} AS\n${this.query({ ...s.query, body })}`;
        }
        return this.query(s.query);
      }
      case 'CreateView': {
        const cols = s.columns ? ` (${s.columns.map((c) => this.ident(c)).join(', ')})` : '';
        const kw = s.orReplace || this.d.flags.createView === 'CREATE OR REPLACE VIEW' ? this.d.flags.createView : 'CREATE VIEW';
        return `${kw} ${this.name(s.name)}${cols} AS\n${this.query(s.query)}`;
      }
      case 'CreateTable': {
        // Sequences an identity column draws from, created first (dialect flag identity: 'sequence').
        const sequences: string[] = [];
        const cols = s.columns.map((c) => {
          const parts = [this.ident(c.name), this.type(c.type, s.span)];
          if (c.identity) parts.push(this.identity(c, s, sequences));
          if (c.notNull) parts.push('NOT NULL');
          if (c.default) parts.push(`DEFAULT ${this.expr(c.default)}`);
          return `  ${parts.join(' ')}`;
        });
        if (s.primaryKey) cols.push(`  PRIMARY KEY (${s.primaryKey.map((c) => this.ident(c)).join(', ')})`);
        return `${sequences.map((q) => `${q};\n`).join('')}CREATE TABLE ${this.name(s.name)} (\n${cols.join(',\n')}\n)`;
      }
      case 'Insert':
        return `INSERT INTO ${this.name(s.table)}${s.columns ? ` (${s.columns.map((c) => this.ident(c)).join(', ')})` : ''}\n${this.query(s.source)}`;
      case 'Update': return this.update(s);
      case 'Delete': return this.delete(s);
      case 'Merge': return this.merge(s);
      case 'Truncate': return `TRUNCATE TABLE ${this.name(s.table)}`;
      case 'Unsupported':
        return `/* mssql2dbt: ${s.code} ${commentSafe(s.message)}\n${commentSafe(s.text)}\n*/`;
    }
  }

  /**
   * The IDENTITY clause of a column on this target; where there is none, a marker says so. A target
   * with sequences gets one named `<table>_<column>_seq` beside the table, pushed to `sequences`.
   */
  private identity(c: I.ColumnDef, table: I.CreateTableStmt, sequences: string[]): string {
    const seed = c.identitySeed ?? '1';
    const increment = c.identityIncrement ?? '1';
    const span = table.span;
    switch (this.d.flags.identity) {
      case 'sequence': {
        const last = table.name[table.name.length - 1]!;
        const seq = this.name([...table.name.slice(0, -1), { name: `${last.name}_${c.name.name}_seq`, quoted: false }]);
        sequences.push(`CREATE SEQUENCE IF NOT EXISTS ${seq} START WITH ${seed} INCREMENT BY ${increment}`);
        return `DEFAULT nextval('${seq.replace(/'/g, "''")}')`;
      }
      case 'generated': {
        // Databricks accepts identity columns of type BIGINT only.
        const bigint = this.d.name !== 'databricks' || c.type.name === 'bigint'
          ? ''
          : this.marker('MD3002', { name: `IDENTITY on ${c.name.name}`, target: this.d.name, detail: 'identity columns must be BIGINT there; change the column type' }, span);
        return `${bigint}GENERATED BY DEFAULT AS IDENTITY (START WITH ${seed} INCREMENT BY ${increment})`;
      }
      case 'identity': return `IDENTITY(${seed}, ${increment})`;
      case 'none':
        return this.marker('MD3002', { name: `IDENTITY on ${c.name.name}`, target: this.d.name, detail: 'no generated values: the column gets what is inserted; use a sequence or the surrogate key of the model' }, span).trim();
    }
  }

  // ---- DML ----

  /** The statement as a comment with an MD3001 marker: printed when the target has no exact form (never wrong SQL). */
  private untranslatable(construct: string, sql: string, span?: I.Expr['span']): string {
    return `${this.marker('MD3001', { construct, target: this.d.name }, span).trim()}\n/*\n${commentSafe(sql)}\n*/`;
  }

  private sets(set: readonly I.SetAssign[]): string {
    return set.map((a) => `${this.ident(a.column)} = ${this.expr(a.value)}`).join(', ');
  }

  private returning(items: readonly I.SelectItem[] | undefined): string {
    if (!items?.length) return '';
    return `\nRETURNING ${items.map((c) => (c.alias ? `${this.expr(c.expr)} AS ${this.ident(c.alias)}` : this.expr(c.expr))).join(', ')}`;
  }

  private dmlWhere(where: I.Expr | undefined): string {
    return where ? `\nWHERE ${this.expr(where)}` : this.d.flags.dmlNeedsWhere ? '\nWHERE TRUE' : '';
  }

  private update(s: I.UpdateStmt): string {
    const f = this.d.flags;
    const w = s.with ? `${this.withClause(s.with)}\n` : '';
    const from = s.from.map((x) => this.source(x)).join(', ');
    let sql: string;
    if (f.updateFrom === 'tsql') {
      const head = s.from.length ? (s.target.alias ? this.ident(s.target.alias) : this.name(s.target.name)) : this.source(s.target);
      sql = `${w}UPDATE ${head}\nSET ${this.sets(s.set)}${s.from.length ? `\nFROM ${[this.source(s.target), from].join(', ')}` : ''}${this.dmlWhere(s.where)}`;
    } else {
      sql = `${w}UPDATE ${this.source(s.target)}\nSET ${this.sets(s.set)}${s.from.length ? `\nFROM ${from}` : ''}${this.dmlWhere(s.where)}${this.returning(s.returning)}`;
    }
    if (s.from.length && !f.updateFrom) return this.untranslatable('UPDATE … FROM (joined update)', sql, s.span);
    if (s.returning?.length && !f.returning) return this.untranslatable('OUTPUT (RETURNING)', sql, s.span);
    return sql;
  }

  private delete(s: I.DeleteStmt): string {
    const f = this.d.flags;
    const w = s.with ? `${this.withClause(s.with)}\n` : '';
    const using = s.using.map((x) => this.source(x)).join(', ');
    let sql: string;
    if (f.deleteUsing === 'tsql') {
      sql = s.using.length
        ? `${w}DELETE ${s.target.alias ? this.ident(s.target.alias) : this.name(s.target.name)}\nFROM ${[this.source(s.target), using].join(', ')}${this.dmlWhere(s.where)}`
        : `${w}DELETE FROM ${this.source(s.target)}${this.dmlWhere(s.where)}`;
    } else {
      sql = `${w}DELETE FROM ${this.source(s.target)}${s.using.length ? `\nUSING ${using}` : ''}${this.dmlWhere(s.where)}${this.returning(s.returning)}`;
    }
    if (s.using.length && !f.deleteUsing) return this.untranslatable('DELETE … FROM (joined delete)', sql, s.span);
    if (s.returning?.length && !f.returning) return this.untranslatable('OUTPUT (RETURNING)', sql, s.span);
    return sql;
  }

  private merge(s: I.MergeStmt): string {
    const w = s.with ? `${this.withClause(s.with)}\n` : '';
    const lines = [`${w}MERGE INTO ${this.source(s.target)}`, `USING ${this.source(s.using)}`, `ON ${this.expr(s.on)}`];
    for (const c of s.clauses) {
      const cond = c.condition ? ` AND ${this.expr(c.condition)}` : '';
      const match = c.match === 'NOT MATCHED' && this.d.name === 'fabric' ? 'NOT MATCHED BY TARGET' : c.match;
      let action: string;
      switch (c.action.kind) {
        case 'MergeUpdate': action = `UPDATE SET ${this.sets(c.action.set)}`; break;
        case 'MergeDelete': action = 'DELETE'; break;
        case 'MergeInsert':
          action = `INSERT${c.action.columns ? ` (${c.action.columns.map((x) => this.ident(x)).join(', ')})` : ''} VALUES (${c.action.values.map((x) => this.expr(x)).join(', ')})`;
          break;
      }
      lines.push(`WHEN ${match}${cond} THEN ${action}`);
    }
    const sql = lines.join('\n');
    if (!this.d.flags.mergeBySource && s.clauses.some((c) => c.match === 'NOT MATCHED BY SOURCE')) {
      return this.untranslatable('MERGE … WHEN NOT MATCHED BY SOURCE', sql, s.span);
    }
    return sql;
  }
}
