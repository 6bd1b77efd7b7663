/**
 * What a routine body does, read from its AST without the catalog: which names it reads, writes,
 * executes and calls (still unresolved), and the facts the assessment needs (temp tables, table
 * variables, cursors, dynamic SQL, transactions, error handling, loops, MERGE).
 *
 * Name resolution against the catalog happens in ../dependencies.ts; this pass only decides the
 * role of each name: CTE names, table variables, temp tables and the `inserted`/`deleted` pseudo
 * tables are not tables, and `UPDATE c … FROM Dimension.Customer AS c` writes Dimension.Customer.
 */
import type { Span } from '../../diagnostics/index.js';
import { parseScript } from '../../tsql/index.js';
import type {
  Delete, ExecuteProcedure, ExecuteString, Expression, FunctionCall, Identifier, Insert, Merge, ObjectName, QuerySpec,
  Statement, TableRef, TableSource, Update,
} from '../../tsql/index.js';
import type { RoutineFacts } from '../model.js';
import { walk, type AnyNode } from './walk.js';

export type ReferenceRole =
  /** FROM/JOIN/APPLY, subqueries, MERGE USING. */
  | 'read'
  /** INSERT/UPDATE/DELETE/MERGE/TRUNCATE/SELECT INTO/BULK INSERT/OUTPUT INTO targets. */
  | 'write'
  /** EXEC proc. */
  | 'exec'
  /** A function called in an expression. */
  | 'call'
  /** NEXT VALUE FOR sequence. */
  | 'sequence';

export interface BodyReference {
  readonly name: ObjectName;
  readonly role: ReferenceRole;
  /**
   * One-part function names (`LEN(x)`, `STRING_SPLIT(…)`) are nearly always built-ins: such a
   * reference only counts when the catalog has a function of that name.
   */
  readonly optional: boolean;
  /** Found in a constant dynamic SQL string; `span` is then the EXEC statement's. */
  readonly dynamic: boolean;
  readonly span: Span;
}

/**
 * The routine facts a body shows on its own; what it reads, writes and calls is still a list of
 * unresolved references here (name resolution against the catalog happens in dependencies.ts).
 */
export interface BodyAnalysis extends Omit<RoutineFacts, 'tablesRead' | 'tablesWritten' | 'calls'> {
  readonly references: readonly BodyReference[];
}

/** Pseudo tables of triggers and OUTPUT clauses. */
const PSEUDO_TABLES = new Set(['inserted', 'deleted']);

/** Pre-2005 system tables still queried by old install scripts (`sysobjects` …): not user objects. */
const COMPAT_VIEWS = new Set([
  'sysobjects', 'syscolumns', 'sysindexes', 'sysusers', 'sysdatabases', 'syscomments', 'systypes', 'sysconstraints',
  'sysreferences', 'sysforeignkeys', 'sysprocesses', 'syslogins', 'sysservers', 'sysfiles', 'sysfilegroups',
  'sysdepends', 'sysprotects', 'sysmembers', 'syspermissions', 'sysindexkeys', 'syscacheobjects', 'syslockinfo',
  'sysmessages', 'syslanguages', 'syscharsets', 'sysconfigures', 'sysdevices', 'sysperfinfo', 'sysaltfiles',
]);

/** Names that are the system's, never user objects: `sys.*`, `INFORMATION_SCHEMA.*`, compat views. */
export function isSystemName(n: ObjectName): boolean {
  const parts = n.parts;
  const last = parts[parts.length - 1]?.name.toLowerCase() ?? '';
  const schema = parts.length >= 2 ? parts[parts.length - 2]?.name.toLowerCase() : undefined;
  if (schema === 'sys' || schema === 'information_schema') return true;
  if (schema === undefined || schema === 'dbo') return COMPAT_VIEWS.has(last);
  return false;
}

function lastName(n: ObjectName): string {
  return n.parts[n.parts.length - 1]?.name ?? '';
}

function isTemp(n: ObjectName): boolean {
  return lastName(n).startsWith('#');
}

/** Table sources flattened through joins, parentheses and PIVOT/UNPIVOT. */
function flattenSources(sources: readonly TableSource[] | undefined, out: TableSource[] = []): TableSource[] {
  for (const s of sources ?? []) {
    switch (s.kind) {
      case 'Join':
        flattenSources([s.left, s.right], out);
        break;
      case 'ParenTableSource':
      case 'Pivot':
      case 'Unpivot':
        flattenSources([s.source], out);
        break;
      default:
        out.push(s);
    }
  }
  return out;
}

const MAX_DYNAMIC_DEPTH = 3;

/** Analyses statements (a routine body) or a query (a view, an inline function). */
export function analyzeBody(roots: readonly AnyNode[], depth = 0, dynamicAt?: Span): BodyAnalysis {
  const references: BodyReference[] = [];
  const tempTables = new Map<string, string>();
  const tableVariables = new Map<string, string>();
  const cteNames = new Set<string>();
  /** TableRef / FunctionCall nodes already given a role by their parent statement. */
  const handled = new Set<AnyNode>();
  let loops = 0;
  let usesMerge = false;
  let usesCursor = false;
  let usesDynamicSql = false;
  let dynamicSqlOpaque = false;
  let usesTransaction = false;
  let usesErrorHandling = false;

  // CTE names first: a reference may come before the WITH that defines it in walk order (never in
  // practice, but a routine can reuse a CTE name in several statements).
  walk(roots, (n) => {
    if (n.kind === 'CommonTableExpression') cteNames.add((n as unknown as { name: Identifier }).name.name.toLowerCase());
  });

  const add = (name: ObjectName, role: ReferenceRole, optional = false): void => {
    if (isTemp(name)) {
      const key = lastName(name).toLowerCase();
      if (!tempTables.has(key)) tempTables.set(key, lastName(name));
      return;
    }
    const last = lastName(name).toLowerCase();
    if (name.parts.length === 1 && (cteNames.has(last) || PSEUDO_TABLES.has(last))) return;
    if (isSystemName(name)) return;
    references.push({ name, role, optional, dynamic: dynamicAt !== undefined, span: dynamicAt ?? name.span });
  };

  /** A DML target: a table, a table variable (ignored), or an alias of a FROM source. */
  const writeTarget = (target: TableSource, from: readonly TableSource[] | undefined): void => {
    if (target.kind === 'VariableTable') return;
    if (target.kind !== 'TableRef') return; // OPENQUERY/OPENROWSET targets: remote, nothing to resolve
    handled.add(target);
    const name = target.name;
    if (name.parts.length === 1 && from) {
      const alias = lastName(name).toLowerCase();
      for (const s of flattenSources(from)) {
        const sAlias = 'alias' in s && s.alias ? s.alias.name.toLowerCase() : undefined;
        if (sAlias === alias || (!sAlias && s.kind === 'TableRef' && s.name.parts.length >= 1 && lastName(s.name).toLowerCase() === alias)) {
          if (s.kind === 'TableRef') {
            handled.add(s);
            add(s.name, 'write');
          } else if (s.kind === 'VariableTable') {
            // UPDATE t … FROM @rows AS t: a table variable.
          }
          return;
        }
      }
    }
    add(name, 'write');
  };

  const dynamicText = (exec: AnyNode & { span: Span }, text: string | undefined): void => {
    usesDynamicSql = true;
    if (text === undefined || depth >= MAX_DYNAMIC_DEPTH) {
      dynamicSqlOpaque = true;
      return;
    }
    const parsed = parseScript(text, { file: exec.span.file });
    const statements = parsed.script.batches.flatMap((b) => b.statements);
    const inner = analyzeBody(statements, depth + 1, dynamicAt ?? exec.span);
    references.push(...inner.references);
    for (const t of inner.tempTables) if (!tempTables.has(t.toLowerCase())) tempTables.set(t.toLowerCase(), t);
    loops += inner.loops;
    usesMerge ||= inner.usesMerge;
    usesCursor ||= inner.usesCursor;
    dynamicSqlOpaque ||= inner.dynamicSqlOpaque || parsed.diagnostics.some((d) => d.severity === 'error');
    usesTransaction ||= inner.usesTransaction;
    usesErrorHandling ||= inner.usesErrorHandling;
  };

  walk(roots, (node) => {
    switch (node.kind) {
      case 'Insert': {
        const n = node as Insert;
        writeTarget(n.target, undefined);
        break;
      }
      case 'Update': {
        const n = node as Update;
        writeTarget(n.target, n.from);
        break;
      }
      case 'Delete': {
        const n = node as Delete;
        writeTarget(n.target, n.from);
        break;
      }
      case 'Merge': {
        const n = node as Merge;
        usesMerge = true;
        writeTarget(n.target, undefined);
        break;
      }
      case 'Truncate':
      case 'BulkInsert':
        add((node as unknown as { table: ObjectName }).table, 'write');
        break;
      case 'QuerySpec': {
        const into = (node as QuerySpec).into;
        if (into) add(into, 'write');
        break;
      }
      case 'OutputClause': {
        const into = (node as unknown as { into?: { target: AnyNode } }).into;
        if (into && into.target.kind === 'ObjectName') add(into.target as ObjectName, 'write');
        break;
      }
      case 'CreateTable': {
        // A routine that creates a table: #temp tables are facts, permanent ones are written.
        add((node as unknown as { name: ObjectName }).name, 'write');
        return false;
      }
      case 'TableRef':
        if (!handled.has(node)) add((node as TableRef).name, 'read');
        break;
      case 'TableFunction': {
        const call = (node as unknown as { call: AnyNode }).call;
        if (call.kind === 'FunctionCall') {
          const fc = call as FunctionCall;
          handled.add(fc);
          add(fc.name, 'read', fc.name.parts.length === 1);
        }
        break;
      }
      case 'FunctionCall': {
        if (handled.has(node)) break;
        const fc = node as FunctionCall;
        add(fc.name, 'call', fc.name.parts.length === 1);
        break;
      }
      case 'NextValueFor':
        add((node as unknown as { sequence: ObjectName }).sequence, 'sequence');
        break;
      case 'ExecuteProcedure': {
        const n = node as ExecuteProcedure;
        if (n.procedure.kind === 'Variable') {
          // EXEC @procName: which procedure runs is decided at run time.
          usesDynamicSql = true;
          dynamicSqlOpaque = true;
          break;
        }
        const last = lastName(n.procedure).toLowerCase();
        if (last === 'sp_executesql') {
          const stmt = n.args.find((a) => a.name?.toLowerCase() === '@stmt') ?? n.args[0];
          dynamicText(n, constantString(stmt?.value));
          break;
        }
        add(n.procedure, 'exec');
        break;
      }
      case 'ExecuteString': {
        const n = node as ExecuteString;
        const texts = n.parts.map(constantString);
        dynamicText(n, texts.every((t) => t !== undefined) && !n.tail ? texts.join('') : undefined);
        break;
      }
      case 'DeclareTable':
        tableVariables.set((node as unknown as { name: { name: string } }).name.name.toLowerCase(), (node as unknown as { name: { name: string } }).name.name);
        break;
      case 'DeclareCursor':
      case 'DeclareCursorVariable':
      case 'CursorStatement':
      case 'Fetch':
        usesCursor = true;
        break;
      case 'SetVariable':
        if ((node as unknown as { cursorOptions?: unknown }).cursorOptions) usesCursor = true;
        break;
      case 'Transaction':
        usesTransaction = true;
        break;
      case 'TryCatch':
      case 'Throw':
      case 'Raiserror':
        usesErrorHandling = true;
        break;
      case 'Variable':
        if ((node as unknown as { name: string }).name.toUpperCase() === '@@ERROR') usesErrorHandling = true;
        break;
      case 'While':
        loops++;
        break;
      default:
        break;
    }
    return undefined;
  });

  return {
    references,
    tempTables: [...tempTables.values()],
    tableVariables: [...tableVariables.values()],
    loops,
    usesMerge,
    usesCursor,
    usesDynamicSql,
    dynamicSqlOpaque,
    usesTransaction,
    usesErrorHandling,
  };
}

/** `N'…'` or `'…' + '…'`: the constant SQL text, else undefined. */
function constantString(e: Expression | undefined): string | undefined {
  if (!e) return undefined;
  if (e.kind === 'Literal' && (e.type === 'string' || e.type === 'nstring')) return e.value;
  if (e.kind === 'Paren') return constantString(e.expr);
  if (e.kind === 'Binary' && e.op === '+') {
    const l = constantString(e.left);
    const r = constantString(e.right);
    return l !== undefined && r !== undefined ? l + r : undefined;
  }
  return undefined;
}

export type { Statement };
