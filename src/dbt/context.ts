/**
 * What every part of the generator shares: the catalog and plan indexed by name, the SQL flavour,
 * and where findings go. Built once per `writeDbtProject` call.
 */
import path from 'node:path';
import type { Catalog, SourceLocation, SqlFunction, Table, View, Procedure, Trigger } from '../catalog/model.js';
import type { Diagnostic } from '../diagnostics/index.js';
import type { MigrationPlan, PlanNode } from '../plan/model.js';
import type { TargetName } from '../translate/index.js';
import { objectKey, snake } from './names.js';

export type Routine = Procedure | SqlFunction | Trigger;

export interface GenContext {
  readonly plan: MigrationPlan;
  readonly catalog: Catalog;
  readonly sqlDialect: TargetName;
  readonly diagnostics: Diagnostic[];
  readonly tables: ReadonlyMap<string, Table>;
  readonly views: ReadonlyMap<string, View>;
  readonly routines: ReadonlyMap<string, Routine>;
  /** Plan nodes by name. */
  readonly nodes: ReadonlyMap<string, PlanNode>;
  /** Plan nodes by `kind:schema.name` (lower case) of their source object. */
  readonly byObject: ReadonlyMap<string, readonly PlanNode[]>;
  /** Nodes that replace a table (a procedure's target), by the table's key. */
  readonly replacing: ReadonlyMap<string, PlanNode>;
  /** Macro name of each scalar function the plan made a macro, by `schema.name` (lower case). */
  readonly macros: ReadonlyMap<string, string>;
  /** The database the catalog describes (three-part names in it are local). */
  readonly database?: string;
  /** `location` as `file:line` relative to the inputs, for provenance comments. */
  where(location: SourceLocation): string;
  /** The file part of `where` (the name diagnostics' spans carry). */
  fileOf(location: SourceLocation): string;
}

export const objectId = (kind: string, schema: string, name: string): string => `${kind}:${objectKey(schema, name)}`;

/** `kind:schema.name` → `schema.name` key; the assessment's ids are `kind:schema.name` as written. */
function idToKey(id: string): string {
  const i = id.indexOf(':');
  return (i >= 0 ? id.slice(i + 1) : id).toLowerCase();
}

export function buildContext(plan: MigrationPlan, catalog: Catalog, sqlDialect: TargetName): GenContext {
  const tables = new Map(catalog.tables.map((t) => [objectKey(t.schema, t.name), t]));
  const views = new Map(catalog.views.map((v) => [objectKey(v.schema, v.name), v]));
  const routines = new Map<string, Routine>();
  for (const r of [...catalog.procedures, ...catalog.functions, ...catalog.triggers]) routines.set(objectKey(r.schema, r.name), r);
  const nodes = new Map(plan.nodes.map((n) => [n.name, n]));
  const byObject = new Map<string, PlanNode[]>();
  const replacing = new Map<string, PlanNode>();
  for (const n of plan.nodes) {
    const id = objectId(n.source.kind, n.source.schema, n.source.name);
    byObject.set(id, [...(byObject.get(id) ?? []), n]);
    if (n.replaces && (n.disposition === 'model' || n.disposition === 'snapshot') && !replacing.has(idToKey(n.replaces))) replacing.set(idToKey(n.replaces), n);
  }
  const macros = new Map<string, string>();
  for (const n of plan.nodes) {
    if (n.disposition !== 'macro' || n.source.kind !== 'function') continue;
    const fn = catalog.functions.find((f) => f.schema === n.source.schema && f.name === n.source.name);
    if (fn?.kind === 'scalar') macros.set(objectKey(n.source.schema, n.source.name), snake(n.name.replace(/^.*\./, '')));
  }
  const roots = catalog.sources.map((s) => path.resolve(s.path));
  const database = catalog.sources.find((s) => s.database)?.database;
  return {
    plan, catalog, sqlDialect, diagnostics: [], tables, views, routines, nodes, byObject, replacing, macros,
    ...(database ? { database } : {}),
    fileOf(location) {
      return 'file' in location ? displayPath(location.file, roots) : this.where(location);
    },
    where(location) {
      if ('file' in location) return `${displayPath(location.file, roots)}:${location.line}`;
      if ('package' in location) return `${path.basename(location.package)} (${location.part})`;
      return `database ${location.database}, object_id ${location.objectId}`;
    },
  };
}

/** A source file's path relative to the input it was read from (stable across machines). */
function displayPath(file: string, roots: readonly string[]): string {
  const abs = path.resolve(file);
  for (const r of roots) {
    const base = path.extname(r) ? path.dirname(r) : r;
    if (abs.startsWith(base + path.sep)) return path.relative(base, abs).split(path.sep).join('/');
  }
  return path.basename(file);
}
