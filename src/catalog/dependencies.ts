/**
 * The AST pass over every module in a merged catalog (views, procedures, functions, triggers):
 * resolves the names their bodies use against the catalog and records
 *   - routine `facts` (tables read and written, temp tables, cursors, dynamic SQL …),
 *   - dependency edges `reads` / `writes` / `calls` / `uses` (sequences),
 *   - result columns of views and inline table-valued functions when the select list tells them.
 *
 * Resolution: case-insensitive; a one-part name is looked up in the referencing object's schema,
 * then `dbo`; 3-part names in a database the inputs describe are local, other 3/4-part names are
 * `external` edges. Names that resolve to nothing are kept as edges without a target kind and
 * reported (MD2030), never dropped. Runs after every input has been read, so a script folder
 * may reference objects a .dacpac declares.
 *
 * Modules that came from packages or a live server are parsed here from their `definition`; the
 * edges DacFx or sys.sql_expression_dependencies gave them (`uses`) are replaced by the AST's
 * reads/writes/calls where the AST found the same target.
 */
import { diagnostic, type Diagnostic, type Span } from '../diagnostics/index.js';
import { parseScript } from '../tsql/index.js';
import type { Identifier, Query, QueryBody, SelectItem, Statement, TableSource } from '../tsql/index.js';
import { analyzeBody, type BodyReference } from './ast/body.js';
import { nameParts, sqlTypeOf } from './ast/names.js';
import type { AnyNode } from './ast/walk.js';
import type {
  CatalogObjectBase, Column, Dependency, DependencyKind, MutableCatalog, ObjectKind, ObjectRef, ResultColumn, RoutineFacts,
} from './model.js';
import { bracketName, nameKey } from './names.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export type ModuleKind = 'view' | 'procedure' | 'function' | 'trigger';

/** A module whose CREATE statement was already parsed (the scripts reader hands these over). */
export interface ParsedModule {
  readonly statement: Statement;
  /** Moves a span of the parsed text to the user's file (sqlcmd expansion). */
  readonly remap?: (span: Span) => Span;
}

/** `view:schema\0name` etc. */
export function moduleKey(kind: ModuleKind, schema: string, name: string): string {
  return `${kind}:${nameKey(schema, name)}`;
}

interface Entry {
  readonly kind: ObjectKind;
  readonly schema: string;
  readonly name: string;
  readonly columns?: readonly ResultColumn[];
}

/** Every object of the catalog by case-insensitive `schema.name`. */
export class NameIndex {
  private readonly byKey = new Map<string, Entry>();
  readonly localDatabases = new Set<string>();

  constructor(catalog: MutableCatalog) {
    const add = (kind: ObjectKind, o: CatalogObjectBase, columns?: readonly ResultColumn[]): void => {
      this.byKey.set(nameKey(o.schema, o.name), { kind, schema: o.schema, name: o.name, ...(columns ? { columns } : {}) });
    };
    for (const t of catalog.tables) add('table', t, t.columns);
    for (const v of catalog.views) add('view', v, v.columns);
    for (const p of catalog.procedures) add('procedure', p);
    for (const f of catalog.functions) add('function', f, f.resultColumns);
    for (const s of catalog.sequences) add('sequence', s);
    for (const s of catalog.synonyms) add('synonym', s);
    // Triggers and types live in other namespaces; they are never the target of a FROM or EXEC.
    for (const s of catalog.sources) if (s.database) this.localDatabases.add(s.database.toLowerCase());
  }

  get(schema: string, name: string): Entry | undefined {
    return this.byKey.get(nameKey(schema, name));
  }

  setColumns(schema: string, name: string, columns: readonly ResultColumn[]): void {
    const e = this.get(schema, name);
    if (e) this.byKey.set(nameKey(schema, name), { ...e, columns });
  }
}

export interface Resolution {
  readonly ref: ObjectRef;
  readonly entry?: Entry;
  readonly external?: { readonly database?: string; readonly server?: string };
}

/** Resolves a name as SQL Server would from an object in `ownerSchema`. */
export function resolveName(index: NameIndex, parts: ReturnType<typeof nameParts>, ownerSchema: string): Resolution {
  const isLocalDb = parts.database === undefined || index.localDatabases.has(parts.database.toLowerCase());
  if (parts.server !== undefined || !isLocalDb) {
    const external = { ...(parts.database !== undefined ? { database: parts.database } : {}), ...(parts.server !== undefined ? { server: parts.server } : {}) };
    return { ref: { schema: parts.schema ?? 'dbo', name: parts.name, ...external }, external };
  }
  const candidates = parts.schema !== undefined ? [parts.schema] : ownerSchema.toLowerCase() === 'dbo' ? ['dbo'] : [ownerSchema, 'dbo'];
  for (const s of candidates) {
    const e = index.get(s, parts.name);
    if (e) return { ref: { schema: e.schema, name: e.name, objectKind: e.kind }, entry: e };
  }
  return { ref: { schema: parts.schema ?? 'dbo', name: parts.name } };
}

const EDGE_KIND: Record<BodyReference['role'], DependencyKind> = {
  read: 'reads',
  write: 'writes',
  exec: 'calls',
  call: 'calls',
  sequence: 'uses',
};

function refKey(r: ObjectRef): string {
  return [r.server ?? '', r.database ?? '', r.schema, r.name].map((p) => p.toLowerCase()).join('\u0000');
}

/** The statements/queries to analyse inside a module's CREATE statement. */
export function moduleRoots(statement: Statement): AnyNode[] {
  switch (statement.kind) {
    case 'CreateView':
      return [...(statement.with ? [statement.with] : []), statement.query];
    case 'CreateProcedure':
      return [...statement.params, ...statement.body];
    case 'CreateTrigger':
      return [...statement.body];
    case 'CreateFunction': {
      const r = statement.returns;
      const params: AnyNode[] = [...statement.params];
      if (r.kind === 'Scalar' || r.kind === 'MultiTable') return [...params, ...r.body];
      if (r.kind === 'InlineTable') return [...params, ...(r.with ? [r.with] : []), r.query];
      return params;
    }
    default:
      return [statement];
  }
}

const MODULE_STATEMENT: Record<ModuleKind, Statement['kind']> = {
  view: 'CreateView',
  procedure: 'CreateProcedure',
  function: 'CreateFunction',
  trigger: 'CreateTrigger',
};

/**
 * Runs the AST pass over every module of the catalog. `parsed` holds modules the caller already
 * parsed (by `moduleKey`); others are parsed from their `definition`.
 */
export function analyzeCatalog(catalog: MutableCatalog, parsed: ReadonlyMap<string, ParsedModule> = new Map()): void {
  const index = new NameIndex(catalog);
  const diagnostics: Diagnostic[] = [];
  const astEdges: Dependency[] = [];
  const analysed = new Set<string>();

  const modules: { kind: ModuleKind; object: Mutable<CatalogObjectBase> & { facts?: RoutineFacts } }[] = [
    ...catalog.views.map((object) => ({ kind: 'view' as const, object })),
    ...catalog.procedures.map((object) => ({ kind: 'procedure' as const, object })),
    ...catalog.functions.map((object) => ({ kind: 'function' as const, object })),
    ...catalog.triggers.map((object) => ({ kind: 'trigger' as const, object })),
  ];

  const statements = new Map<string, { statement: Statement; remap: ((s: Span) => Span) | undefined }>();
  for (const { kind, object } of modules) {
    const key = moduleKey(kind, object.schema, object.name);
    const given = parsed.get(key);
    if (given) {
      statements.set(key, { statement: given.statement, remap: given.remap });
      continue;
    }
    if (object.definition === undefined) continue;
    const label = `${bracketName(object.schema, object.name)}`;
    const result = parseScript(object.definition, { file: label });
    const statement = result.script.batches.flatMap((b) => b.statements).find((s) => s.kind === MODULE_STATEMENT[kind]);
    if (result.diagnostics.some((d) => d.severity === 'error')) diagnostics.push(diagnostic('MD2036', { object: `${kind} ${label}` }));
    if (statement) statements.set(key, { statement, remap: undefined });
  }

  // Result columns first (views may select from views), so star expansion sees earlier results.
  inferResultColumns(catalog, index, statements);

  for (const { kind, object } of modules) {
    const key = moduleKey(kind, object.schema, object.name);
    const entry = statements.get(key);
    if (!entry) continue;
    analysed.add(nameKey(object.schema, object.name) + '\u0000' + kind);
    const from: ObjectRef = { schema: object.schema, name: object.name, objectKind: kind };
    const body = analyzeBody(moduleRoots(entry.statement));
    const reads = new Map<string, ObjectRef>();
    const writes = new Map<string, ObjectRef>();
    const calls = new Map<string, ObjectRef>();
    const seenEdges = new Set<string>();
    const reported = new Set<string>();
    for (const r of body.references) {
      const parts = nameParts(r.name);
      const res = resolveName(index, parts, object.schema);
      if (!res.entry && !res.external) {
        if (r.optional) continue; // a built-in function
        if (r.role === 'exec' && /^(sp|xp)_/i.test(parts.name) && (parts.schema === undefined || /^(sys|dbo)$/i.test(parts.schema))) {
          // A system procedure (sp_send_dbmail, xp_cmdshell …): a fact, not an edge.
          const sys: ObjectRef = { schema: 'sys', name: parts.name };
          calls.set(refKey(sys), sys);
          continue;
        }
        const display = r.name.parts.map((p) => (p ? p.name : '')).join('.');
        const dkey = `${r.role}\u0000${display.toLowerCase()}`;
        if (!reported.has(dkey)) {
          reported.add(dkey);
          // Modules parsed here from a package's or server's definition have no file to point at.
          const span = entry.remap ? entry.remap(r.span) : undefined;
          diagnostics.push(diagnostic('MD2030', { from: `${kind} ${bracketName(object.schema, object.name)}`, target: display }, span));
        }
      }
      const to = res.ref;
      if (r.role === 'read') reads.set(refKey(to), to);
      else if (r.role === 'write') writes.set(refKey(to), to);
      else if (r.role === 'exec') calls.set(refKey(to), to);
      const edgeKind = EDGE_KIND[r.role];
      const ekey = `${edgeKind}\u0000${refKey(to)}\u0000${r.dynamic ? 'd' : ''}`;
      if (seenEdges.has(ekey) || (refKey(to) === refKey(from) && edgeKind === 'calls')) continue;
      seenEdges.add(ekey);
      astEdges.push({
        from,
        to,
        kind: edgeKind,
        ...(res.external ? { external: res.external } : {}),
        ...(r.dynamic ? { dynamic: true } : {}),
      });
    }
    if (body.dynamicSqlOpaque) diagnostics.push(diagnostic('MD2035', { object: `${kind} ${bracketName(object.schema, object.name)}` }));
    if (kind !== 'view') {
      object.facts = {
        tablesRead: [...reads.values()],
        tablesWritten: [...writes.values()],
        tempTables: [...body.tempTables],
        tableVariables: [...body.tableVariables],
        calls: [...calls.values()],
        loops: body.loops,
        usesMerge: body.usesMerge,
        usesCursor: body.usesCursor,
        usesDynamicSql: body.usesDynamicSql,
        dynamicSqlOpaque: body.dynamicSqlOpaque,
        usesTransaction: body.usesTransaction,
        usesErrorHandling: body.usesErrorHandling,
      };
    }
  }

  // Refine: an input's neutral edges from an analysed module give way to the AST's where the AST
  // found the same target; edges the AST did not find are kept as they were.
  const astTargets = new Set(astEdges.map((e) => `${nameKey(e.from.schema, e.from.name)}\u0000${refKey(e.to)}`));
  const kept = catalog.dependencies.filter((d) => {
    if (d.kind !== 'uses' && d.kind !== 'reads' && d.kind !== 'calls' && d.kind !== 'writes') return true;
    const fromKind = d.from.objectKind;
    if (!fromKind || !analysed.has(nameKey(d.from.schema, d.from.name) + '\u0000' + fromKind)) return true;
    return !astTargets.has(`${nameKey(d.from.schema, d.from.name)}\u0000${refKey(d.to)}`);
  });
  const seen = new Set<string>();
  const all: Dependency[] = [];
  for (const d of [...kept, ...astEdges]) {
    const key = `${d.kind}\u0000${refKey(d.from)}\u0000${refKey(d.to)}\u0000${d.dynamic ? 'd' : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    all.push(d);
  }
  catalog.dependencies.length = 0;
  catalog.dependencies.push(...all);
  catalog.diagnostics.push(...diagnostics);
}

// ---- result columns ----

function leftmostSpec(body: QueryBody): QueryBody {
  if (body.kind === 'SetOperation') return leftmostSpec(body.left);
  if (body.kind === 'ParenQuery') return leftmostSpec(body.query.body);
  return body;
}

interface Source {
  readonly alias: string;
  readonly columns: readonly ResultColumn[] | undefined;
}

function sourcesOf(index: NameIndex, from: readonly TableSource[] | undefined, ownerSchema: string, out: Source[] = []): Source[] {
  for (const s of from ?? []) {
    switch (s.kind) {
      case 'Join':
        sourcesOf(index, [s.left, s.right], ownerSchema, out);
        break;
      case 'ParenTableSource':
        sourcesOf(index, [s.source], ownerSchema, out);
        break;
      case 'TableRef': {
        const parts = nameParts(s.name);
        const res = resolveName(index, parts, ownerSchema);
        out.push({ alias: (s.alias?.name ?? parts.name).toLowerCase(), columns: res.entry?.columns });
        break;
      }
      case 'DerivedTable': {
        const cols = s.columns?.map((c) => ({ name: c.name })) ?? selectColumns(index, s.query, ownerSchema);
        out.push({ alias: (s.alias?.name ?? '').toLowerCase(), columns: cols });
        break;
      }
      default:
        out.push({ alias: ('alias' in s && s.alias ? s.alias.name : '').toLowerCase(), columns: undefined });
    }
  }
  return out;
}

/** The columns a query returns, or undefined when a `*` or an unnamed expression hides them. */
export function selectColumns(index: NameIndex, query: Query, ownerSchema: string): ResultColumn[] | undefined {
  const spec = leftmostSpec(query.body);
  if (spec.kind !== 'QuerySpec') return undefined;
  const sources = sourcesOf(index, spec.from, ownerSchema);
  const out: ResultColumn[] = [];
  const lookup = (qualifier: string | undefined, column: string): ResultColumn | undefined => {
    const lc = column.toLowerCase();
    for (const s of sources) {
      if (qualifier !== undefined && s.alias !== qualifier) continue;
      const c = s.columns?.find((x) => x.name.toLowerCase() === lc);
      if (c) return c;
    }
    return undefined;
  };
  for (const item of spec.columns as readonly SelectItem[]) {
    if (item.kind !== 'SelectColumn') return undefined;
    const e = item.expr;
    if (e.kind === 'Star') {
      const q = e.qualifier ? nameParts(e.qualifier).name.toLowerCase() : undefined;
      const matching = sources.filter((s) => q === undefined || s.alias === q);
      if (matching.length === 0 || matching.some((s) => !s.columns)) return undefined;
      for (const s of matching) {
        for (const c of s.columns!) out.push({ name: c.name, ...(c.type ? { type: c.type } : {}), ...(c.nullable !== undefined ? { nullable: c.nullable } : {}) });
      }
      continue;
    }
    let name = item.alias?.name;
    let known: ResultColumn | undefined;
    if (e.kind === 'ColumnRef') {
      const parts = e.name.parts.map((p: Identifier | null) => p?.name ?? '');
      const col = parts[parts.length - 1] ?? '';
      name ??= col;
      known = lookup(parts.length >= 2 ? parts[parts.length - 2]!.toLowerCase() : undefined, col);
    }
    if (name === undefined || name === '') return undefined;
    const type = e.kind === 'Cast' || e.kind === 'Convert' ? sqlTypeOf(e.type) : known?.type;
    out.push({ name, ...(type ? { type } : {}), ...(known?.nullable !== undefined ? { nullable: known.nullable } : {}) });
  }
  return out;
}

function inferResultColumns(catalog: MutableCatalog, index: NameIndex, statements: ReadonlyMap<string, { statement: Statement }>): void {
  const pending: { apply: () => boolean }[] = [];
  for (const view of catalog.views as Mutable<(typeof catalog.views)[number]>[]) {
    if (view.columns.length > 0) continue;
    const st = statements.get(moduleKey('view', view.schema, view.name))?.statement;
    if (st?.kind !== 'CreateView') continue;
    pending.push({
      apply: () => {
        const inferred = selectColumns(index, st.query, view.schema);
        const named = st.columns?.map((c) => c.name);
        let cols: ResultColumn[] | undefined;
        if (named) cols = named.map((n, i) => ({ ...(inferred && inferred.length === named.length ? inferred[i] : {}), name: n }));
        else cols = inferred;
        if (!cols) return false;
        view.columns = cols;
        index.setColumns(view.schema, view.name, cols);
        return true;
      },
    });
  }
  for (const fn of catalog.functions as Mutable<(typeof catalog.functions)[number]>[]) {
    if (fn.kind !== 'inline-table' || fn.resultColumns?.length) continue;
    const st = statements.get(moduleKey('function', fn.schema, fn.name))?.statement;
    if (st?.kind !== 'CreateFunction' || st.returns.kind !== 'InlineTable') continue;
    const query = st.returns.query;
    pending.push({
      apply: () => {
        const cols = selectColumns(index, query, fn.schema);
        if (!cols) return false;
        fn.resultColumns = cols;
        index.setColumns(fn.schema, fn.name, cols);
        return true;
      },
    });
  }
  // Views over views: repeat while some view's columns became known.
  let left = pending;
  for (let round = 0; round < 8 && left.length; round++) {
    const next = left.filter((p) => !p.apply());
    if (next.length === left.length) break;
    left = next;
  }
}

export type { Column };
