/**
 * Case-insensitive lookups over a catalog for the planner: objects by `schema.name`, names in a
 * routine body resolved the way SQL Server resolves them (the routine's schema, then dbo), and the
 * catalog's dependency edges grouped per object.
 */
import type { Catalog, CatalogObjectBase, ObjectKind, ObjectRef, Procedure, SqlFunction, Table, Trigger, View } from '../catalog/model.js';
import { idOf } from '../assess/assess.js';
import type { ObjectName } from '../tsql/index.js';

export type AnyObject = Table | View | Procedure | SqlFunction | Trigger | CatalogObjectBase;

export interface IndexedObject {
  readonly id: string;
  readonly kind: ObjectKind;
  readonly obj: AnyObject;
  /** A table created by a routine, not declared by any input (no source data to load or compare). */
  readonly created?: boolean;
}

export const key = (schema: string, name: string): string => `${schema}.${name}`.toLowerCase();

export class CatalogIndex {
  readonly byId = new Map<string, IndexedObject>();
  /** `schema.name` (lower case) → objects of any kind with that name (tables first). */
  private readonly byName = new Map<string, IndexedObject[]>();
  /** Object id → ids it reads (views, routines; tables for FKs are not reads). */
  readonly reads = new Map<string, Set<string>>();
  /** Object id → ids it writes (routines). */
  readonly writes = new Map<string, Set<string>>();
  /** Object id → function ids it calls. */
  readonly calls = new Map<string, Set<string>>();
  /** Object id → ids that read it. */
  readonly readers = new Map<string, Set<string>>();

  constructor(readonly catalog: Catalog) {
    const add = (kind: ObjectKind, list: readonly CatalogObjectBase[]): void => {
      for (const o of list) {
        const e: IndexedObject = { id: idOf(kind, o.schema, o.name), kind, obj: o };
        this.byId.set(e.id, e);
        const k = key(o.schema, o.name);
        let l = this.byName.get(k);
        if (!l) this.byName.set(k, (l = []));
        l.push(e);
      }
    };
    add('table', catalog.tables);
    add('view', catalog.views);
    add('function', catalog.functions);
    add('procedure', catalog.procedures);
    add('trigger', catalog.triggers);
    add('sequence', catalog.sequences);
    add('type', catalog.types);
    add('synonym', catalog.synonyms);
    const push = (m: Map<string, Set<string>>, a: string, b: string): void => {
      let s = m.get(a);
      if (!s) m.set(a, (s = new Set()));
      s.add(b);
    };
    for (const d of catalog.dependencies) {
      if (d.external || d.to.database || d.to.server) continue;
      const from = this.resolveRef(d.from);
      const to = this.resolveRef(d.to);
      if (!from || !to || from.id === to.id) continue;
      if (d.kind === 'reads' || (d.kind === 'uses' && (from.kind === 'view' || to.kind === 'function'))) {
        push(this.reads, from.id, to.id);
        push(this.readers, to.id, from.id);
      } else if (d.kind === 'writes') push(this.writes, from.id, to.id);
      else if (d.kind === 'calls' && to.kind === 'function') {
        push(this.calls, from.id, to.id);
        push(this.readers, to.id, from.id);
      }
    }
  }

  /**
   * A table a routine creates (`SELECT … INTO dbo.New`) that no input declares: registered so the
   * routine's model can be planned for it and later readers resolve to that model.
   */
  addCreatedTable(schema: string, name: string): IndexedObject {
    const existing = this.get('table', schema, name);
    if (existing) return existing;
    const table: Table = { schema, name, location: { database: '', objectId: 0 }, columns: [], uniqueKeys: [], foreignKeys: [], checks: [], indexes: [] };
    const e: IndexedObject = { id: idOf('table', schema, name), kind: 'table', obj: table, created: true };
    this.byId.set(e.id, e);
    const k = key(schema, name);
    const l = this.byName.get(k);
    if (l) l.unshift(e);
    else this.byName.set(k, [e]);
    return e;
  }

  /** An edge end: the kind it names when it names one, else any object of that name (tables first). */
  resolveRef(r: ObjectRef): IndexedObject | undefined {
    const l = this.byName.get(key(r.schema, r.name));
    if (!l) return undefined;
    return (r.objectKind ? l.find((e) => e.kind === r.objectKind) : undefined) ?? l[0];
  }

  get(kind: ObjectKind, schema: string, name: string): IndexedObject | undefined {
    return this.byName.get(key(schema, name))?.find((e) => e.kind === kind);
  }

  /**
   * A name written in a routine of schema `defaultSchema`: one-part names try that schema, then dbo.
   * Names in other databases, temp tables and variables resolve to nothing.
   */
  resolveName(n: ObjectName, defaultSchema: string, kinds: readonly ObjectKind[] = ['table', 'view']): IndexedObject | undefined {
    const parts = n.parts.map((p) => p?.name ?? '');
    const name = parts[parts.length - 1] ?? '';
    if (!name || name.startsWith('#') || name.startsWith('@')) return undefined;
    if (parts.length >= 3 && parts[parts.length - 3]) return undefined; // another database: external
    const schema = parts.length >= 2 ? parts[parts.length - 2] : '';
    const candidates = schema ? [schema] : [defaultSchema, 'dbo'];
    for (const s of candidates) {
      const l = this.byName.get(key(s, name));
      const hit = l?.find((e) => kinds.includes(e.kind));
      if (hit) return hit;
    }
    return undefined;
  }
}
