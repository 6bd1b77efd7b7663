/**
 * The catalog from T-SQL scripts: a folder of .sql files in any order, an SSMS "Generate Scripts"
 * file, or the expanded scripts of an SSDT project. Every statement is parsed with our parser;
 * CREATE TABLE/VIEW/PROCEDURE/FUNCTION/TRIGGER/SEQUENCE/TYPE/SYNONYM make objects, and ALTER TABLE,
 * CREATE INDEX, `DEFAULT … FOR`, `sp_addextendedproperty` and `sp_addtype` complete them.
 *
 * The scripts describe a final state: the last CREATE of a name wins (MD2031), DROP statements are
 * ignored (install scripts drop before they create), and an ALTER TABLE or CREATE INDEX applies to
 * the table it names wherever it stands, except when it precedes, in the same script, the CREATE
 * that replaced the table it was written for.
 *
 * The parsed module statements are handed to ./dependencies.ts (`analyzeCatalog`), which resolves
 * names once every input of an extract has been read.
 */
import { diagnostic, type Diagnostic, type Span } from '../diagnostics/index.js';
import { parseScript } from '../tsql/index.js';
import type {
  AlterTable, ColumnDefinition, Constraint, CreateFunction, CreateIndex, CreateProcedure, CreateSequence, CreateSynonym,
  CreateTable, CreateTrigger, CreateType, ExecuteProcedure, Expression, Parameter as AstParameter, Statement, TableElement,
  TableIndex, ViewDefinition,
} from '../tsql/index.js';
import { constantText, nameParts, numberOf, sqlTypeFromText, sqlTypeOf } from './ast/names.js';
import { moduleKey, type ModuleKind, type ParsedModule } from './dependencies.js';
import type {
  CatalogObjectBase, CheckConstraint, Column, FileLocation, ForeignKey, Index, KeyConstraint, MutableCatalog, ObjectKind, ObjectRef,
  Parameter, Procedure, ReferentialAction, ResultColumn, Sequence, SqlFunction, Synonym, Table, Trigger, UserType, View,
} from './model.js';
import { bracketName, nameKey } from './names.js';
import type { SourceMap } from './source-map.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };
type MColumn = Mutable<Column>;
type MTable = Omit<Mutable<Table>, 'columns' | 'foreignKeys'> & { columns: MColumn[]; foreignKeys: Mutable<ForeignKey>[] };

/** One script to read: its (possibly sqlcmd-expanded) text and how to find the user's file. */
export interface ScriptSource {
  /** The file name spans are parsed with (the root file of an expansion). */
  readonly file: string;
  readonly text: string;
  /** Present when `text` is a sqlcmd expansion: maps offsets back to the included files. */
  readonly map?: SourceMap;
  /** How a file path is shown in locations and diagnostics (e.g. relative to the input the user named). */
  readonly displayPath?: (file: string) => string;
}

interface Placed<T> {
  readonly object: T;
  readonly seq: number;
  readonly script: number;
  readonly at: string;
}

interface Pending {
  readonly seq: number;
  readonly script: number;
  readonly target: { readonly schema: string; readonly name: string };
  readonly what: string;
  readonly span: Span;
  /** Which maps may hold the target. */
  readonly kinds: readonly ObjectKind[];
  readonly apply: (target: Placed<Mutable<CatalogObjectBase>>, kind: ObjectKind) => void;
}

const ACTIONS: Record<string, ReferentialAction> = { 'NO ACTION': 'NO ACTION', CASCADE: 'CASCADE', 'SET NULL': 'SET NULL', 'SET DEFAULT': 'SET DEFAULT' };

/** Extended property names read as descriptions: SQL Server's MS_Description, and the plain `Description` WideWorldImporters uses. */
const DESCRIPTION_PROPERTIES = new Set(['ms_description', 'description']);

export class ScriptCatalogBuilder {
  private readonly tables = new Map<string, Placed<MTable>>();
  private readonly views = new Map<string, Placed<Mutable<View>>>();
  private readonly procedures = new Map<string, Placed<Mutable<Procedure>>>();
  private readonly functions = new Map<string, Placed<Mutable<SqlFunction>>>();
  private readonly triggers = new Map<string, Placed<Mutable<Trigger>>>();
  private readonly sequences = new Map<string, Placed<Mutable<Sequence>>>();
  private readonly types = new Map<string, Placed<Mutable<UserType>>>();
  private readonly synonyms = new Map<string, Placed<Mutable<Synonym>>>();
  private readonly pending: Pending[] = [];
  /** Columns declared without NULL/NOT NULL: their nullability may come from an alias type. */
  private readonly implicitNullability = new Set<MColumn>();
  readonly modules = new Map<string, ParsedModule>();
  readonly diagnostics: Diagnostic[] = [];
  /** Objects created per database named by USE, to tell which database the scripts build. */
  private readonly databaseUse = new Map<string, { name: string; count: number }>();
  private seq = 0;
  private scriptCount = 0;

  /** Reads one script. Parse errors are diagnostics; what parsed is still used. */
  addScript(source: ScriptSource): void {
    const script = this.scriptCount++;
    const parsed = parseScript(source.text, { file: source.file });
    const ctx = new ScriptContext(this, source, script);
    for (const d of parsed.diagnostics) this.diagnostics.push(d.span ? { ...d, span: ctx.remap(d.span) } : d);
    for (const batch of parsed.script.batches) for (const s of batch.statements) ctx.statement(s);
  }

  /** The database the scripts create objects in (the most used `USE` target), when they say. */
  get database(): string | undefined {
    let best: { name: string; count: number } | undefined;
    for (const d of this.databaseUse.values()) if (!best || d.count > best.count) best = d;
    return best?.name;
  }

  /** @internal */ nextSeq(): number {
    return this.seq++;
  }

  /** @internal */ countObjectIn(database: string | undefined): void {
    if (!database) return;
    const key = database.toLowerCase();
    const e = this.databaseUse.get(key);
    if (e) e.count++;
    else this.databaseUse.set(key, { name: database, count: 1 });
  }

  /** @internal */ place<T extends Mutable<CatalogObjectBase>>(map: Map<string, Placed<T>>, kind: ObjectKind, object: T, script: number, at: string): Placed<T> {
    const key = nameKey(object.schema, object.name);
    const before = map.get(key);
    const placed: Placed<T> = { object, seq: this.nextSeq(), script, at };
    if (before) this.diagnostics.push(diagnostic('MD2031', { kind, name: bracketName(object.schema, object.name), at }));
    map.set(key, placed);
    return placed;
  }

  /** @internal */ addPending(p: Pending): void {
    this.pending.push(p);
  }

  /** @internal */ markImplicitNullability(c: MColumn, implicit = true): void {
    if (implicit) this.implicitNullability.add(c);
    else this.implicitNullability.delete(c);
  }

  /** @internal */ maps() {
    return {
      table: this.tables, view: this.views, procedure: this.procedures, function: this.functions, trigger: this.triggers,
      sequence: this.sequences, type: this.types, synonym: this.synonyms,
    } as const;
  }

  /**
   * Applies the pending alterations, completes foreign keys and nullability, and pushes every
   * object into the catalog. Returns the parsed modules for `analyzeCatalog`.
   */
  finish(catalog: MutableCatalog): ReadonlyMap<string, ParsedModule> {
    const maps = this.maps() as unknown as Record<ObjectKind, Map<string, Placed<Mutable<CatalogObjectBase>>>>;
    for (const p of [...this.pending].sort((a, b) => a.seq - b.seq)) {
      const key = nameKey(p.target.schema, p.target.name);
      let applied = false;
      for (const kind of p.kinds) {
        const target = maps[kind].get(key);
        if (!target) continue;
        // Written for an earlier incarnation that a later CREATE in the same script replaced.
        if (target.script === p.script && target.seq > p.seq) {
          applied = true;
          break;
        }
        p.apply(target, kind);
        applied = true;
        break;
      }
      if (!applied) this.diagnostics.push(diagnostic('MD2032', { what: p.what, target: bracketName(p.target.schema, p.target.name) }, p.span));
    }

    // Alias types decide the nullability of columns that do not state it.
    for (const c of this.implicitNullability) {
      if (!c.type?.schema) continue;
      const t = this.types.get(nameKey(c.type.schema, c.type.name))?.object;
      if (t?.nullable !== undefined) c.nullable = t.nullable;
    }
    for (const { object: t } of this.tables.values()) {
      for (const fk of t.foreignKeys) {
        if (fk.referencedColumns.length > 0) continue;
        const ref = this.tables.get(nameKey(fk.referencedTable.schema, fk.referencedTable.name))?.object;
        if (ref?.primaryKey) fk.referencedColumns = [...ref.primaryKey.columns];
      }
      catalog.tables.push(t as Table);
      for (const fk of t.foreignKeys) {
        const kind = fk.referencedTable.database ? undefined : this.tables.has(nameKey(fk.referencedTable.schema, fk.referencedTable.name)) ? 'table' : undefined;
        catalog.dependencies.push({
          from: { schema: t.schema, name: t.name, objectKind: 'table' },
          to: { ...fk.referencedTable, ...(kind ? { objectKind: kind } : {}) },
          kind: 'references',
        });
      }
    }
    for (const { object } of this.views.values()) catalog.views.push(object as View);
    for (const { object } of this.procedures.values()) catalog.procedures.push(object as Procedure);
    for (const { object } of this.functions.values()) catalog.functions.push(object as SqlFunction);
    for (const { object } of this.triggers.values()) {
      if (object.parent) {
        const key = nameKey(object.parent.schema, object.parent.name);
        const kind: ObjectKind | undefined = this.tables.has(key) ? 'table' : this.views.has(key) ? 'view' : undefined;
        if (kind) object.parent = { ...object.parent, objectKind: kind };
        else this.diagnostics.push(diagnostic('MD2032', { what: `trigger ${bracketName(object.schema, object.name)}`, target: bracketName(object.parent.schema, object.parent.name) }));
        catalog.dependencies.push({ from: { schema: object.schema, name: object.name, objectKind: 'trigger' }, to: object.parent, kind: 'triggers-on' });
      }
      catalog.triggers.push(object as Trigger);
    }
    for (const { object } of this.sequences.values()) catalog.sequences.push(object as Sequence);
    for (const { object } of this.types.values()) catalog.types.push(object as UserType);
    for (const { object } of this.synonyms.values()) catalog.synonyms.push(object as Synonym);
    catalog.diagnostics.push(...this.diagnostics);
    return this.modules;
  }
}

/** Per-script state: the text to slice definitions from, the source map, the current database. */
class ScriptContext {
  private database: string | undefined;

  constructor(
    private readonly b: ScriptCatalogBuilder,
    private readonly source: ScriptSource,
    private readonly script: number,
  ) {}

  remap = (span: Span): Span => {
    const s = this.source.map ? this.source.map.remapSpan(span) : span;
    return this.source.displayPath ? { ...s, file: this.source.displayPath(s.file) } : s;
  };

  private location(span: Span): FileLocation {
    const s = this.remap(span);
    return { file: s.file, line: s.line, col: s.col };
  }

  private at(span: Span): string {
    const l = this.location(span);
    return `${l.file}:${l.line}:${l.col}`;
  }

  private text(span: Span): string {
    return this.source.text.slice(span.offset, span.end);
  }

  private exprText(e: Expression): string {
    return this.text(e.span);
  }

  private base(name: { schema: string; name: string }, span: Span): Mutable<CatalogObjectBase> {
    this.b.countObjectIn(this.database);
    return { schema: name.schema, name: name.name, location: this.location(span), definition: this.text(span) };
  }

  private module(kind: ModuleKind, schema: string, name: string, statement: Statement): void {
    this.b.modules.set(moduleKey(kind, schema, name), { statement, remap: this.remap });
  }

  /** One top-level statement of a script (IF/BEGIN…END/TRY blocks are looked into for DDL). */
  statement(s: Statement): void {
    switch (s.kind) {
      case 'CreateTable':
        return this.createTable(s);
      case 'AlterTable':
        return this.alterTable(s);
      case 'CreateIndex':
        return this.createIndex(s);
      case 'CreateView':
        return this.createView(s);
      case 'CreateProcedure':
        return this.createProcedure(s);
      case 'CreateFunction':
        return this.createFunction(s);
      case 'CreateTrigger':
        return this.createTrigger(s);
      case 'CreateSequence':
        return this.createSequence(s);
      case 'CreateType':
        return this.createType(s);
      case 'CreateSynonym':
        return this.createSynonym(s);
      case 'CreateSchema':
        for (const e of s.elements) this.statement(e);
        return;
      case 'ExecuteProcedure':
        return this.execute(s);
      case 'Use':
        this.database = s.database.name;
        return;
      case 'If':
        this.statement(s.then);
        if (s.else) this.statement(s.else);
        return;
      case 'Block':
        for (const x of s.statements) this.statement(x);
        return;
      case 'TryCatch':
        for (const x of s.tryBlock) this.statement(x);
        return;
      default:
        return;
    }
  }

  // ---- tables ----

  private createTable(s: CreateTable): void {
    const n = nameParts(s.name);
    if (n.name.startsWith('#') || n.database !== undefined && n.database.toLowerCase() === 'tempdb') return;
    const table: MTable = {
      ...this.base({ schema: n.schema ?? 'dbo', name: n.name }, s.span),
      columns: [],
      uniqueKeys: [],
      foreignKeys: [],
      checks: [],
      indexes: [],
    };
    const options: string[] = [];
    if (s.as) options.push(`as ${s.as.toLowerCase()}`);
    const storage = s.storage?.tokens.join(' ').toUpperCase().replace(/\s+/g, ' ') ?? '';
    if (/MEMORY_OPTIMIZED\s*=\s*ON/.test(storage)) options.push('memory-optimized');
    if (/SYSTEM_VERSIONING\s*=\s*ON/.test(storage)) options.push('system-versioned');
    for (const e of s.elements) this.addElement(table, e);
    if (s.elements.some((e) => e.kind === 'PeriodForSystemTime')) options.push('period-for-system-time');
    if (options.length) table.options = options;
    this.b.place(this.b.maps().table, 'table', table, this.script, this.at(s.span));
  }

  private column(table: MTable, c: ColumnDefinition): MColumn {
    const col: MColumn = { name: c.name.name, ...(c.type ? { type: sqlTypeOf(c.type) } : {}), nullable: true };
    if (c.identity) col.identity = { seed: numberOf(c.identity.seed) ?? 1, increment: numberOf(c.identity.increment) ?? 1 };
    if (c.computed) col.computed = { expression: this.exprText(c.computed.expr), persisted: c.computed.persisted };
    if (c.collate) col.collation = c.collate;
    if (c.nullable !== undefined) col.nullable = c.nullable;
    else if (col.identity) col.nullable = false;
    else if (!c.computed) this.b.markImplicitNullability(col);
    for (const k of c.constraints) this.constraint(table, k, col);
    if (c.index) this.tableIndex(table, c.index, col.name);
    return col;
  }

  /** A table element from CREATE TABLE or ALTER TABLE … ADD. `table` is the table being built. */
  private addElement(table: MTable, e: TableElement): void {
    switch (e.kind) {
      case 'ColumnDefinition':
        table.columns.push(this.column(table, e));
        return;
      case 'Constraint':
        this.constraint(table, e, undefined);
        return;
      case 'TableIndex':
        this.tableIndex(table, e, undefined);
        return;
      case 'PeriodForSystemTime':
        return;
    }
  }

  private constraint(table: MTable, k: Constraint, col: MColumn | undefined): void {
    const c = k.constraint;
    const name = k.name ? { name: k.name.name } : {};
    switch (c.kind) {
      case 'PrimaryKey':
      case 'Unique': {
        const columns = c.columns?.map((x) => x.name.name) ?? (col ? [col.name] : []);
        const clustered = c.clustered === undefined ? c.kind === 'PrimaryKey' : c.clustered.startsWith('CLUSTERED');
        const key: KeyConstraint = { ...name, columns, clustered };
        if (c.kind === 'PrimaryKey') {
          table.primaryKey = key;
          // Primary key columns are NOT NULL whatever the column said.
          for (const cname of columns) {
            const column = table.columns.find((x) => x.name.toLowerCase() === cname.toLowerCase()) ?? (col?.name.toLowerCase() === cname.toLowerCase() ? col : undefined);
            if (column) {
              column.nullable = false;
              this.b.markImplicitNullability(column, false);
            }
          }
          if (col) {
            col.nullable = false;
            this.b.markImplicitNullability(col, false);
          }
        } else table.uniqueKeys.push(key);
        return;
      }
      case 'ForeignKey': {
        const ref = nameParts(c.refTable);
        const referencedTable: ObjectRef = {
          schema: ref.schema ?? 'dbo',
          name: ref.name,
          ...(ref.database !== undefined ? { database: ref.database } : {}),
          ...(ref.server !== undefined ? { server: ref.server } : {}),
        };
        table.foreignKeys.push({
          ...name,
          columns: c.columns?.map((x) => x.name) ?? (col ? [col.name] : []),
          referencedTable,
          referencedColumns: c.refColumns?.map((x) => x.name) ?? [],
          onDelete: ACTIONS[c.onDelete ?? 'NO ACTION'] ?? 'NO ACTION',
          onUpdate: ACTIONS[c.onUpdate ?? 'NO ACTION'] ?? 'NO ACTION',
        });
        return;
      }
      case 'Check': {
        const chk: CheckConstraint = { ...name, expression: this.exprText(c.expr) };
        table.checks.push(chk);
        return;
      }
      case 'Default': {
        const target = col ?? (c.forColumn ? table.columns.find((x) => x.name.toLowerCase() === c.forColumn!.name.toLowerCase()) : undefined);
        if (!target) {
          this.b.diagnostics.push(diagnostic('MD2032', { what: `default ${k.name?.name ?? ''}`.trim(), target: `${bracketName(table.schema, table.name)}.${c.forColumn?.name ?? '?'}` }, this.remap(k.span)));
          return;
        }
        target.default = this.exprText(c.expr);
        if (k.name) target.defaultName = k.name.name;
        return;
      }
      case 'Connection':
        return;
    }
  }

  private tableIndex(table: MTable | Mutable<View>, ix: TableIndex, column: string | undefined): void {
    const clustered = ix.clustered !== undefined && ix.clustered.toUpperCase().startsWith('CLUSTERED');
    const kind = ix.clustered?.toUpperCase().includes('COLUMNSTORE') ? { kind: 'columnstore' } : {};
    const index: Index = {
      name: ix.name.name,
      clustered,
      unique: ix.unique,
      ...kind,
      columns: ix.columns?.map((c) => ({ name: c.name.name, descending: c.direction === 'DESC' })) ?? (column ? [{ name: column, descending: false }] : []),
      includedColumns: [],
    };
    table.indexes.push(index);
  }

  private alterTable(s: AlterTable): void {
    const n = nameParts(s.name);
    if (n.name.startsWith('#')) return;
    const target = { schema: n.schema ?? 'dbo', name: n.name };
    const a = s.action;
    const seq = this.b.nextSeq();
    const push = (what: string, apply: (t: MTable) => void): void =>
      this.b.addPending({ seq, script: this.script, target, what, span: this.remap(s.span), kinds: ['table'], apply: (p) => apply(p.object as unknown as MTable) });
    switch (a.kind) {
      case 'AddElements':
        push('ALTER TABLE … ADD', (t) => {
          for (const e of a.elements) this.addElement(t, e);
        });
        return;
      case 'AlterColumn':
        push('ALTER TABLE … ALTER COLUMN', (t) => {
          const i = t.columns.findIndex((c) => c.name.toLowerCase() === a.column.name.name.toLowerCase());
          const before = t.columns[i];
          const col = this.column(t, a.column);
          if (before) {
            // ALTER COLUMN restates type and nullability; defaults and descriptions stay.
            t.columns[i] = { ...before, ...(col.type ? { type: col.type } : {}), nullable: a.column.nullable ?? true, ...(col.collation ? { collation: col.collation } : {}) };
          } else t.columns.push(col);
        });
        return;
      case 'DropElements':
        push('ALTER TABLE … DROP', (t) => {
          for (const e of a.elements) {
            const name = e.name.name.toLowerCase();
            const other = (x: { name?: string }) => x.name?.toLowerCase() !== name;
            if (e.type === 'COLUMN') t.columns = t.columns.filter((c) => c.name.toLowerCase() !== name);
            else if (e.type === 'INDEX') t.indexes = t.indexes.filter(other);
            else if (e.type === 'CONSTRAINT') {
              if (t.primaryKey?.name?.toLowerCase() === name) delete t.primaryKey;
              t.uniqueKeys = t.uniqueKeys.filter(other);
              t.foreignKeys = t.foreignKeys.filter(other);
              t.checks = t.checks.filter(other);
              for (const c of t.columns) {
                if (c.defaultName?.toLowerCase() === name) {
                  delete c.default;
                  delete c.defaultName;
                }
              }
            }
          }
        });
        return;
      case 'Trigger':
        if (a.enable) return;
        this.b.addPending({
          seq, script: this.script, target, what: 'ALTER TABLE … DISABLE TRIGGER', span: this.remap(s.span), kinds: ['table', 'view'],
          apply: () => {
            for (const { object: tr } of this.b.maps().trigger.values()) {
              if (tr.parent?.name.toLowerCase() !== target.name.toLowerCase() || tr.parent.schema.toLowerCase() !== target.schema.toLowerCase()) continue;
              if (a.all || a.names.some((x) => x.name.toLowerCase() === tr.name.toLowerCase())) tr.disabled = true;
            }
          },
        });
        return;
      default:
        return;
    }
  }

  private createIndex(s: CreateIndex): void {
    const n = nameParts(s.table);
    if (n.name.startsWith('#')) return;
    const kind = s.type === 'COLUMNSTORE' ? 'columnstore' : s.type === 'XML' || s.type === 'PRIMARY XML' ? 'xml' : s.type === 'SPATIAL' ? 'spatial' : undefined;
    const index: Index = {
      name: s.name.name,
      clustered: s.clustered === 'CLUSTERED',
      unique: s.unique,
      ...(kind ? { kind } : {}),
      columns: s.columns.map((c) => ({ name: c.name.name, descending: c.direction === 'DESC' })),
      includedColumns: s.include?.map((c) => c.name) ?? [],
      ...(s.where ? { filter: this.exprText(s.where) } : {}),
    };
    this.b.addPending({
      seq: this.b.nextSeq(), script: this.script, target: { schema: n.schema ?? 'dbo', name: n.name }, what: `index ${s.name.name}`,
      span: this.remap(s.span), kinds: ['table', 'view'],
      apply: (p) => (p.object as unknown as { indexes: Index[] }).indexes.push(index),
    });
  }

  // ---- views and routines ----

  private createView(s: ViewDefinition): void {
    const n = nameParts(s.name);
    const view: Mutable<View> = { ...this.base({ schema: n.schema ?? 'dbo', name: n.name }, s.span), columns: [], indexes: [] };
    this.b.place(this.b.maps().view, 'view', view, this.script, this.at(s.span));
    this.module('view', view.schema, view.name, s);
  }

  private parameters(params: readonly AstParameter[]): Parameter[] {
    return params.map((p) => ({
      name: p.name.name,
      type: sqlTypeOf(p.type),
      ...(p.default ? { default: this.exprText(p.default) } : {}),
      output: p.output,
      ...(p.readonly ? { readonly: true } : {}),
    }));
  }

  private createProcedure(s: CreateProcedure): void {
    const n = nameParts(s.name);
    const proc: Mutable<Procedure> = { ...this.base({ schema: n.schema ?? 'dbo', name: n.name }, s.span), parameters: this.parameters(s.params) };
    this.b.place(this.b.maps().procedure, 'procedure', proc, this.script, this.at(s.span));
    this.module('procedure', proc.schema, proc.name, s);
  }

  private createFunction(s: CreateFunction): void {
    const n = nameParts(s.name);
    const r = s.returns;
    const kind: SqlFunction['kind'] =
      r.kind === 'Scalar' ? 'scalar' : r.kind === 'InlineTable' ? 'inline-table' : r.kind === 'MultiTable' ? 'multi-statement-table' : r.table ? 'clr-table' : 'clr-scalar';
    const fn: Mutable<SqlFunction> = { ...this.base({ schema: n.schema ?? 'dbo', name: n.name }, s.span), kind, parameters: this.parameters(s.params) };
    if (r.kind === 'Scalar') fn.returnType = sqlTypeOf(r.type);
    else if (r.kind === 'External' && r.type) fn.returnType = sqlTypeOf(r.type);
    const tableElements = r.kind === 'MultiTable' ? r.elements : r.kind === 'External' ? r.table : undefined;
    if (tableElements) fn.resultColumns = resultColumnsOf(tableElements);
    this.b.place(this.b.maps().function, 'function', fn, this.script, this.at(s.span));
    this.module('function', fn.schema, fn.name, s);
  }

  private createTrigger(s: CreateTrigger): void {
    const n = nameParts(s.name);
    let parent: ObjectRef | undefined;
    if (s.target.kind === 'Object') {
      const t = nameParts(s.target.name);
      parent = { schema: t.schema ?? n.schema ?? 'dbo', name: t.name };
    }
    // A DML trigger lives in its table's schema.
    const schema = n.schema ?? parent?.schema ?? 'dbo';
    const trigger: Mutable<Trigger> = {
      ...this.base({ schema, name: n.name }, s.span),
      ...(parent ? { parent } : {}),
      timing: s.timing === 'INSTEAD OF' ? 'INSTEAD OF' : 'AFTER',
      events: s.events.map((e) => e.toUpperCase()),
    };
    this.b.place(this.b.maps().trigger, 'trigger', trigger, this.script, this.at(s.span));
    this.module('trigger', trigger.schema, trigger.name, s);
  }

  // ---- other objects ----

  private createSequence(s: CreateSequence): void {
    if (s.mode !== 'CREATE') return;
    const n = nameParts(s.name);
    const seq: Mutable<Sequence> = { ...this.base({ schema: n.schema ?? 'dbo', name: n.name }, s.span), cycle: false };
    if (s.type) seq.type = sqlTypeOf(s.type);
    for (const o of s.options) {
      const value = o.value ? this.exprText(o.value).trim() : undefined;
      switch (o.name) {
        case 'START WITH':
          if (value !== undefined) seq.start = value;
          break;
        case 'INCREMENT BY':
          if (value !== undefined) seq.increment = value;
          break;
        case 'MINVALUE':
          if (value !== undefined) seq.minValue = value;
          break;
        case 'MAXVALUE':
          if (value !== undefined) seq.maxValue = value;
          break;
        case 'CYCLE':
          seq.cycle = true;
          break;
        case 'CACHE': {
          const c = numberOf(o.value);
          if (c !== undefined) seq.cache = c;
          break;
        }
        default:
          break;
      }
    }
    this.b.place(this.b.maps().sequence, 'sequence', seq, this.script, this.at(s.span));
  }

  private createType(s: CreateType): void {
    const n = nameParts(s.name);
    const base = this.base({ schema: n.schema ?? 'dbo', name: n.name }, s.span);
    let type: Mutable<UserType>;
    if (s.from) {
      type = { ...base, kind: 'alias', baseType: sqlTypeOf(s.from), nullable: s.nullability !== 'NOT NULL' };
    } else if (s.table) {
      const table: MTable = { ...base, columns: [], uniqueKeys: [], foreignKeys: [], checks: [], indexes: [] };
      for (const e of s.table) this.addElement(table, e);
      type = { ...base, kind: 'table', columns: table.columns };
    } else type = { ...base, kind: 'clr' };
    this.b.place(this.b.maps().type, 'type', type, this.script, this.at(s.span));
  }

  private createSynonym(s: CreateSynonym): void {
    const n = nameParts(s.name);
    const t = nameParts(s.target);
    const target: ObjectRef = {
      schema: t.schema ?? 'dbo',
      name: t.name,
      ...(t.database !== undefined ? { database: t.database } : {}),
      ...(t.server !== undefined ? { server: t.server } : {}),
    };
    const syn: Mutable<Synonym> = { ...this.base({ schema: n.schema ?? 'dbo', name: n.name }, s.span), target };
    this.b.place(this.b.maps().synonym, 'synonym', syn, this.script, this.at(s.span));
  }

  /** `EXEC sp_addtype …`, `EXEC sp_addextendedproperty …`; every other EXEC is data loading, not catalog. */
  private execute(s: ExecuteProcedure): void {
    if (s.procedure.kind !== 'ObjectName') return;
    const proc = nameParts(s.procedure).name.toLowerCase();
    if (proc === 'sp_addtype') return this.addType(s);
    if (proc === 'sp_addextendedproperty' || proc === 'sp_updateextendedproperty') return this.extendedProperty(s, proc);
  }

  /** Arguments by position or by `@name`, as constant text. */
  private args(s: ExecuteProcedure, names: readonly string[]): Map<string, string | undefined> {
    const out = new Map<string, string | undefined>();
    s.args.forEach((a, i) => {
      const key = a.name ? a.name.toLowerCase() : names[i];
      if (key) out.set(key, constantText(a.value));
    });
    return out;
  }

  private addType(s: ExecuteProcedure): void {
    const a = this.args(s, ['@typename', '@phystype', '@nulltype', '@owner']);
    const name = a.get('@typename');
    const phys = a.get('@phystype');
    const baseType = phys !== undefined ? sqlTypeFromText(phys) : undefined;
    if (!name || !baseType) {
      this.b.diagnostics.push(diagnostic('MD2034', { what: 'sp_addtype', reason: 'the type name and physical type must be constants' }, this.remap(s.span)));
      return;
    }
    const nulltype = (a.get('@nulltype') ?? 'NULL').toUpperCase().replace(/\s+/g, ' ').trim();
    const type: Mutable<UserType> = {
      ...this.base({ schema: a.get('@owner') ?? 'dbo', name }, s.span),
      kind: 'alias',
      baseType,
      nullable: !(nulltype === 'NOT NULL' || nulltype === 'NONULL'),
    };
    this.b.place(this.b.maps().type, 'type', type, this.script, this.at(s.span));
  }

  private extendedProperty(s: ExecuteProcedure, proc: string): void {
    const a = this.args(s, ['@name', '@value', '@level0type', '@level0name', '@level1type', '@level1name', '@level2type', '@level2name']);
    const prop = a.get('@name');
    if (!prop || !DESCRIPTION_PROPERTIES.has(prop.toLowerCase())) return;
    const value = a.get('@value');
    const l0 = a.get('@level0type')?.toUpperCase();
    const l1 = a.get('@level1type')?.toUpperCase();
    const l2 = a.get('@level2type')?.toUpperCase();
    const schema = a.get('@level0name');
    const objectName = a.get('@level1name');
    if (value === undefined || l0 !== 'SCHEMA' || !schema || !l1 || !objectName) return;
    const kinds: ObjectKind[] | undefined = ({
      TABLE: ['table'], VIEW: ['view'], PROCEDURE: ['procedure'], FUNCTION: ['function'], SEQUENCE: ['sequence'], SYNONYM: ['synonym'], TYPE: ['type'],
    } as Record<string, ObjectKind[]>)[l1];
    if (!kinds) return;
    const column = a.get('@level2name');
    if (l2 !== undefined && l2 !== 'COLUMN') return; // parameters, indexes, constraints: no description field
    this.b.addPending({
      seq: this.b.nextSeq(), script: this.script, target: { schema, name: objectName }, what: proc, span: this.remap(s.span), kinds,
      apply: (p) => {
        if (!l2) {
          p.object.description = value;
          return;
        }
        const cols = (p.object as unknown as { columns?: { name: string; description?: string }[] }).columns;
        const col = cols?.find((c) => c.name.toLowerCase() === column?.toLowerCase());
        if (col) col.description = value;
        else this.b.diagnostics.push(diagnostic('MD2032', { what: proc, target: `${bracketName(schema, objectName)}.${bracketName(column ?? '')}` }, this.remap(s.span)));
      },
    });
  }
}

/** Columns of a multi-statement function's RETURNS @t TABLE (…) or a CLR table function. */
function resultColumnsOf(elements: readonly TableElement[]): ResultColumn[] {
  const out: ResultColumn[] = [];
  for (const e of elements) {
    if (e.kind !== 'ColumnDefinition') continue;
    const pk = e.constraints.some((c) => c.constraint.kind === 'PrimaryKey');
    out.push({ name: e.name.name, ...(e.type ? { type: sqlTypeOf(e.type) } : {}), nullable: pk || e.identity ? false : e.nullable ?? true });
  }
  return out;
}

/** A ready-made builder run: reads scripts into `catalog` and returns the modules for the AST pass. */
export function readScripts(sources: readonly ScriptSource[], catalog: MutableCatalog): { modules: ReadonlyMap<string, ParsedModule>; database: string | undefined } {
  const b = new ScriptCatalogBuilder();
  for (const s of sources) b.addScript(s);
  const modules = b.finish(catalog);
  return { modules, database: b.database };
}
