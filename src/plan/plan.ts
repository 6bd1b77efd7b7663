/**
 * `planMigration(catalog, options) → MigrationPlan`: pure and deterministic (objects are taken in
 * kind then `schema.name` order, names claimed in that order, nodes sorted topologically with names
 * breaking ties). Here: tables, views (their layer needs every reader known), triggers, sequences,
 * names, dependencies, order, summary. The rest is decided by the small modules beside this one:
 * routine.ts + procedures.ts (procedures), functions.ts, trigger.ts, strategy.ts (incremental
 * strategies), naming.ts (names and folders), select.ts (partial plans), order.ts (order, cycles).
 */
import path from 'node:path';
import type { Assessment } from '../assess/model.js';
import { walk, type AnyNode } from '../catalog/ast/walk.js';
import type { Catalog, CatalogObjectBase, Table, Trigger, View } from '../catalog/model.js';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import { parseScript } from '../tsql/index.js';
import { CatalogIndex } from './catalog-index.js';
import { byKey, type Draft, type PlanContext } from './draft.js';
import { planFunction } from './functions.js';
import {
  PLAN_FORMAT_VERSION,
  type Layer, type MigrationPlan, type NamingConventions, type PlanDisposition, type PlannedTest, type PlanNode, type PlanSummary,
} from './model.js';
import { baseName, identifierOf, NameRegistry, render, resolveNaming, snake } from './naming.js';
import { topologicalOrder } from './order.js';
import { planProcedure } from './procedures.js';
import { classifyRoutine, type Load, type RoutineVerdict } from './routine.js';
import { matches, parseSelect, type SelectPattern } from './select.js';
import { planTrigger } from './trigger.js';

export interface PlanOptions {
  /** `duckdb`, `postgres`, `snowflake`, `bigquery`, `databricks`, `fabric`: decides incremental strategies. */
  readonly target: string;
  readonly naming?: Partial<NamingConventions>;
  readonly select?: readonly string[];
  /** When given, objects it retires (procedures, functions, triggers) are retired with its reasons. */
  readonly assessment?: Assessment;
}

const DISPOSITIONS: readonly PlanDisposition[] = ['source', 'model', 'snapshot', 'macro', 'analysis', 'test', 'manual', 'retire'];
const LAYERS: readonly Layer[] = ['sources', 'staging', 'intermediate', 'marts', 'snapshots', 'macros', 'analyses', 'tests'];

export function databaseName(catalog: Catalog): string {
  const withDb = catalog.sources.find((s) => s.database);
  if (withDb?.database) return withDb.database;
  const first = catalog.sources[0]?.path;
  if (first) return path.basename(first).replace(/\.(sql|sqlproj|dacpac|bacpac|json)$/i, '') || 'warehouse';
  return 'warehouse';
}

/** Why a view is worth a table in the marts layer, or undefined (view). */
function viewWeight(v: View): string | undefined {
  if (!v.definition) return undefined;
  let joins = 0;
  let aggregates = false;
  let windows = false;
  try {
    const parsed = parseScript(v.definition);
    walk(parsed.script as unknown as AnyNode, (n) => {
      if (n.kind === 'Join') joins++;
      if (n.kind === 'GroupBy' || (n.kind === 'QuerySpec' && (n as unknown as { quantifier?: string }).quantifier === 'DISTINCT')) aggregates = true;
      if (n.kind === 'QuerySpec' && (n as unknown as { groupBy?: unknown }).groupBy) aggregates = true;
      if (n.kind === 'FunctionCall' && (n as unknown as { over?: unknown }).over) windows = true;
      return undefined;
    });
  } catch {
    return undefined;
  }
  if (joins >= 4) return `${joins} joins`;
  if ((aggregates || windows) && joins >= 2) return `${aggregates ? 'aggregation' : 'window functions'} over ${joins} joins`;
  return undefined;
}

export function planMigration(catalog: Catalog, options: PlanOptions): MigrationPlan {
  const index = new CatalogIndex(catalog);
  const database = databaseName(catalog);
  const naming = resolveNaming(options.naming, database);
  const target = options.target.toLowerCase();
  const diagnostics: Diagnostic[] = [];

  // --- routines first: which tables procedures load decides what readers ref ---
  const verdicts = new Map<string, RoutineVerdict>();
  const assessed = new Map((options.assessment?.objects ?? []).map((o) => [o.id, o]));
  /**
   * The assessment's retire reasons the planner has no rule of its own for: duplicates and superseded
   * copies. Its name-based administration rule is the planner's too; "never referenced" is only a
   * candidate (reports and applications the database cannot see may use the object), so not taken.
   */
  const assessmentRetires = (id: string): string[] | undefined => {
    const a = assessed.get(id);
    if (a?.disposition !== 'retire') return undefined;
    const taken = a.reasons.filter((r) => /^(duplicate of|superseded name)/.test(r));
    return taken.length ? taken.map((r) => `assessment: ${r}`) : undefined;
  };
  for (const p of byKey(catalog.procedures)) {
    const id = `procedure:${p.schema}.${p.name}`;
    const retired = assessmentRetires(id);
    if (retired) {
      verdicts.set(id, { kind: 'retire', reasons: retired });
      continue;
    }
    verdicts.set(id, classifyRoutine({ obj: p, index }));
  }
  // Table id → the procedure (id) whose model replaces it, and its load.
  const derivedBy = new Map<string, { procId: string; load: Load }>();
  const conflicts = new Map<string, string[]>();
  for (const [procId, v] of verdicts) {
    if (v.kind !== 'load') continue;
    for (const l of v.loads) {
      if (l.manual) continue;
      if (derivedBy.has(l.tableId)) {
        let c = conflicts.get(l.tableId);
        if (!c) conflicts.set(l.tableId, (c = [derivedBy.get(l.tableId)!.procId]));
        c.push(procId);
      } else derivedBy.set(l.tableId, { procId, load: l });
    }
  }

  // Table id → procedures whose load of it is manual (the table then stays a plain source + staging).
  const manualLoadersOf = new Map<string, string[]>();
  for (const [procId, v] of verdicts) {
    if (v.kind !== 'load') continue;
    for (const l of v.loads) {
      if (!l.manual) continue;
      let m = manualLoadersOf.get(l.tableId);
      if (!m) manualLoadersOf.set(l.tableId, (m = []));
      m.push(procId);
    }
  }

  // --- selection ---
  const patterns: SelectPattern[] = [];
  for (const s of options.select ?? []) {
    const p = parseSelect(s);
    if (typeof p === 'string') diagnostics.push(diagnostic('MD4012', { pattern: s, reason: p }));
    else patterns.push(p);
  }
  const upstreamOf = (id: string, withLoaders: boolean): string[] => {
    const out: string[] = [];
    const v = verdicts.get(id);
    if (v?.kind === 'load') for (const l of v.loads) out.push(...l.reads, ...l.calls, l.tableId);
    else if (v?.kind === 'report') out.push(...v.reads, ...v.calls);
    else {
      out.push(...(index.reads.get(id) ?? []), ...(index.calls.get(id) ?? []));
      const t = index.byId.get(id);
      if (t?.kind === 'trigger' && (t.obj as Trigger).parent) {
        const parent = index.resolveRef((t.obj as Trigger).parent!);
        if (parent) out.push(parent.id);
      }
    }
    if (withLoaders && index.byId.get(id)?.kind === 'table') {
      const d = derivedBy.get(id);
      if (d) out.push(d.procId);
    }
    return out;
  };
  let scope: Set<string> | undefined;
  if (options.select && options.select.length) {
    scope = new Set();
    const full = new Set<string>();
    for (const p of patterns) {
      let hit = false;
      for (const e of index.byId.values()) {
        if (!matches(p, e.kind, e.obj.schema, e.obj.name)) continue;
        hit = true;
        full.add(e.id);
        if (p.upstream) {
          const stack = [e.id];
          while (stack.length) {
            const id = stack.pop()!;
            for (const u of upstreamOf(id, true)) if (!full.has(u)) { full.add(u); stack.push(u); }
          }
        }
      }
      if (!hit) diagnostics.push(diagnostic('MD4011', { pattern: p.text }));
    }
    // Whatever is planned needs its upstream to resolve refs: tables as sources, views/functions as models.
    const stack = [...full];
    for (const id of full) scope.add(id);
    while (stack.length) {
      const id = stack.pop()!;
      for (const u of upstreamOf(id, false)) if (!scope.has(u)) { scope.add(u); stack.push(u); }
    }
  }
  const inScope = (id: string): boolean => !scope || scope.has(id);
  // A table is replaced by a procedure's model only when that procedure is planned too.
  const derived = (tableId: string): { procId: string; load: Load } | undefined => {
    const d = derivedBy.get(tableId);
    return d && inScope(d.procId) ? d : undefined;
  };

  // --- drafts ---
  const drafts: Draft[] = [];
  const nodeOfObject = new Map<string, Draft>();
  const stagingOf = new Map<string, Draft>();
  const sourceOf = new Map<string, Draft>();
  const loadNode = new Map<string, Draft>();
  const sourceNameOf = (schema: string): string => identifierOf(render(naming.sourceName, { database, schema })) || 'source';
  const newDraft = (d: Omit<Draft, 'name' | 'readIds' | 'readDrafts' | 'reasons' | 'diagnostics'> & Partial<Pick<Draft, 'readIds' | 'readDrafts' | 'reasons' | 'diagnostics'>>): Draft => {
    const draft: Draft = { name: '', readIds: [], readDrafts: [], reasons: [], diagnostics: [], ...d };
    drafts.push(draft);
    return draft;
  };
  const location = (o: CatalogObjectBase): PlanNode['source']['location'] => o.location;
  const pathIn = (folder: keyof NamingConventions['folders'], sub?: string) => (name: string): string =>
    ['models', naming.folders[folder], ...(sub ? [sub] : []), `${name}.sql`].join('/');
  const noteUndefined = (d: Draft, o: CatalogObjectBase & { definition?: string }): void => {
    if (!o.definition) d.diagnostics.push(diagnostic('MD4009', { object: d.objectId }));
  };

  const ctx: PlanContext = { index, naming, database, target, newDraft, pathIn, noteUndefined, derivedBy, conflicts, loadNode, nodeOfObject };

  // Tables: a source each, and a staging model unless a planned procedure's model replaces it.
  for (const t of byKey(catalog.tables)) {
    const id = `table:${t.schema}.${t.name}`;
    if (!inScope(id)) continue;
    const src = sourceNameOf(t.schema);
    const rawSchema = identifierOf(render(naming.rawSchema, { database, schema: t.schema })) || 'raw';
    const d = derived(id);
    const source = newDraft({
      wanted: () => `${src}.${t.name}`, objectId: id, obj: t, kind: 'table', disposition: 'source', layer: 'sources',
      raw: { schema: rawSchema, identifier: t.name, sourceName: src, table: t.name },
      pathOf: () => ['models', naming.folders.staging, src, `_${src}__sources.yml`].join('/'),
    });
    source.reasons.push(`table: the loader puts its rows into ${rawSchema}.${t.name}; dbt reads them as source('${src}', '${t.name}')`);
    sourceOf.set(id, source);
    if (d) {
      const p = index.byId.get(d.procId)!.obj;
      source.reasons.push(`loaded by procedure ${p.schema}.${p.name} in the source system: its model replaces the table (readers ref the model), and the loaded rows are what the model is checked against; no staging model`);
      continue;
    }
    const staging = newDraft({
      wanted: () => identifierOf(render(naming.staging, { database, schema: t.schema, source: src, table: snake(t.name) })),
      objectId: id, obj: t, kind: 'table', disposition: 'model', layer: 'staging', materialization: 'view',
      readDrafts: [source], pathOf: pathIn('staging', src),
    });
    staging.reasons.push(`staging model of ${t.schema}.${t.name}: selects the source's columns under their source names (translated views and procedures reference those names), no business logic`);
    staging.reasons.push('view materialization: staging is a thin, always-current layer over the raw table');
    const writers = [...(conflicts.get(id) ?? [])];
    const manualLoaders = manualLoadersOf.get(id) ?? [];
    if (manualLoaders.length && !writers.length) staging.reasons.push(`also written by ${manualLoaders.map((x) => x.replace(/^procedure:/, '')).join(', ')} (planned as manual): readers use the loaded data`);
    stagingOf.set(id, staging);
  }

  // Views: intermediate when other planned nodes read them, marts otherwise (decided after all drafts exist).
  for (const v of byKey(catalog.views)) {
    const id = `view:${v.schema}.${v.name}`;
    if (!inScope(id)) continue;
    const draft = newDraft({
      wanted: () => '', objectId: id, obj: v, kind: 'view', disposition: 'model', layer: 'marts', materialization: 'view',
      readIds: [...(index.reads.get(id) ?? []), ...(index.calls.get(id) ?? [])],
      view: { heavy: viewWeight(v), indexed: v.indexes.length > 0 },
    });
    noteUndefined(draft, v);
    nodeOfObject.set(id, draft);
  }

  // Functions.
  for (const f of byKey(catalog.functions)) {
    const id = `function:${f.schema}.${f.name}`;
    if (!inScope(id)) continue;
    const reads = [...(index.reads.get(id) ?? []), ...(index.calls.get(id) ?? [])];
    const draft = planFunction(ctx, f, id, reads, assessmentRetires(id));
    nodeOfObject.set(id, draft);
  }


  // Procedures.
  for (const p of byKey(catalog.procedures)) {
    const id = `procedure:${p.schema}.${p.name}`;
    if (!inScope(id)) continue;
    planProcedure(ctx, p, id, verdicts.get(id)!);
  }


  // Triggers.
  for (const t of byKey(catalog.triggers)) {
    const id = `trigger:${t.schema}.${t.name}`;
    if (!inScope(id)) continue;
    const retired = assessmentRetires(id);
    if (retired) {
      const d = newDraft({ wanted: () => snake(t.name), objectId: id, obj: t, kind: 'trigger', disposition: 'retire', layer: 'tests' });
      d.reasons.push(...retired);
      continue;
    }
    const verdict = planTrigger(t, index);
    const d = newDraft({
      wanted: () => snake(t.name), objectId: id, obj: t, kind: 'trigger', disposition: verdict.disposition, layer: 'tests',
      ...(verdict.pattern && verdict.disposition !== 'test' ? { pattern: verdict.pattern } : {}),
      readIds: verdict.disposition === 'test' && verdict.tableId ? [verdict.tableId, ...(verdict.reads ?? [])] : [],
    });
    d.reasons.push(...verdict.reasons);
    if (verdict.tests.length) {
      d.tests = [...verdict.tests];
      const singular = verdict.tests.some((x) => x.test === 'singular');
      d.pathOf = singular ? (name: string) => `tests/${name}.sql` : undefined;
    }
    if (verdict.disposition === 'manual') d.diagnostics.push(diagnostic('MD4002', { object: id, reason: verdict.reasons[verdict.reasons.length - 1] ?? 'trigger logic' }));
    noteUndefined(d, t);
  }

  // Sequences, types and synonyms: nothing to build; the plan says where their job went.
  // Columns filled by `NEXT VALUE FOR seq` defaults, by sequence (one pass over every column).
  const sequenceUsers = new Map<string, string[]>();
  for (const t of catalog.tables) {
    for (const c of t.columns) {
      const m = c.default ? /next\s+value\s+for\s+((?:\[[^\]]+\]|[\w$#@]+)(?:\s*\.\s*(?:\[[^\]]+\]|[\w$#@]+))?)/i.exec(c.default) : null;
      if (!m) continue;
      const parts = m[1]!.split('.').map((x) => x.trim().replace(/^\[|\]$/g, ''));
      const k = (parts.length === 2 ? `${parts[0]}.${parts[1]}` : `${t.schema}.${parts[0]}`).toLowerCase();
      let l = sequenceUsers.get(k);
      if (!l) sequenceUsers.set(k, (l = []));
      l.push(`${t.schema}.${t.name}.${c.name}`);
    }
  }
  for (const s of byKey(catalog.sequences)) {
    const id = `sequence:${s.schema}.${s.name}`;
    if (!inScope(id)) continue;
    const users = sequenceUsers.get(`${s.schema}.${s.name}`.toLowerCase()) ?? [];
    const d = newDraft({ wanted: () => snake(s.name), objectId: id, obj: s, kind: 'sequence', disposition: 'retire', layer: 'marts' });
    d.reasons.push(`sequence: dbt has no sequences; ${users.length ? `the columns it fills (${[...users].sort().join(', ')}) get a surrogate key expression in the models that build them` : 'models that need its numbers compute a surrogate key expression instead'}`);
  }
  for (const ty of byKey(catalog.types)) {
    const id = `type:${ty.schema}.${ty.name}`;
    if (!inScope(id)) continue;
    const d = newDraft({ wanted: () => snake(ty.name), objectId: id, obj: ty, kind: 'type', disposition: 'retire', layer: 'marts' });
    d.reasons.push(ty.kind === 'table' ? 'table type: parameters of this type become models or vars where procedures used them' : `${ty.kind} type: columns use the base type${ty.baseType ? ` (${ty.baseType.name})` : ''} in the target`);
  }
  for (const sy of byKey(catalog.synonyms)) {
    const id = `synonym:${sy.schema}.${sy.name}`;
    if (!inScope(id)) continue;
    const d = newDraft({ wanted: () => snake(sy.name), objectId: id, obj: sy, kind: 'synonym', disposition: 'retire', layer: 'marts' });
    d.reasons.push(`synonym for ${[sy.target.database, sy.target.schema, sy.target.name].filter(Boolean).join('.')}: references resolve to the target object's node`);
  }

  // --- which node provides an object's data ---
  const provider = (objId: string): Draft | undefined => {
    const e = index.byId.get(objId);
    if (!e) return undefined;
    if (e.kind === 'table') {
      const d = derived(objId);
      if (d) return loadNode.get(objId);
      return stagingOf.get(objId) ?? sourceOf.get(objId);
    }
    return nodeOfObject.get(objId);
  };

  // --- views: layer, materialization, name ---
  const readBy = new Map<Draft, Set<Draft>>();
  for (const d of drafts) {
    if (d.disposition === 'retire' || d.disposition === 'manual') continue;
    for (const r of d.readIds) {
      const p = provider(r);
      if (!p || p === d) continue;
      let s = readBy.get(p);
      if (!s) readBy.set(p, (s = new Set()));
      s.add(d);
    }
  }
  for (const d of drafts) {
    if (!d.view) continue;
    const v = d.obj as View;
    const readers = [...(readBy.get(d) ?? [])].filter((x) => x !== d);
    const nameBase = baseName(v.name);
    if (readers.length) {
      d.layer = 'intermediate';
      (d as { wanted: () => string }).wanted = () => identifierOf(render(naming.intermediate, { database, schema: v.schema, name: nameBase }));
      d.pathOf = pathIn('intermediate');
      const names = [...new Set(readers.map((r) => `${r.obj.schema}.${r.obj.name}`))].sort();
      d.reasons.push(`view read by ${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''}: an intermediate model`);
      d.reasons.push('view materialization: intermediate steps stay views (always current, nothing stored twice)');
    } else {
      d.layer = 'marts';
      (d as { wanted: () => string }).wanted = () => identifierOf(render(naming.mart, { database, schema: v.schema, name: nameBase }));
      d.pathOf = pathIn('marts');
      d.reasons.push('view that nothing in the estate reads: an end-user query, so a marts model');
      if (d.view.indexed) {
        d.materialization = 'table';
        d.reasons.push('table materialization: the view is indexed (materialized) on SQL Server, so its readers expect stored rows');
      } else if (d.view.heavy) {
        d.materialization = 'table';
        d.reasons.push(`table materialization: ${d.view.heavy} is heavy to recompute on every read by BI tools; dbt builds it once per run`);
      } else {
        d.reasons.push('view materialization: light enough to compute when queried, and always as current as its inputs like the source view');
      }
    }
  }

  // --- names ---
  const names = new NameRegistry();
  for (const d of drafts) {
    const wanted = d.wanted() || snake(d.obj.name);
    // A report named like a view (SalesByCategory vs "Sales by Category") reads best with its role.
    const alternative = d.pattern === 'report' ? `${wanted}_report` : d.kind !== 'table' && d.kind !== 'view' ? `${wanted}_${d.kind}` : undefined;
    const { name, renamed } = names.claim(wanted, alternative);
    d.name = name;
    if (renamed) d.diagnostics.push(diagnostic('MD4016', { name: wanted, object: d.objectId, unique: name }));
  }

  // --- dependencies ---
  const deps = new Map<string, Set<string>>();
  const byName = new Map<string, Draft>();
  for (const d of drafts) byName.set(d.name, d);
  for (const d of drafts) {
    const set = new Set<string>();
    if (d.disposition !== 'retire' && d.disposition !== 'manual') {
      for (const r of d.readIds) {
        const p = provider(r);
        if (p && p !== d) set.add(p.name);
      }
      for (const r of d.readDrafts) if (r !== d) set.add(r.name);
    }
    deps.set(d.name, set);
  }
  const ordered = topologicalOrder(deps);
  for (const b of ordered.breaks) {
    const d = byName.get(b.node)!;
    const set = deps.get(b.node)!;
    const substituted: string[] = [];
    for (const x of b.dropped) {
      set.delete(x);
      const other = byName.get(x);
      // A model replacing a table is read from the table's raw source instead.
      const src = other?.replaces ? sourceOf.get(other.replaces) : undefined;
      if (src) {
        set.add(src.name);
        substituted.push(`${x} (via ${src.name})`);
      } else substituted.push(x);
    }
    const diag = diagnostic('MD4001', { cycle: b.cycle.join(' → '), node: b.node, dropped: substituted.join(', ') });
    d.diagnostics.push(diag);
    diagnostics.push(diag);
    d.reasons.push(`part of a dependency cycle (${b.cycle.join(', ')}): reads ${substituted.join(', ')} from the raw source to break it`);
  }
  // Source substitutions add edges to sources, which depend on nothing: the order stays valid.
  const position = new Map(ordered.order.map((n, i) => [n, i]));

  const nodes: PlanNode[] = drafts
    .map((d): PlanNode => {
      const loc = d.obj;
      const path = d.pathOf && d.disposition !== 'retire' && d.disposition !== 'manual' ? d.pathOf(d.name) : undefined;
      const trigger = d.kind === 'trigger' && d.tests?.length && !path ? testYamlPath(d) : undefined;
      return {
        name: d.name,
        objectId: d.objectId,
        source: { kind: d.kind, schema: loc.schema, name: loc.name, location: location(loc) },
        disposition: d.disposition,
        layer: d.layer,
        ...(d.materialization ? { materialization: d.materialization } : {}),
        ...(d.pattern ? { pattern: d.pattern } : {}),
        ...(path ? { path } : trigger ? { path: trigger } : {}),
        dependsOn: [...deps.get(d.name)!].sort(),
        order: position.get(d.name)!,
        reasons: d.reasons,
        ...(d.raw ? { raw: d.raw } : {}),
        ...(d.replaces ? { replaces: d.replaces } : {}),
        ...(d.statements?.length ? { statements: d.statements } : {}),
        ...(d.incremental ? { incremental: d.incremental } : {}),
        ...(d.snapshot ? { snapshot: d.snapshot } : {}),
        ...(d.vars?.length ? { vars: d.vars } : {}),
        ...(d.tests?.length ? { tests: d.kind === 'trigger' ? withRefs(d, d.tests) : d.tests } : {}),
        diagnostics: d.diagnostics,
      };
    })
    .sort((a, b) => a.order - b.order);

  /**
   * Singular tests carry T-SQL with the source's table names; `arguments.refs` maps each name the SQL
   * may use (`schema.name` and bare `name`, lower case) to the node providing it.
   */
  function withRefs(d: Draft, tests: readonly PlannedTest[]): PlannedTest[] {
    const refs: Record<string, string> = {};
    for (const id of d.readIds) {
      const e = index.byId.get(id);
      const p = provider(id);
      if (!e || !p) continue;
      refs[`${e.obj.schema}.${e.obj.name}`.toLowerCase()] = p.name;
      if (!(e.obj.name.toLowerCase() in refs)) refs[e.obj.name.toLowerCase()] = p.name;
    }
    const sorted = Object.fromEntries(Object.entries(refs).sort(([a], [b]) => (a < b ? -1 : 1)));
    const tested = d.readIds[0] ? provider(d.readIds[0])?.name : undefined;
    return tests.map((x) => ({
      ...(x.test === 'singular' ? { ...x, arguments: { ...(x.arguments ?? {}), refs: sorted } } : x),
      ...(tested ? { model: tested } : {}),
    }));
  }

  function testYamlPath(d: Draft): string | undefined {
    // Generic tests live in the properties file of the model they test.
    // readIds[0] is the trigger's table; the node providing it is the model tested.
    const node = d.readIds[0] ? provider(d.readIds[0]) : undefined;
    if (!node?.pathOf) return undefined;
    const p = node.pathOf(node.name);
    const dir = p.slice(0, p.lastIndexOf('/'));
    const layerFile = node.layer === 'staging' ? `_${(node.obj as Table) && sourceNameOf(node.obj.schema)}__models.yml` : `_${node.layer}__models.yml`;
    return `${dir}/${layerFile}`;
  }

  const seen = new Set(diagnostics);
  for (const n of nodes) for (const d of n.diagnostics) if (!seen.has(d)) { seen.add(d); diagnostics.push(d); }
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    sources: catalog.sources,
    target,
    naming,
    select: [...(options.select ?? [])],
    summary: summarise(nodes),
    nodes,
    diagnostics,
  };
}

function summarise(nodes: readonly PlanNode[]): PlanSummary {
  const byDisposition = Object.fromEntries(DISPOSITIONS.map((d) => [d, 0])) as Record<PlanDisposition, number>;
  const byLayer = Object.fromEntries(LAYERS.map((l) => [l, 0])) as Record<Layer, number>;
  const patterns = new Map<string, number>();
  for (const n of nodes) {
    byDisposition[n.disposition]++;
    byLayer[n.layer]++;
    if (n.pattern) patterns.set(n.pattern, (patterns.get(n.pattern) ?? 0) + 1);
  }
  const byPattern = Object.fromEntries([...patterns].sort(([a], [b]) => (a < b ? -1 : 1)));
  return { nodes: nodes.length, byDisposition, byLayer, byPattern };
}
