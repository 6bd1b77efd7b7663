/**
 * Maps the JSON document of extract-catalog.sql (sys.* rows under their sys.* column names) to the
 * catalog. The same function serves a live connection and a JSON file a user ran by hand.
 * FOR JSON omits NULL values and empty arrays, so every field and array here may be missing.
 */
import { diagnostic } from '../../diagnostics/index.js';
import type {
  CatalogSource,
  Column,
  Dependency,
  DependencyKind,
  Index,
  KeyConstraint,
  MutableCatalog,
  ObjectKind,
  ObjectRef,
  Parameter,
  ReferentialAction,
  ResultColumn,
  SqlFunction,
  SqlType,
  Table,
  UserType,
  View,
} from '../model.js';
import { bracketName, nameKey, splitBracketedName } from '../names.js';

/** The shape extract-catalog.sql emits; field names are the sys.* column names. */
export interface ExtractDocument {
  extractVersion: number;
  database?: string;
  serverVersion?: string;
  collation?: string;
  objects?: ObjectRow[];
  columns?: ColumnRow[];
  indexes?: IndexRow[];
  indexColumns?: IndexColumnRow[];
  foreignKeys?: ForeignKeyRow[];
  foreignKeyColumns?: ForeignKeyColumnRow[];
  checks?: CheckRow[];
  modules?: { object_id: number; definition?: string }[];
  parameters?: ParameterRow[];
  dependencies?: DependencyRow[];
  extendedProperties?: { major_id: number; minor_id: number; name: string; value?: string }[];
  sequences?: SequenceRow[];
  triggers?: TriggerRow[];
  triggerEvents?: { object_id: number; type_desc: string }[];
  types?: TypeRow[];
  synonyms?: { object_id: number; base_object_name: string }[];
  rowCounts?: { object_id: number; row_count: number }[];
}

export interface ObjectRow { object_id: number; schema_name: string; name: string; type: string; parent_object_id?: number }
interface TypedRow { type_name: string; type_schema?: string; is_user_defined?: boolean; max_length?: number; precision?: number; scale?: number }
export interface ColumnRow extends TypedRow {
  object_id: number; column_id: number; name: string; is_nullable?: boolean; collation_name?: string;
  is_identity?: boolean; seed_value?: string; increment_value?: string;
  is_computed?: boolean; computed_definition?: string; is_persisted?: boolean;
  default_name?: string; default_definition?: string;
}
export interface IndexRow { object_id: number; index_id: number; name?: string; type_desc: string; is_unique?: boolean; is_primary_key?: boolean; is_unique_constraint?: boolean; filter_definition?: string }
export interface IndexColumnRow { object_id: number; index_id: number; key_ordinal?: number; column_name: string; is_descending_key?: boolean; is_included_column?: boolean }
export interface ForeignKeyRow { object_id: number; name: string; parent_object_id: number; referenced_object_id: number; referenced_schema_name: string; referenced_name: string; delete_referential_action_desc?: string; update_referential_action_desc?: string }
export interface ForeignKeyColumnRow { constraint_object_id: number; constraint_column_id: number; parent_column_name: string; referenced_column_name: string }
export interface CheckRow { object_id: number; name: string; parent_object_id: number; definition?: string }
export interface ParameterRow extends TypedRow { object_id: number; parameter_id: number; name?: string; is_output?: boolean; is_readonly?: boolean; has_default_value?: boolean; default_value?: string }
export interface DependencyRow {
  referencing_id: number; referenced_class_desc?: string; referenced_server_name?: string; referenced_database_name?: string;
  referenced_schema_name?: string; referenced_entity_name: string; referenced_id?: number; is_caller_dependent?: boolean;
}
export interface SequenceRow { object_id: number; type_name: string; precision?: number; scale?: number; start_value?: string; increment?: string; minimum_value?: string; maximum_value?: string; is_cycling?: boolean; is_cached?: boolean; cache_size?: number }
export interface TriggerRow { object_id: number; name: string; parent_class_desc?: string; parent_id?: number; is_instead_of_trigger?: boolean; is_disabled?: boolean }
export interface TypeRow { user_type_id: number; schema_name: string; name: string; base_type_name?: string; max_length?: number; precision?: number; scale?: number; is_nullable?: boolean; is_table_type?: boolean; is_assembly_type?: boolean; type_table_object_id?: number }

export const EXTRACT_VERSION = 1;

/** Checks the document is extract-catalog.sql output this reader understands; returns the reason if not. */
export function extractShapeProblem(doc: unknown): string | undefined {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return 'the JSON is not an object';
  const version = (doc as Record<string, unknown>)['extractVersion'];
  if (version === undefined) return 'extractVersion is missing';
  if (version !== EXTRACT_VERSION) return `extractVersion ${String(version)} is not ${EXTRACT_VERSION}`;
  for (const key of ['objects', 'columns', 'indexes', 'indexColumns', 'foreignKeys', 'foreignKeyColumns', 'checks', 'modules', 'parameters', 'dependencies', 'extendedProperties', 'sequences', 'triggers', 'triggerEvents', 'types', 'synonyms', 'rowCounts']) {
    const v = (doc as Record<string, unknown>)[key];
    if (v !== undefined && !Array.isArray(v)) return `${key} is not an array`;
  }
  return undefined;
}

const FUNCTION_KINDS: Record<string, SqlFunction['kind']> = { FN: 'scalar', IF: 'inline-table', TF: 'multi-statement-table', FS: 'clr-scalar', FT: 'clr-table', AF: 'aggregate' };
const OBJECT_KINDS: Record<string, ObjectKind> = { U: 'table', V: 'view', P: 'procedure', PC: 'procedure', TR: 'trigger', SO: 'sequence', SN: 'synonym', FN: 'function', IF: 'function', TF: 'function', FS: 'function', FT: 'function', AF: 'function' };

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };

export function rowsToCatalog(doc: ExtractDocument, source: CatalogSource, catalog: MutableCatalog): void {
  const database = doc.database ?? source.database ?? '';
  catalog.sources.push({ ...source, formatVersion: String(doc.extractVersion), ...(doc.database ? { database: doc.database } : {}), ...(doc.serverVersion ? { serverVersion: doc.serverVersion } : {}) });

  const objects = new Map((doc.objects ?? []).map((o) => [o.object_id, o]));
  const group = <R, K>(rows: R[] | undefined, key: (r: R) => K) => {
    const m = new Map<K, R[]>();
    for (const r of rows ?? []) {
      const list = m.get(key(r));
      if (list) list.push(r);
      else m.set(key(r), [r]);
    }
    return m;
  };
  const columnsOf = group(doc.columns, (c) => c.object_id);
  const paramsOf = group(doc.parameters, (p) => p.object_id);
  const indexesOf = group(doc.indexes, (i) => i.object_id);
  const indexColumnsOf = group(doc.indexColumns, (c) => `${c.object_id}:${c.index_id}`);
  const fkColumnsOf = group(doc.foreignKeyColumns, (c) => c.constraint_object_id);
  const eventsOf = group(doc.triggerEvents, (e) => e.object_id);
  const definitions = new Map((doc.modules ?? []).map((m) => [m.object_id, m.definition]));
  const rowCounts = new Map((doc.rowCounts ?? []).map((r) => [r.object_id, r.row_count]));
  const descriptions = new Map<string, string>();
  for (const ep of doc.extendedProperties ?? []) if (ep.name === 'MS_Description' && ep.value !== undefined) descriptions.set(`${ep.major_id}:${ep.minor_id}`, ep.value);

  const refOf = (id: number): ObjectRef | undefined => {
    const o = objects.get(id);
    if (!o) return undefined;
    const kind = OBJECT_KINDS[o.type];
    return { schema: o.schema_name, name: o.name, ...(kind ? { objectKind: kind } : {}) };
  };
  const base = (o: ObjectRow) => {
    const definition = definitions.get(o.object_id);
    const description = descriptions.get(`${o.object_id}:0`);
    return {
      schema: o.schema_name,
      name: o.name,
      location: { database, objectId: o.object_id },
      ...(definition !== undefined ? { definition } : {}),
      ...(description !== undefined ? { description } : {}),
    };
  };
  const columnOf = (c: ColumnRow): Column => {
    const description = descriptions.get(`${c.object_id}:${c.column_id}`);
    return {
      name: c.name,
      ...(c.is_computed ? {} : { type: typeOf(c) }),
      nullable: c.is_nullable ?? true,
      ...(c.is_identity ? { identity: { seed: Number(c.seed_value ?? 1), increment: Number(c.increment_value ?? 1) } } : {}),
      ...(c.default_definition !== undefined ? { default: c.default_definition } : {}),
      ...(c.default_name !== undefined ? { defaultName: c.default_name } : {}),
      ...(c.is_computed ? { computed: { expression: c.computed_definition ?? '', persisted: c.is_persisted ?? false } } : {}),
      ...(c.collation_name !== undefined ? { collation: c.collation_name } : {}),
      ...(description !== undefined ? { description } : {}),
    };
  };
  const resultColumnOf = (c: ColumnRow): ResultColumn => ({ name: c.name, type: typeOf(c), nullable: c.is_nullable ?? true });
  const indexesFor = (objectId: number): { indexes: Index[]; primaryKey?: KeyConstraint; uniqueKeys: KeyConstraint[] } => {
    const indexes: Index[] = [];
    const uniqueKeys: KeyConstraint[] = [];
    let primaryKey: KeyConstraint | undefined;
    for (const i of indexesOf.get(objectId) ?? []) {
      const cols = indexColumnsOf.get(`${objectId}:${i.index_id}`) ?? [];
      const keyCols = cols.filter((c) => !c.is_included_column && (c.key_ordinal ?? 0) > 0).sort((a, b) => (a.key_ordinal ?? 0) - (b.key_ordinal ?? 0));
      const clustered = /^CLUSTERED/.test(i.type_desc);
      if (i.is_primary_key || i.is_unique_constraint) {
        const key: KeyConstraint = { ...(i.name ? { name: i.name } : {}), columns: keyCols.map((c) => c.column_name), clustered };
        if (i.is_primary_key) primaryKey = key;
        else uniqueKeys.push(key);
        continue;
      }
      const kind = indexKind(i.type_desc);
      indexes.push({
        name: i.name ?? '',
        clustered,
        unique: i.is_unique ?? false,
        ...(kind ? { kind } : {}),
        columns: keyCols.map((c) => ({ name: c.column_name, descending: c.is_descending_key ?? false })),
        // Columnstore indexes list their columns with key_ordinal 0: they are "included", not keys.
        includedColumns: cols.filter((c) => c.is_included_column || (c.key_ordinal ?? 0) === 0).map((c) => c.column_name),
        ...(i.filter_definition !== undefined ? { filter: i.filter_definition } : {}),
      });
    }
    return { indexes, uniqueKeys, ...(primaryKey ? { primaryKey } : {}) };
  };

  const tables = new Map<number, Mutable<Table>>();
  const dependencies: Dependency[] = [];
  for (const o of objects.values()) {
    const kind = OBJECT_KINDS[o.type];
    if (kind === 'table') {
      const rowCount = rowCounts.get(o.object_id);
      const table: Mutable<Table> = {
        ...base(o),
        columns: (columnsOf.get(o.object_id) ?? []).map(columnOf),
        ...indexesFor(o.object_id),
        foreignKeys: [],
        checks: [],
        ...(rowCount !== undefined ? { rowCount } : {}),
      } as Mutable<Table>;
      tables.set(o.object_id, table);
      catalog.tables.push(table);
    } else if (kind === 'view') {
      const { indexes } = indexesFor(o.object_id);
      const view: View = { ...base(o), columns: (columnsOf.get(o.object_id) ?? []).map(resultColumnOf), indexes };
      catalog.views.push(view);
    } else if (kind === 'procedure') {
      catalog.procedures.push({ ...base(o), parameters: (paramsOf.get(o.object_id) ?? []).filter((p) => p.parameter_id > 0).map(parameterOf) });
    } else if (kind === 'function') {
      const params = paramsOf.get(o.object_id) ?? [];
      const ret = params.find((p) => p.parameter_id === 0);
      const cols = (columnsOf.get(o.object_id) ?? []).map(resultColumnOf);
      catalog.functions.push({
        ...base(o),
        kind: FUNCTION_KINDS[o.type] ?? 'scalar',
        parameters: params.filter((p) => p.parameter_id > 0).map(parameterOf),
        ...(ret ? { returnType: typeOf(ret) } : {}),
        ...(cols.length > 0 ? { resultColumns: cols } : {}),
      });
    }
  }

  for (const fk of doc.foreignKeys ?? []) {
    const table = tables.get(fk.parent_object_id);
    if (!table) {
      catalog.diagnostics.push(diagnostic('MD2023', { what: `foreign key ${fk.name}`, id: fk.parent_object_id }));
      continue;
    }
    const cols = (fkColumnsOf.get(fk.object_id) ?? []).sort((a, b) => a.constraint_column_id - b.constraint_column_id);
    const referencedTable: ObjectRef = { schema: fk.referenced_schema_name, name: fk.referenced_name, objectKind: 'table' };
    table.foreignKeys.push({
      name: fk.name,
      columns: cols.map((c) => c.parent_column_name),
      referencedTable,
      referencedColumns: cols.map((c) => c.referenced_column_name),
      onDelete: action(fk.delete_referential_action_desc),
      onUpdate: action(fk.update_referential_action_desc),
    });
    dependencies.push({ from: { schema: table.schema, name: table.name, objectKind: 'table' }, to: referencedTable, kind: 'references' });
  }
  for (const ck of doc.checks ?? []) {
    const table = tables.get(ck.parent_object_id);
    if (!table) {
      catalog.diagnostics.push(diagnostic('MD2023', { what: `check constraint ${ck.name}`, id: ck.parent_object_id }));
      continue;
    }
    table.checks.push({ name: ck.name, expression: ck.definition ?? '' });
  }

  for (const tr of doc.triggers ?? []) {
    const o = objects.get(tr.object_id);
    const parent = tr.parent_class_desc === 'OBJECT_OR_COLUMN' && tr.parent_id !== undefined ? refOf(tr.parent_id) : undefined;
    const schema = o?.schema_name ?? parent?.schema ?? 'dbo';
    const definition = definitions.get(tr.object_id);
    catalog.triggers.push({
      schema,
      name: tr.name,
      location: { database, objectId: tr.object_id },
      ...(definition !== undefined ? { definition } : {}),
      ...(parent ? { parent } : {}),
      timing: tr.is_instead_of_trigger ? 'INSTEAD OF' : 'AFTER',
      events: (eventsOf.get(tr.object_id) ?? []).map((e) => e.type_desc),
      ...(tr.is_disabled ? { disabled: true } : {}),
    });
    if (parent) dependencies.push({ from: { schema, name: tr.name, objectKind: 'trigger' }, to: parent, kind: 'triggers-on' });
  }

  for (const sq of doc.sequences ?? []) {
    const o = objects.get(sq.object_id);
    if (!o) continue;
    catalog.sequences.push({
      ...base(o),
      type: typeOf({ type_name: sq.type_name, ...(sq.precision !== undefined ? { precision: sq.precision } : {}), ...(sq.scale !== undefined ? { scale: sq.scale } : {}) }),
      ...(sq.start_value !== undefined ? { start: sq.start_value } : {}),
      ...(sq.increment !== undefined ? { increment: sq.increment } : {}),
      ...(sq.minimum_value !== undefined ? { minValue: sq.minimum_value } : {}),
      ...(sq.maximum_value !== undefined ? { maxValue: sq.maximum_value } : {}),
      cycle: sq.is_cycling ?? false,
      ...(sq.is_cached && sq.cache_size !== undefined ? { cache: sq.cache_size } : {}),
    });
  }

  for (const t of doc.types ?? []) {
    const kind: UserType['kind'] = t.is_table_type ? 'table' : t.is_assembly_type ? 'clr' : 'alias';
    const type: Mutable<UserType> = { schema: t.schema_name, name: t.name, location: { database, objectId: t.type_table_object_id ?? t.user_type_id }, kind };
    if (kind === 'alias' && t.base_type_name) {
      type.baseType = typeOf({ type_name: t.base_type_name, ...(t.max_length !== undefined ? { max_length: t.max_length } : {}), ...(t.precision !== undefined ? { precision: t.precision } : {}), ...(t.scale !== undefined ? { scale: t.scale } : {}) });
      type.nullable = t.is_nullable ?? true;
    }
    if (kind === 'table' && t.type_table_object_id !== undefined) type.columns = (columnsOf.get(t.type_table_object_id) ?? []).map(columnOf);
    catalog.types.push(type);
  }

  for (const sn of doc.synonyms ?? []) {
    const o = objects.get(sn.object_id);
    if (!o) continue;
    const parts = splitBracketedName(sn.base_object_name);
    const name = parts[parts.length - 1] ?? '';
    const schema = parts.length >= 2 ? parts[parts.length - 2]! : 'dbo';
    const db = parts.length >= 3 ? parts[parts.length - 3] : undefined;
    const server = parts.length >= 4 ? parts[parts.length - 4] : undefined;
    catalog.synonyms.push({ ...base(o), target: { schema, name, ...(db ? { database: db } : {}), ...(server ? { server } : {}) } });
  }

  dependencies.push(...expressionDependencies(doc, objects, refOf, catalog));
  catalog.dependencies.push(...dependencies);
}

/**
 * sys.sql_expression_dependencies says which names a module uses, not how: a view only reads, a
 * procedure target can only be called, the rest stays `uses` until the AST refines it. Names in
 * other databases or on linked servers are external; names SQL Server could not bind are kept and
 * reported.
 */
function expressionDependencies(
  doc: ExtractDocument,
  objects: Map<number, ObjectRow>,
  refOf: (id: number) => ObjectRef | undefined,
  catalog: MutableCatalog,
): Dependency[] {
  const out: Dependency[] = [];
  const seen = new Set<string>();
  const byName = new Map([...objects.values()].map((o) => [nameKey(o.schema_name, o.name), o.object_id]));
  for (const d of doc.dependencies ?? []) {
    if (d.referenced_class_desc !== undefined && d.referenced_class_desc !== 'OBJECT_OR_COLUMN') continue;
    const from = refOf(d.referencing_id);
    if (!from) {
      catalog.diagnostics.push(diagnostic('MD2023', { what: 'a dependency row', id: d.referencing_id }));
      continue;
    }
    const external = d.referenced_server_name || d.referenced_database_name;
    let to: ObjectRef | undefined;
    if (!external) {
      const id = d.referenced_id ?? byName.get(nameKey(d.referenced_schema_name ?? from.schema, d.referenced_entity_name));
      to = id !== undefined ? refOf(id) : undefined;
    }
    if (!to) {
      to = {
        schema: d.referenced_schema_name ?? 'dbo',
        name: d.referenced_entity_name,
        ...(d.referenced_database_name ? { database: d.referenced_database_name } : {}),
        ...(d.referenced_server_name ? { server: d.referenced_server_name } : {}),
      };
      if (!external && !d.is_caller_dependent) {
        catalog.diagnostics.push(diagnostic('MD2025', { from: bracketName(from.schema, from.name), target: bracketName(to.schema, to.name) }));
      }
    }
    if (to.objectKind === 'type' || (to.schema === from.schema && to.name === from.name)) continue;
    const kind: DependencyKind = to.objectKind === 'procedure' ? 'calls' : from.objectKind === 'view' ? 'reads' : 'uses';
    const key = `${nameKey(from.schema, from.name)}>${kind}>${nameKey(to.server ?? '', to.database ?? '', to.schema, to.name)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      from,
      to,
      kind,
      ...(external ? { external: { ...(d.referenced_database_name ? { database: d.referenced_database_name } : {}), ...(d.referenced_server_name ? { server: d.referenced_server_name } : {}) } } : {}),
    });
  }
  return out;
}

function parameterOf(p: ParameterRow): Parameter {
  return {
    name: p.name ?? '',
    type: typeOf(p),
    // sys.parameters knows T-SQL defaults exist but not their text (has_default_value is for CLR);
    // the text comes from the module definition once it is parsed.
    ...(p.has_default_value && p.default_value !== undefined ? { default: p.default_value } : {}),
    output: p.is_output ?? false,
    ...(p.is_readonly ? { readonly: true } : {}),
  };
}

/** sys.columns/sys.parameters type facts → SqlType. max_length is in bytes, -1 for (max). */
export function typeOf(r: TypedRow): SqlType {
  if (r.is_user_defined) return { name: r.type_name, ...(r.type_schema ? { schema: r.type_schema } : {}) };
  const name = r.type_name.toLowerCase();
  const length = r.max_length;
  switch (name) {
    case 'char':
    case 'varchar':
    case 'binary':
    case 'varbinary':
      return length === -1 ? { name: r.type_name, max: true } : { name: r.type_name, ...(length !== undefined ? { length } : {}) };
    case 'nchar':
    case 'nvarchar':
      return length === -1 ? { name: r.type_name, max: true } : { name: r.type_name, ...(length !== undefined ? { length: length / 2 } : {}) };
    case 'decimal':
    case 'numeric':
      return { name: r.type_name, ...(r.precision !== undefined ? { precision: r.precision } : {}), ...(r.scale !== undefined ? { scale: r.scale } : {}) };
    case 'datetime2':
    case 'datetimeoffset':
    case 'time':
      return { name: r.type_name, ...(r.scale !== undefined ? { scale: r.scale } : {}) };
    default:
      return { name: r.type_name };
  }
}

function action(desc: string | undefined): ReferentialAction {
  switch (desc) {
    case 'CASCADE':
      return 'CASCADE';
    case 'SET_NULL':
      return 'SET NULL';
    case 'SET_DEFAULT':
      return 'SET DEFAULT';
    default:
      return 'NO ACTION';
  }
}

function indexKind(typeDesc: string): string | undefined {
  if (/COLUMNSTORE/.test(typeDesc)) return 'columnstore';
  if (typeDesc === 'XML') return 'xml';
  if (typeDesc === 'SPATIAL') return 'spatial';
  return undefined;
}
