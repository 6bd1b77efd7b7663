/**
 * Maps the elements of a DacFx model (model.xml of a .dacpac or .bacpac) to catalog objects.
 * Tables are built first; constraints, indexes and extended properties are then attached to the
 * table they name, because model.xml keeps them as separate top-level elements.
 */
import { diagnostic } from '../../diagnostics/index.js';
import type {
  CatalogObjectBase,
  Column,
  Dependency,
  ForeignKey,
  Index,
  KeyConstraint,
  MutableCatalog,
  ObjectKind,
  ObjectRef,
  PackageLocation,
  Parameter,
  Procedure,
  ResultColumn,
  Sequence,
  SqlFunction,
  SqlType,
  Synonym,
  Table,
  Trigger,
  UserType,
  View,
} from '../model.js';
import { bracketName, nameKey, splitBracketedName } from '../names.js';
import {
  bodyScript,
  boolProp,
  headerContents,
  intProp,
  isClrFunction,
  localName,
  nameParts,
  nestedElements,
  parameters,
  prop,
  referencedName,
  references,
  referentialAction,
  scriptDependencies,
  sqlLiteralText,
  typeOf,
} from './elements.js';
import type { ModelDocument, ModelElement } from './model-xml.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };
type MutableTable = Omit<Mutable<Table>, 'columns'> & { columns: Mutable<Column>[] };
type MutableView = Mutable<View>;

/** Element types that carry nothing a migration needs (security, storage, options). */
const NOT_CATALOGUED = new Set([
  'SqlDatabaseOptions',
  'SqlPermissionStatement',
  'SqlSchema',
  'SqlRole',
  'SqlRoleMembership',
  'SqlUser',
  'SqlLogin',
  'SqlFilegroup',
  'SqlFile',
  'SqlPartitionFunction',
  'SqlPartitionScheme',
  'SqlPartitionValue',
  'SqlFullTextCatalog',
  'SqlFullTextIndex',
  'SqlStatistic',
  'SqlApplicationRole',
  'SqlCertificate',
  'SqlAssembly',
  'SqlSymmetricKey',
  'SqlMasterKey',
  'SqlDatabaseEncryptionKey',
  'SqlDatabaseCredential',
  'SqlColumnMasterKey',
  'SqlColumnEncryptionKey',
]);

const FUNCTION_KINDS: Record<string, SqlFunction['kind']> = {
  SqlScalarFunction: 'scalar',
  SqlInlineTableValuedFunction: 'inline-table',
  SqlMultiStatementTableValuedFunction: 'multi-statement-table',
  SqlAggregate: 'aggregate',
};

const INDEX_KINDS: Record<string, string | undefined> = {
  SqlIndex: undefined,
  SqlColumnStoreIndex: 'columnstore',
  SqlXmlIndex: 'xml',
  SqlSelectiveXmlIndex: 'selective-xml',
  SqlSpatialIndex: 'spatial',
};

export function modelToCatalog(model: ModelDocument, location: PackageLocation, catalog: MutableCatalog): void {
  const ctx = new MappingContext(location, catalog);
  const byType = new Map<string, ModelElement[]>();
  for (const e of model.elements) {
    const list = byType.get(e.type);
    if (list) list.push(e);
    else byType.set(e.type, [e]);
  }
  const all = (...types: string[]) => types.flatMap((t) => byType.get(t) ?? []);

  for (const e of all('SqlTable')) ctx.addTable(e);
  for (const e of all('SqlView')) ctx.addView(e);
  for (const e of all('SqlProcedure')) ctx.addProcedure(e);
  for (const e of all(...Object.keys(FUNCTION_KINDS))) ctx.addFunction(e);
  for (const e of all('SqlSequence')) ctx.addSequence(e);
  for (const e of all('SqlUserDefinedDataType', 'SqlTableType', 'SqlUserDefinedType')) ctx.addType(e);
  for (const e of all('SqlSynonym')) ctx.addSynonym(e);
  // Constraints and indexes after the objects they belong to.
  for (const e of all('SqlPrimaryKeyConstraint', 'SqlUniqueConstraint')) ctx.addKey(e);
  for (const e of all('SqlForeignKeyConstraint')) ctx.addForeignKey(e);
  for (const e of all('SqlCheckConstraint')) ctx.addCheck(e);
  for (const e of all('SqlDefaultConstraint')) ctx.addDefault(e);
  for (const e of all(...Object.keys(INDEX_KINDS))) ctx.addIndex(e);
  for (const e of all('SqlDmlTrigger', 'SqlDatabaseDdlTrigger')) ctx.addTrigger(e);
  for (const e of all('SqlExtendedProperty')) ctx.addExtendedProperty(e);
  ctx.addScriptDependencies();
  ctx.finish();

  const handled = new Set([
    'SqlTable', 'SqlView', 'SqlProcedure', ...Object.keys(FUNCTION_KINDS), 'SqlSequence', 'SqlUserDefinedDataType', 'SqlTableType',
    'SqlUserDefinedType', 'SqlSynonym', 'SqlPrimaryKeyConstraint', 'SqlUniqueConstraint', 'SqlForeignKeyConstraint',
    'SqlCheckConstraint', 'SqlDefaultConstraint', ...Object.keys(INDEX_KINDS), 'SqlDmlTrigger', 'SqlDatabaseDdlTrigger',
    'SqlExtendedProperty',
  ]);
  const skipped = [...byType.entries()].filter(([t]) => !handled.has(t) && !NOT_CATALOGUED.has(t));
  if (skipped.length > 0) {
    const list = skipped.map(([t, es]) => `${t} (${es.length})`).join(', ');
    catalog.diagnostics.push(diagnostic('MD2006', { part: `${location.package}!${location.part}`, types: list }));
  }
}

class MappingContext {
  private readonly tables = new Map<string, MutableTable>();
  private readonly views = new Map<string, MutableView>();
  /** Every named object by key, to resolve references and attach descriptions. */
  private readonly objects = new Map<string, { kind: ObjectKind; object: Mutable<CatalogObjectBase>; element: ModelElement }>();
  private readonly dependencies: Dependency[] = [];

  constructor(
    private readonly location: PackageLocation,
    private readonly catalog: MutableCatalog,
  ) {}

  private base(e: ModelElement): Mutable<CatalogObjectBase> {
    const parts = nameParts(e);
    const name = parts[parts.length - 1] ?? '';
    const schema = parts.length >= 2 ? parts[parts.length - 2]! : 'dbo';
    return { schema, name, location: this.location };
  }

  private register(kind: ObjectKind, object: Mutable<CatalogObjectBase>, element: ModelElement): void {
    this.objects.set(nameKey(object.schema, object.name), { kind, object, element });
  }

  private refOf(parts: string[], objectKind?: ObjectKind): ObjectRef {
    const name = parts[parts.length - 1] ?? '';
    const schema = parts.length >= 2 ? parts[parts.length - 2]! : 'dbo';
    const database = parts.length >= 3 ? parts[parts.length - 3] : undefined;
    const server = parts.length >= 4 ? parts[parts.length - 4] : undefined;
    // A name in another database must not borrow the kind of a same-named local object.
    const kind = objectKind ?? (database ? undefined : this.objects.get(nameKey(schema, name))?.kind);
    return { schema, name, ...(database ? { database } : {}), ...(server ? { server } : {}), ...(kind ? { objectKind: kind } : {}) };
  }

  private unresolved(what: string, owner: string, target: string): void {
    this.catalog.diagnostics.push(diagnostic('MD2005', { what, owner, target, part: `${this.location.package}!${this.location.part}` }));
  }

  addTable(e: ModelElement): void {
    const table: MutableTable = {
      ...this.base(e),
      columns: nestedElements(e, 'Columns').map((c) => this.column(c)),
      uniqueKeys: [],
      foreignKeys: [],
      checks: [],
      indexes: [],
    };
    const options = [
      boolProp(e, 'IsMemoryOptimized', false) ? 'memory-optimized' : undefined,
      references(e, 'TemporalSystemVersioningHistoryTable').length > 0 ? 'system-versioned' : undefined,
    ].filter((o): o is string => o !== undefined);
    if (options.length > 0) table.options = options;
    this.tables.set(nameKey(table.schema, table.name), table);
    this.register('table', table, e);
  }

  private column(c: ModelElement): Mutable<Column> {
    const type = typeOf(c);
    const collation = prop(c, 'Collation');
    const col: Mutable<Column> = {
      name: localName(c),
      ...(type ? { type } : {}),
      nullable: boolProp(c, 'IsNullable', true),
      ...(collation ? { collation } : {}),
    };
    if (boolProp(c, 'IsIdentity', false)) {
      // SQL Server's IDENTITY without arguments is (1, 1); DacFx then leaves both properties out.
      col.identity = { seed: Number(prop(c, 'IdentitySeed') ?? 1), increment: Number(prop(c, 'IdentityIncrement') ?? 1) };
    }
    if (c.type === 'SqlComputedColumn' || c.type === 'SqlTableTypeComputedColumn') {
      const expression = prop(c, 'ExpressionScript');
      if (expression !== undefined) col.computed = { expression, persisted: boolProp(c, 'IsPersisted', false) };
    }
    return col;
  }

  addView(e: ModelElement): void {
    const query = prop(e, 'QueryScript');
    const view: MutableView = {
      ...this.base(e),
      columns: nestedElements(e, 'Columns').map((c) => this.resultColumn(c)),
      indexes: [],
    };
    this.setDefinition(view, e, query, () => `CREATE VIEW ${bracketName(view.schema, view.name)}\nAS\n`);
    this.views.set(nameKey(view.schema, view.name), view);
    this.register('view', view, e);
    this.catalog.views.push(view);
  }

  private resultColumn(c: ModelElement): ResultColumn {
    const type = typeOf(c);
    const nullable = c.properties.has('IsNullable') ? boolProp(c, 'IsNullable', true) : undefined;
    return { name: localName(c), ...(type ? { type } : {}), ...(nullable !== undefined ? { nullable } : {}) };
  }

  addProcedure(e: ModelElement): void {
    const proc: Mutable<Procedure> = { ...this.base(e), parameters: parameters(e) };
    this.setDefinition(proc, e, bodyScript(e), () => `CREATE PROCEDURE ${bracketName(proc.schema, proc.name)}${parameterList(proc.parameters, false)}\nAS\n`);
    this.register('procedure', proc, e);
    this.catalog.procedures.push(proc);
  }

  addFunction(e: ModelElement): void {
    const clr = isClrFunction(e);
    const baseKind = FUNCTION_KINDS[e.type] ?? 'scalar';
    const kind: SqlFunction['kind'] = clr ? (baseKind === 'scalar' ? 'clr-scalar' : baseKind === 'aggregate' ? 'aggregate' : 'clr-table') : baseKind;
    const fn: Mutable<SqlFunction> = { ...this.base(e), kind, parameters: parameters(e) };
    const returnType = kind === 'scalar' || kind === 'clr-scalar' ? typeOf(e) : undefined;
    if (returnType) fn.returnType = returnType;
    const columns = nestedElements(e, 'Columns').map((c) => this.resultColumn(c));
    if (columns.length > 0) fn.resultColumns = columns;
    if (!clr) {
      this.setDefinition(fn, e, bodyScript(e), (body) => {
        const head = `CREATE FUNCTION ${bracketName(fn.schema, fn.name)}(${parameterList(fn.parameters, true)})\n`;
        if (kind === 'inline-table') return `${head}RETURNS TABLE\nAS\n${/^\s*RETURN\b/i.test(body) ? '' : 'RETURN '}`;
        if (kind === 'multi-statement-table') {
          const variable = prop(e, 'ReturnTableVariable') ?? '@result';
          const cols = columns.map((c) => `${bracketName(c.name)} ${c.type ? typeText(c.type) : 'sql_variant'}`).join(', ');
          return `${head}RETURNS ${variable} TABLE (${cols})\nAS\n`;
        }
        return `${head}RETURNS ${returnType ? typeText(returnType) : 'sql_variant'}\nAS\n`;
      });
    }
    this.register('function', fn, e);
    this.catalog.functions.push(fn);
  }

  addSequence(e: ModelElement): void {
    const type = typeOf(e);
    const seq: Mutable<Sequence> = { ...this.base(e), ...(type ? { type } : {}), cycle: boolProp(e, 'IsCycling', false) };
    const pick: [keyof Sequence, string][] = [['start', 'StartValue'], ['increment', 'IncrementValue'], ['minValue', 'MinValue'], ['maxValue', 'MaxValue']];
    for (const [field, property] of pick) {
      const v = prop(e, property);
      if (v !== undefined) (seq as Record<string, unknown>)[field] = v;
    }
    const cache = intProp(e, 'CacheSize');
    if (cache !== undefined) seq.cache = cache;
    this.register('sequence', seq, e);
    this.catalog.sequences.push(seq);
  }

  addType(e: ModelElement): void {
    const kind: UserType['kind'] = e.type === 'SqlTableType' ? 'table' : e.type === 'SqlUserDefinedType' ? 'clr' : 'alias';
    const t: Mutable<UserType> = { ...this.base(e), kind };
    if (kind === 'alias') {
      const baseType = typeOf(e);
      if (baseType) t.baseType = baseType;
      t.nullable = boolProp(e, 'IsNullable', true);
    }
    if (kind === 'table') t.columns = nestedElements(e, 'Columns').map((c) => this.column(c));
    this.register('type', t, e);
    this.catalog.types.push(t);
  }

  addSynonym(e: ModelElement): void {
    const target = referencedName(e, 'ForObject') ?? splitBracketedName(prop(e, 'ForObjectScript') ?? '');
    const syn: Mutable<Synonym> = { ...this.base(e), target: this.refOf(target) };
    this.register('synonym', syn, e);
    this.catalog.synonyms.push(syn);
  }

  private tableFor(e: ModelElement, relationship: string, what: string): MutableTable | undefined {
    const parts = referencedName(e, relationship);
    const table = parts ? this.tables.get(nameKey(...parts.slice(-2))) : undefined;
    if (!table) this.unresolved(what, e.name ?? e.type, parts ? bracketName(...parts) : '(none)');
    return table;
  }

  addKey(e: ModelElement): void {
    const table = this.tableFor(e, 'DefiningTable', e.type === 'SqlPrimaryKeyConstraint' ? 'primary key' : 'unique constraint');
    if (!table) return;
    const isPk = e.type === 'SqlPrimaryKeyConstraint';
    const key: KeyConstraint = {
      ...constraintName(e),
      columns: nestedElements(e, 'ColumnSpecifications').map((s) => lastPart(referencedName(s, 'Column'))),
      // A primary key is clustered unless declared NONCLUSTERED; a unique constraint the other way round.
      clustered: boolProp(e, 'IsClustered', isPk),
    };
    if (isPk) table.primaryKey = key;
    else table.uniqueKeys.push(key);
  }

  addForeignKey(e: ModelElement): void {
    const table = this.tableFor(e, 'DefiningTable', 'foreign key');
    if (!table) return;
    const target = referencedName(e, 'ForeignTable') ?? [];
    const fk: ForeignKey = {
      ...constraintName(e),
      columns: references(e, 'Columns').map((r) => lastPart(splitBracketedName(r.name ?? ''))),
      referencedTable: this.refOf(target, 'table'),
      referencedColumns: references(e, 'ForeignColumns').map((r) => lastPart(splitBracketedName(r.name ?? ''))),
      onDelete: referentialAction(prop(e, 'OnDeleteAction')),
      onUpdate: referentialAction(prop(e, 'OnUpdateAction')),
    };
    table.foreignKeys.push(fk);
    this.dependencies.push({ from: { schema: table.schema, name: table.name, objectKind: 'table' }, to: fk.referencedTable, kind: 'references' });
  }

  addCheck(e: ModelElement): void {
    const table = this.tableFor(e, 'DefiningTable', 'check constraint');
    if (!table) return;
    table.checks.push({ ...constraintName(e), expression: prop(e, 'CheckExpressionScript') ?? '' });
  }

  addDefault(e: ModelElement): void {
    const columnParts = referencedName(e, 'ForColumn');
    const tableParts = referencedName(e, 'DefiningTable') ?? columnParts?.slice(0, -1);
    const table = tableParts ? this.tables.get(nameKey(...tableParts.slice(-2))) : undefined;
    const column = table?.columns.find((c) => nameKey(c.name) === nameKey(lastPart(columnParts)));
    if (!table || !column) {
      this.unresolved('default constraint', e.name ?? e.type, columnParts ? bracketName(...columnParts) : '(none)');
      return;
    }
    column.default = prop(e, 'DefaultExpressionScript') ?? '';
    const name = constraintName(e).name;
    if (name) column.defaultName = name;
  }

  addIndex(e: ModelElement): void {
    const parts = referencedName(e, 'IndexedObject');
    const key = parts ? nameKey(...parts.slice(-2)) : '';
    const owner = this.tables.get(key) ?? this.views.get(key);
    if (!owner) {
      this.unresolved('index', e.name ?? e.type, parts ? bracketName(...parts) : '(none)');
      return;
    }
    const kind = INDEX_KINDS[e.type];
    const filter = prop(e, 'FilterPredicate');
    const index: Index = {
      name: localName(e),
      clustered: boolProp(e, 'IsClustered', false),
      unique: boolProp(e, 'IsUnique', false),
      ...(kind ? { kind } : {}),
      columns: nestedElements(e, 'ColumnSpecifications').map((s) => ({
        name: lastPart(referencedName(s, 'Column')),
        descending: !boolProp(s, 'IsAscending', true),
      })),
      // A columnstore index lists its columns directly under `Columns`.
      includedColumns: [...references(e, 'IncludedColumns'), ...references(e, 'Columns')].map((r) => lastPart(splitBracketedName(r.name ?? ''))),
      ...(filter !== undefined ? { filter } : {}),
    };
    owner.indexes.push(index);
  }

  addTrigger(e: ModelElement): void {
    const parentParts = referencedName(e, 'Parent');
    const events = [
      boolProp(e, 'IsInsertTrigger', false) ? 'INSERT' : undefined,
      boolProp(e, 'IsUpdateTrigger', false) ? 'UPDATE' : undefined,
      boolProp(e, 'IsDeleteTrigger', false) ? 'DELETE' : undefined,
    ].filter((x): x is string => x !== undefined);
    // SqlTriggerType as serialised: 0 Unknown, 1 For, 2 After, 3 InsteadOf.
    const typeValue = (prop(e, 'SqlTriggerType') ?? '').toLowerCase();
    const timing: Trigger['timing'] = typeValue === '3' || typeValue === 'insteadof' ? 'INSTEAD OF' : 'AFTER';
    const parent = parentParts && e.type === 'SqlDmlTrigger' ? this.refOf(parentParts) : undefined;
    const trigger: Mutable<Trigger> = { ...this.base(e), ...(parent ? { parent } : {}), timing, events };
    if (boolProp(e, 'IsDisabled', false)) trigger.disabled = true;
    this.setDefinition(trigger, e, bodyScript(e), () =>
      parent ? `CREATE TRIGGER ${bracketName(trigger.schema, trigger.name)} ON ${bracketName(parent.schema, parent.name)}\n${timing} ${events.join(', ')}\nAS\n` : `CREATE TRIGGER ${bracketName(trigger.name)} ON DATABASE\nAS\n`,
    );
    this.register('trigger', trigger, e);
    this.catalog.triggers.push(trigger);
    if (parent) this.dependencies.push({ from: { schema: trigger.schema, name: trigger.name, objectKind: 'trigger' }, to: parent, kind: 'triggers-on' });
  }

  /**
   * `[SqlColumn].[dbo].[T].[C].[MS_Description]`: the host is named in the `Host` relationship;
   * only MS_Description is kept, as the object's or column's description.
   */
  addExtendedProperty(e: ModelElement): void {
    const parts = nameParts(e);
    if ((parts[parts.length - 1] ?? '').toLowerCase() !== 'ms_description') return;
    const host = referencedName(e, 'Host') ?? parts.slice(1, -1);
    const text = sqlLiteralText(prop(e, 'Value') ?? '');
    const objectKey = nameKey(...host.slice(0, 2));
    if (host.length === 2) {
      const found = this.objects.get(objectKey);
      if (found) found.object.description = text;
      return;
    }
    if (host.length === 3) {
      const table = this.tables.get(objectKey);
      const column = table?.columns.find((c) => nameKey(c.name) === nameKey(host[2]!));
      if (column) column.description = text;
    }
  }

  /**
   * Edges from the references DacFx resolved in each script. A view only reads; a reference to a
   * procedure can only be a call; anything else from a routine keeps the neutral `uses` kind
   * until the AST tells reads from writes.
   */
  addScriptDependencies(): void {
    for (const { kind, object, element } of this.objects.values()) {
      if (kind !== 'view' && kind !== 'procedure' && kind !== 'function' && kind !== 'trigger') continue;
      const seen = new Set<string>();
      for (const ref of scriptDependencies(element)) {
        if (!ref.name || ref.externalSource === 'BuiltIns') continue;
        const parts = splitBracketedName(ref.name);
        if (parts.length !== 2) continue; // columns, parameters and schemas are not objects
        const target = this.objects.get(nameKey(parts[0]!, parts[1]!));
        if (!target || target.object === object) continue;
        if (target.kind === 'type' || target.kind === 'trigger') continue;
        const edgeKind = target.kind === 'procedure' ? 'calls' : kind === 'view' ? 'reads' : 'uses';
        const key = `${edgeKind}\u0000${nameKey(parts[0]!, parts[1]!)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        this.dependencies.push({
          from: { schema: object.schema, name: object.name, objectKind: kind },
          to: { schema: target.object.schema, name: target.object.name, objectKind: target.kind },
          kind: edgeKind,
        });
      }
    }
  }

  finish(): void {
    for (const t of this.tables.values()) this.catalog.tables.push(t);
    this.catalog.dependencies.push(...this.dependencies);
  }

  /** Full CREATE text: the package's own header when it kept one, else a header rebuilt from the model. */
  private setDefinition(target: Mutable<CatalogObjectBase>, e: ModelElement, body: string | undefined, header: (body: string) => string): void {
    if (body === undefined) return;
    const kept = headerContents(e);
    if (kept !== undefined) {
      target.definition = `${kept}\n${body}`;
    } else {
      target.definition = header(body) + body;
      target.definitionSynthesized = true;
    }
  }
}

function constraintName(e: ModelElement): { name?: string } {
  // Inline constraints declared without a name have no Name attribute in model.xml.
  return e.name ? { name: localName(e) } : {};
}

function lastPart(parts: string[] | undefined): string {
  return parts?.[parts.length - 1] ?? '';
}

export function typeText(t: SqlType): string {
  const name = t.schema ? bracketName(t.schema, t.name) : t.name;
  if (t.max) return `${name}(max)`;
  if (t.length !== undefined) return `${name}(${t.length})`;
  if (t.precision !== undefined) return `${name}(${t.precision}${t.scale !== undefined ? `, ${t.scale}` : ''})`;
  if (t.scale !== undefined) return `${name}(${t.scale})`;
  return name;
}

function parameterList(params: readonly Parameter[], inParens: boolean): string {
  if (params.length === 0) return '';
  const items = params.map(
    (p) => `${p.name} ${p.type ? typeText(p.type) : 'sql_variant'}${p.readonly ? ' READONLY' : ''}${p.default !== undefined ? ` = ${p.default}` : ''}${p.output ? ' OUTPUT' : ''}`,
  );
  return inParens ? items.join(', ') : `\n    ${items.join(',\n    ')}`;
}
