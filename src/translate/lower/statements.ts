/** T-SQL statements → neutral statements. What a dbt model cannot hold is kept as an Unsupported comment. */
import type * as A from '../../tsql/ast/index.js';
import { printStatement } from '../../tsql/index.js';
import type { ColumnDef, Expr, Ident, Query, Stmt } from '../ir.js';
import { mark, note, type LowerContext } from './context.js';
import { lowerExpr, lowerIdent, lowerName, lowerType } from './expressions.js';
import { lowerQuery, lowerSource } from './queries.js';
import { lowerDelete, lowerMerge, lowerTruncate, lowerUpdate } from './dml.js';

export function lowerStatement(ctx: LowerContext, s: A.Statement): Stmt {
  switch (s.kind) {
    case 'SelectStatement':
      return { kind: 'QueryStmt', query: lowerQuery(ctx, s.query, s.with), span: s.span };
    case 'CreateView':
      return {
        kind: 'CreateView', name: lowerName(s.name), query: lowerQuery(ctx, s.query, s.with), orReplace: s.mode !== 'CREATE', span: s.span,
        ...(s.columns ? { columns: s.columns.map(lowerIdent) } : {}),
      };
    case 'CreateTable':
      return lowerCreateTable(ctx, s);
    case 'Insert':
      return lowerInsert(ctx, s);
    case 'Update':
      return lowerUpdate(ctx, s, (construct) => unsupported(ctx, s, 'MD3001', { construct, target: 'the target' }));
    case 'Delete':
      return lowerDelete(ctx, s, (construct) => unsupported(ctx, s, 'MD3001', { construct, target: 'the target' }));
    case 'Merge':
      return lowerMerge(ctx, s, (construct) => unsupported(ctx, s, 'MD3001', { construct, target: 'the target' }));
    case 'Truncate':
      return lowerTruncate(s, (construct) => unsupported(ctx, s, 'MD3001', { construct, target: 'the target' }));
    case 'ErrorStatement':
      return unsupported(ctx, s, 'MD3013', {});
    default:
      return unsupported(ctx, s, 'MD3001', { construct: statementName(s), target: 'a set-based model' });
  }
}

function statementName(s: A.Statement): string {
  return s.kind.replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
}

function unsupported(ctx: LowerContext, s: A.Statement, code: 'MD3001' | 'MD3013', params: Record<string, string>): Stmt {
  const m = mark(ctx, code, params, s.span, { kind: 'Raw', text: '' });
  return { kind: 'Unsupported', text: statementText(ctx, s), code, message: m.message, span: s.span };
}

/** The statement as the user wrote it where the source is at hand, else reprinted from its tree. */
export function statementText(ctx: LowerContext, s: A.Statement): string {
  if (ctx.source !== undefined && s.span.end <= ctx.source.length && s.span.end > s.span.offset) {
    return ctx.source.slice(s.span.offset, s.span.end);
  }
  try {
    return printStatement(s);
  } catch {
    return s.kind;
  }
}

function lowerCreateTable(ctx: LowerContext, s: A.CreateTable): Stmt {
  const columns: ColumnDef[] = [];
  let primaryKey: Ident[] | undefined;
  for (const el of s.elements) {
    if (el.kind === 'ColumnDefinition') {
      if (!el.type) {
        // A computed column: its expression is evaluated at read time; a view or model computes it instead.
        note(ctx, 'MD3002', { name: `computed column ${el.name.name}`, target: 'a table', detail: 'dropped; compute it in the model' }, el.span);
        continue;
      }
      const def = el.constraints.find((c) => c.constraint.kind === 'Default');
      const defaultExpr: Expr | undefined = def && def.constraint.kind === 'Default' ? lowerExpr(ctx, def.constraint.expr) : undefined;
      const pk = el.constraints.find((c) => c.constraint.kind === 'PrimaryKey');
      if (pk) primaryKey = [lowerIdent(el.name)];
      columns.push({
        name: lowerIdent(el.name), type: lowerType(ctx, el.type), notNull: el.nullable === false || pk !== undefined,
        identity: el.identity !== undefined, ...(defaultExpr ? { default: defaultExpr } : {}),
        ...identityArgs(el.identity),
      });
    } else if (el.kind === 'Constraint' && el.constraint.kind === 'PrimaryKey' && el.constraint.columns) {
      primaryKey = el.constraint.columns.map((c) => lowerIdent(c.name));
    }
  }
  return { kind: 'CreateTable', name: lowerName(s.name), columns, span: s.span, ...(primaryKey ? { primaryKey } : {}) };
}

function lowerInsert(ctx: LowerContext, s: A.Insert): Stmt {
  if (s.target.kind !== 'TableRef' || s.output?.length || s.top) {
    return unsupported(ctx, s, 'MD3001', { construct: 'this INSERT form (OUTPUT, TOP or a non-table target)', target: 'the target' });
  }
  const target = lowerSource(ctx, s.target);
  const table = target.kind === 'TableRef' ? target.name : [];
  let source: Query;
  switch (s.source.kind) {
    case 'Values':
      source = { kind: 'Query', body: { kind: 'Values', rows: s.source.rows.map((r) => r.map((x) => lowerExpr(ctx, x))) } };
      break;
    case 'QuerySource':
      source = lowerQuery(ctx, s.source.query, s.with);
      break;
    default:
      return unsupported(ctx, s, 'MD3001', { construct: 'INSERT … EXEC / DEFAULT VALUES', target: 'the target' });
  }
  return { kind: 'Insert', table, source, span: s.span, ...(s.columns ? { columns: s.columns.map(lowerIdent) } : {}) };
}

/** IDENTITY(seed, increment) when both are integer literals (a leading minus allowed). */
function identityArgs(identity: { readonly seed?: A.Expression; readonly increment?: A.Expression } | undefined): { identitySeed?: string; identityIncrement?: string } {
  const num = (e: A.Expression | undefined): string | undefined => {
    if (e?.kind === 'Literal' && e.type === 'integer') return e.value;
    if (e?.kind === 'Unary' && e.op === '-' && e.operand.kind === 'Literal' && e.operand.type === 'integer') return `-${e.operand.value}`;
    return undefined;
  };
  const seed = num(identity?.seed);
  const increment = num(identity?.increment);
  return seed !== undefined && increment !== undefined ? { identitySeed: seed, identityIncrement: increment } : {};
}
