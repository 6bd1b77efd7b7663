/**
 * Which dbt relation a T-SQL table name becomes inside a model, following dbt's layering: models
 * read staging models (`ref`), only staging reads `source()`; a table that a procedure model now
 * builds is read from that model; a view from its model. Each relation is pulled in once as an
 * import CTE (`orders as (select * from {{ ref('stg_northwind__orders') }})`), and the translator's
 * relations pass prints the CTE's name where the table stood.
 */
import type { PlanNode } from '../plan/model.js';
import type { RelationName } from '../translate/index.js';
import { objectId, type GenContext } from './context.js';
import { objectKey, refText, snake, sourceText } from './names.js';

export interface ImportCte {
  readonly name: string;
  /** `{{ ref('…') }}` or `{{ source('…', '…') }}`. */
  readonly relation: string;
}

/** The plan node a catalog object is read through, or undefined (external or unplanned). */
export function nodeFor(ctx: GenContext, kind: 'table' | 'view', schema: string, name: string, self?: string): PlanNode | undefined {
  if (kind === 'table') {
    const key = objectKey(schema, name);
    const replacing = ctx.replacing.get(key);
    if (replacing && replacing.name !== self) return replacing;
    const nodes = ctx.byObject.get(objectId('table', schema, name)) ?? [];
    return nodes.find((n) => n.disposition === 'model' && n.layer === 'staging') ?? nodes.find((n) => n.disposition === 'source');
  }
  return (ctx.byObject.get(objectId('view', schema, name)) ?? []).find((n) => n.disposition === 'model' || n.disposition === 'snapshot');
}

export function relationOf(node: PlanNode): string {
  if (node.disposition === 'source' && node.raw) return sourceText(node.raw.sourceName, node.raw.table);
  return refText(node.name);
}

/**
 * A resolver for one model: `moduleSchema` is where one-part names are looked up first (then dbo),
 * as SQL Server does. Collects the import CTEs the model needs, in first-use order.
 */
export class RelationImports {
  readonly imports: ImportCte[] = [];
  private readonly byRelation = new Map<string, string>();
  private readonly taken: Set<string>;
  /** Plan nodes read, for checking against the plan's dependsOn. */
  readonly nodesRead = new Set<string>();
  /** Tables read through a logic CTE instead of their import (an input the procedure updated in place first). */
  private readonly overrides = new Map<string, string>();

  /** From now on, `schema.name` is read from the CTE `cte`. */
  override(schema: string, name: string, cte: string): void {
    this.overrides.set(objectKey(schema, name), cte);
  }

  /** From now on, the #temp table `name` is read from the CTE `cte`. */
  overrideTemp(name: string, cte: string): void {
    this.overrides.set(name.toLowerCase(), cte);
  }

  /** A free CTE name based on `base`. */
  reserve(base: string): string {
    let name = base;
    for (let i = 2; this.taken.has(name); i++) name = `${base}_${i}`;
    this.taken.add(name);
    return name;
  }

  constructor(private readonly ctx: GenContext, readonly moduleSchema: string, readonly self?: string, reserved: Iterable<string> = []) {
    this.taken = new Set([...reserved].map((s) => s.toLowerCase()));
  }

  readonly resolve = (n: RelationName): string | undefined => {
    if (n.server) return undefined;
    if (n.name.startsWith('#')) return this.overrides.get(n.name.toLowerCase()) ?? this.tempTable(n.name);
    if (n.database && this.ctx.database && n.database.toLowerCase() !== this.ctx.database.toLowerCase()) return undefined;
    const schemas = n.schema ? [n.schema] : [this.moduleSchema, 'dbo'];
    for (const schema of schemas) {
      for (const kind of ['table', 'view'] as const) {
        const exists = kind === 'table' ? this.ctx.tables.has(objectKey(schema, n.name)) : this.ctx.views.has(objectKey(schema, n.name));
        if (!exists) continue;
        const replaced = this.overrides.get(objectKey(schema, n.name));
        if (replaced) return replaced;
        const node = nodeFor(this.ctx, kind, schema, n.name, this.self);
        return node ? this.importFor(node, n.name) : undefined;
      }
    }
    return undefined;
  };

  /** A #temp table of this routine that the plan made into its own (ephemeral) model: `<routine model>__<temp>`. */
  private tempTable(name: string): string | undefined {
    const self = this.self ? this.ctx.nodes.get(this.self) : undefined;
    if (!self) return undefined;
    const suffix = `__${snake(name.replace(/^#+/, ''))}`;
    const siblings = this.ctx.byObject.get(objectId(self.source.kind, self.source.schema, self.source.name)) ?? [];
    const node = siblings.find((x) => x !== self && x.name.endsWith(suffix) && (x.disposition === 'model' || x.disposition === 'snapshot'));
    return node ? this.importFor(node, name.replace(/^#+/, '')) : undefined;
  }

  private importFor(node: PlanNode, tableName: string): string {
    this.nodesRead.add(node.name);
    const relation = relationOf(node);
    const known = this.byRelation.get(relation);
    if (known) return known;
    let name = snake(tableName);
    if (/^\d/.test(name)) name = `t_${name}`;
    for (let i = 2; this.taken.has(name); i++) name = `${snake(tableName)}_${i}`;
    this.taken.add(name);
    this.byRelation.set(relation, name);
    this.imports.push({ name, relation });
    return name;
  }
}
