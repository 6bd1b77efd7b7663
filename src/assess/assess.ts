/**
 * `assess(catalog, options) → Assessment`: pure (no I/O). Inventory, complexity score, effort,
 * disposition with reasons, dependency graph (cycles, external references) and migration waves.
 * The formula and the rules are documented in README.md; keep the two in step.
 */
import type { Catalog, CatalogObjectBase, ObjectKind, ObjectRef, RoutineFacts, SqlFunction, Trigger } from '../catalog/model.js';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import { isTargetName, transpile } from '../translate/index.js';
import { stronglyConnected, waveNumbers } from './graph.js';
import { bodyMetrics, emptyMetrics, type BodyMetrics } from './metrics.js';
import {
  ASSESSMENT_FORMAT_VERSION, DISPOSITIONS, LEVELS, resolveOptions,
  type AssessedObject, type Assessment, type AssessOptions, type AssessOptionsResolved, type Breakdown, type ComplexityMetrics,
  type ComplexityPart, type Disposition, type ExternalReference, type GraphEdge, type Level, type Wave,
} from './model.js';

interface Entry {
  readonly id: string;
  readonly kind: ObjectKind;
  readonly subkind?: string;
  readonly obj: CatalogObjectBase;
  readonly facts?: RoutineFacts;
}

const MODULE_KINDS: ReadonlySet<ObjectKind> = new Set(['view', 'procedure', 'function', 'trigger']);

/** Words (split on `_` and camel case) that mark administration, configuration or logging code. */
export const ADMIN_WORDS: ReadonlySet<string> = new Set([
  'reseed', 'configuration', 'configure', 'config', 'setup', 'install', 'maintenance', 'cleanup', 'purge', 'backup',
  'restore', 'reindex', 'rebuild', 'shrink', 'log', 'logging', 'audit', 'deploy', 'deployment', 'role', 'permission', 'grant',
]);
const SUPERSEDED = /(_|\b)(old|bak|backup|copy|obsolete|deprecated|unused|v\d+|\d{6,8})$/i;

export function idOf(kind: ObjectKind, schema: string, name: string): string {
  return `${kind}:${schema}.${name}`;
}

export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

function lineCount(text: string | undefined): number {
  if (!text) return 0;
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  if (text.endsWith('\n')) n--;
  return n;
}

/** Body text with comments, whitespace, case, brackets and the object's own name taken out. */
export function normaliseBody(text: string, schema: string, name: string): string {
  let t = text.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');
  t = t.toLowerCase().replace(/[[\]"]/g, '');
  const own = [`${schema}.${name}`, name].map((s) => s.toLowerCase());
  for (const s of own) {
    const re = new RegExp(`(?<![\\w@#$])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w@#$])`, 'g');
    t = t.replace(re, '§');
  }
  t = t.replace(/\bcreate\s+or\s+alter\b|\balter\b|\bcreate\b/g, 'create');
  return t.replace(/\s+/g, ' ').trim();
}

function collect(catalog: Catalog): Entry[] {
  const out: Entry[] = [];
  const add = (kind: ObjectKind, list: readonly CatalogObjectBase[], sub?: (o: CatalogObjectBase) => string | undefined): void => {
    for (const o of list) {
      const s = sub?.(o);
      out.push({
        id: idOf(kind, o.schema, o.name), kind, obj: o,
        ...(s ? { subkind: s } : {}),
        ...((o as { facts?: RoutineFacts }).facts ? { facts: (o as { facts?: RoutineFacts }).facts! } : {}),
      });
    }
  };
  add('table', catalog.tables);
  add('view', catalog.views);
  add('procedure', catalog.procedures);
  add('function', catalog.functions, (o) => (o as SqlFunction).kind);
  add('trigger', catalog.triggers, (o) => ((o as Trigger).parent ? 'dml' : 'ddl'));
  add('sequence', catalog.sequences);
  add('type', catalog.types);
  add('synonym', catalog.synonyms);
  return out;
}

function mergeFacts(m: BodyMetrics, f: RoutineFacts | undefined): BodyMetrics {
  if (!f) return m;
  return {
    ...m,
    tempTables: Math.max(m.tempTables, f.tempTables.length),
    tableVariables: Math.max(m.tableVariables, f.tableVariables.length),
    cursors: Math.max(m.cursors, f.usesCursor ? 1 : 0),
    loops: Math.max(m.loops, f.loops),
    dynamicSql: m.dynamicSql || f.usesDynamicSql,
    // The catalog parsed constant dynamic SQL strings; its verdict on opacity is the better one.
    dynamicSqlOpaque: f.dynamicSqlOpaque,
    transactions: m.transactions || f.usesTransaction,
    errorHandling: m.errorHandling || f.usesErrorHandling,
    merge: m.merge || f.usesMerge,
  };
}

/**
 * The complexity formula: capped points per factor, summed and capped at 100. Each line is
 * `[factor, points]`; README.md lists the same table.
 */
export function scoreParts(m: ComplexityMetrics): ComplexityPart[] {
  const raw: [string, number][] = [
    ['statements', Math.min(15, m.statements * 0.75)],
    ['joins', Math.min(10, m.joins * 1)],
    ['subqueries', Math.min(10, m.subqueries * 2)],
    ['nesting depth', Math.min(10, Math.max(0, m.nestingDepth - 1) * 2.5)],
    ['temp tables / table variables', Math.min(8, (m.tempTables + m.tableVariables) * 2)],
    ['cursors', m.cursors > 0 ? 15 : 0],
    ['loops', Math.min(12, m.loops * 8)],
    ['dynamic SQL', m.dynamicSql ? (m.dynamicSqlOpaque ? 15 : 8) : 0],
    ['transactions', m.transactions ? 8 : 0],
    ['error handling', m.errorHandling ? 5 : 0],
    ['XML/JSON', m.xmlJson ? 6 : 0],
    ['MERGE', m.merge ? 8 : 0],
    ['SCD logic', m.scd ? 10 : 0],
    ['SET ROWCOUNT', m.setRowcount ? 4 : 0],
    ['translator findings', Math.min(10, (m.translatorErrors ?? 0) * 3 + (m.translatorWarnings ?? 0) * 1)],
    ['fan-in/fan-out', Math.min(6, (m.fanIn + m.fanOut) * 0.5)],
  ];
  return raw
    .filter(([, p]) => p > 0)
    .map(([factor, points]) => ({ factor, points: Math.round(points * 100) / 100 }))
    .sort((a, b) => b.points - a.points || a.factor.localeCompare(b.factor));
}

export function levelOf(score: number, o: AssessOptionsResolved): Level {
  if (score >= o.levelThresholds.veryHigh) return 'very high';
  if (score >= o.levelThresholds.high) return 'high';
  if (score >= o.levelThresholds.medium) return 'medium';
  return 'low';
}

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function refText(r: ObjectRef): string {
  return [r.server, r.database, r.schema, r.name].filter(Boolean).join('.');
}

function translatorCounts(definition: string, target: string): { errors: number; warnings: number } | undefined {
  if (!isTargetName(target)) return undefined;
  try {
    const r = transpile(definition, { to: target });
    let errors = 0;
    let warnings = 0;
    for (const d of r.diagnostics) {
      if (!d.code.startsWith('MD3')) continue;
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
    }
    return { errors, warnings };
  } catch {
    // The translator is another stage; a crash there must not stop the assessment.
    return undefined;
  }
}

export function assess(catalog: Catalog, options: AssessOptions = {}): Assessment {
  const opts = resolveOptions(options);
  const entries = collect(catalog);
  const byKindName = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const e of entries) {
    const k = `${e.obj.schema}.${e.obj.name}`.toLowerCase();
    byKindName.set(`${e.kind}|${k}`, e.id);
    if (!byName.has(k)) byName.set(k, e.id);
  }
  const resolve = (r: ObjectRef): string | undefined => {
    const k = `${r.schema}.${r.name}`.toLowerCase();
    return (r.objectKind ? byKindName.get(`${r.objectKind}|${k}`) : undefined) ?? byName.get(k);
  };

  const diagnostics: Diagnostic[] = [];
  const objectDiags = new Map<string, Diagnostic[]>();
  const note = (id: string, d: Diagnostic): void => {
    diagnostics.push(d);
    let l = objectDiags.get(id);
    if (!l) objectDiags.set(id, (l = []));
    l.push(d);
  };

  // --- graph ---
  const deps = new Map<string, Set<string>>();
  const dependents = new Map<string, Set<string>>();
  for (const e of entries) {
    deps.set(e.id, new Set());
    dependents.set(e.id, new Set());
  }
  const edges: GraphEdge[] = [];
  const edgeSeen = new Set<string>();
  const externalReferences: ExternalReference[] = [];
  const unresolvedReferences: ExternalReference[] = [];
  const extSeen = new Set<string>();
  for (const d of catalog.dependencies) {
    const from = resolve(d.from);
    if (!from) continue;
    const ext = d.external ?? (d.to.database || d.to.server ? { database: d.to.database, server: d.to.server } : undefined);
    const to = ext ? undefined : resolve(d.to);
    if (!to) {
      const key = `${from}|${refText(d.to).toLowerCase()}`;
      if (extSeen.has(key)) continue;
      extSeen.add(key);
      const ref: ExternalReference = {
        from, target: refText(d.to),
        ...(ext?.database ? { database: ext.database } : {}),
        ...(ext?.server ? { server: ext.server } : {}),
      };
      if (ext) {
        externalReferences.push(ref);
        const where = ext.server ? `linked server ${ext.server}` : `database ${ext.database ?? '?'}`;
        note(from, diagnostic('MD8003', { object: from, target: ref.target, where }));
      } else unresolvedReferences.push(ref);
      continue;
    }
    if (to === from) continue;
    const key = `${from}|${to}|${d.kind}`;
    if (edgeSeen.has(key)) continue;
    edgeSeen.add(key);
    edges.push({ from, to, kind: d.kind });
    deps.get(from)!.add(to);
    dependents.get(to)!.add(from);
  }
  const components = stronglyConnected(deps);
  const cycles = components.filter((c) => c.length > 1);
  const inCycle = new Map<string, string[]>();
  for (const c of cycles) {
    for (const id of c) inCycle.set(id, c);
    const d = diagnostic('MD8002', { cycle: c.join(' → ') });
    diagnostics.push(d);
    for (const id of c) {
      let l = objectDiags.get(id);
      if (!l) objectDiags.set(id, (l = []));
      l.push(d);
    }
  }

  // Tables used by more than one object: retiring an object that touches them is not safe.
  const sharedUse = (id: string): boolean => (dependents.get(id)?.size ?? 0) > 1;

  // --- duplicates (same normalised body) ---
  const firstWithBody = new Map<string, string>();
  const duplicateOf = new Map<string, string>();
  for (const e of entries) {
    if (!MODULE_KINDS.has(e.kind) || !e.obj.definition || e.obj.definition.length < 40) continue;
    const norm = `${e.kind}|${normaliseBody(e.obj.definition, e.obj.schema, e.obj.name)}`;
    const first = firstWithBody.get(norm);
    if (first) duplicateOf.set(e.id, first);
    else firstWithBody.set(norm, e.id);
  }

  // Catalog diagnostics (parse, name resolution) that fall inside an object's definition.
  const catalogDiagsByFile = new Map<string, Diagnostic[]>();
  for (const d of catalog.diagnostics) {
    if (!d.span) continue;
    let l = catalogDiagsByFile.get(d.span.file);
    if (!l) catalogDiagsByFile.set(d.span.file, (l = []));
    l.push(d);
  }
  for (const l of catalogDiagsByFile.values()) l.sort((x, y) => x.span!.line - y.span!.line);
  const catalogDiagsOf = (o: CatalogObjectBase, lines: number): Diagnostic[] => {
    const loc = o.location;
    if (!('file' in loc) || lines === 0) return [];
    const list = catalogDiagsByFile.get(loc.file);
    if (!list) return [];
    // Binary search for the first diagnostic at or after the object's first line (lists are sorted below).
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.span!.line < loc.line) lo = mid + 1;
      else hi = mid;
    }
    const out: Diagnostic[] = [];
    for (let i = lo; i < list.length && list[i]!.span!.line < loc.line + lines; i++) out.push(list[i]!);
    return out;
  };

  // --- per object ---
  const objects: AssessedObject[] = [];
  for (const e of entries) {
    const def = e.obj.definition;
    let body = def ? bodyMetrics(def) : emptyMetrics();
    body = mergeFacts(body, e.facts);
    if (def && body.parseErrors > 0) note(e.id, diagnostic('MD8004', { object: e.id }));
    if (!def && MODULE_KINDS.has(e.kind)) note(e.id, diagnostic('MD8005', { object: e.id }));
    if (body.setRowcount) {
      note(e.id, diagnostic('MD8001', { object: e.id, value: body.rowcountValue ?? '' }, undefined, 'Use TOP (n) with ORDER BY on the query; in dbt, ORDER BY … LIMIT n.'));
    }
    let tr: { errors: number; warnings: number } | undefined;
    if (opts.translateTarget && def && (e.kind === 'view' || e.kind === 'function')) tr = translatorCounts(def, opts.translateTarget);
    const metrics: ComplexityMetrics = {
      statements: body.statements,
      joins: body.joins,
      subqueries: body.subqueries,
      nestingDepth: body.nestingDepth,
      tempTables: body.tempTables,
      tableVariables: body.tableVariables,
      cursors: body.cursors,
      loops: body.loops,
      dynamicSql: body.dynamicSql,
      dynamicSqlOpaque: body.dynamicSqlOpaque,
      transactions: body.transactions,
      errorHandling: body.errorHandling,
      xmlJson: body.xmlJson,
      merge: body.merge,
      setRowcount: body.setRowcount,
      scd: body.scd,
      fanIn: dependents.get(e.id)!.size,
      fanOut: deps.get(e.id)!.size,
      ...(tr ? { translatorErrors: tr.errors, translatorWarnings: tr.warnings } : {}),
    };
    const parts = scoreParts(metrics);
    const score = Math.min(100, Math.round(parts.reduce((s, p) => s + p.points, 0)));
    const level = levelOf(score, opts);

    // --- disposition ---
    const retire: string[] = [];
    const manual: string[] = [];
    const review: string[] = [];
    const isModule = MODULE_KINDS.has(e.kind);
    const words = nameWords(e.obj.name);
    const adminWord = words.find((w) => ADMIN_WORDS.has(w));
    if (e.kind === 'trigger' && e.subkind === 'ddl') {
      retire.push(`database-level DDL trigger (${(e.obj as Trigger).events.join(', ') || 'DDL events'}): schema-change auditing/administration has no place in a dbt project, which owns the schema`);
    }
    if ((e.kind === 'procedure' || e.kind === 'trigger') && adminWord) {
      retire.push(`administration/configuration/logging routine (name contains "${adminWord}"): not data transformation`);
    } else if (isModule && body.statements > 0 && body.dmlStatements === 0 && body.adminStatements > 0) {
      retire.push('administration only: DDL or configuration statements and no data manipulation');
    }
    if (SUPERSEDED.test(e.obj.name)) retire.push(`superseded name (${SUPERSEDED.exec(e.obj.name)![0].replace(/^_/, '')}): an older copy kept beside the current object`);
    const dup = duplicateOf.get(e.id);
    if (dup) retire.push(`duplicate of ${dup} (same body text after normalising whitespace, comments and names)`);
    if ((e.kind === 'view' || e.kind === 'function') && metrics.fanIn === 0 && metrics.fanOut > 0) {
      const touched = [...deps.get(e.id)!];
      if (touched.every((t) => !sharedUse(t))) retire.push('never referenced, and touches nothing any other object uses');
    }
    if (metrics.cursors > 0) manual.push('cursor: row-by-row processing must be rewritten as set-based SQL');
    if (metrics.loops > 0) manual.push(`WHILE loop${metrics.loops > 1 ? `s (${metrics.loops})` : ''}: iterative logic must be rewritten set-based (e.g. a date spine or recursive CTE)`);
    if (metrics.dynamicSqlOpaque) manual.push('dynamic SQL built at run time: the statements it runs are unknown until run');
    if (level === 'very high') manual.push(`very high complexity (score ${score})`);
    if ((tr?.errors ?? 0) > 0) review.push(`${tr!.errors} construct(s) the translator cannot convert`);
    if (metrics.scd) review.push('slowly changing dimension logic (UPDATE of validity columns + INSERT): model as a dbt snapshot or incremental model');
    if (metrics.transactions) review.push('explicit transactions: dbt builds each model atomically; check the unit of work');
    if (metrics.merge) review.push('MERGE: becomes an incremental model (unique_key) or a snapshot');
    if (metrics.setRowcount) review.push(`SET ROWCOUNT ${body.rowcountValue ?? ''}`.trimEnd() + ': deprecated row limit for the session; rewrite as TOP/ORDER BY (LIMIT)');
    if (level === 'high') review.push(`high complexity (score ${score})`);
    if (metrics.errorHandling) review.push('error handling (TRY/CATCH, RAISERROR/THROW): dbt reports failures itself; keep the checks as tests');
    if (metrics.tempTables + metrics.tableVariables > 0) review.push('temp tables / table variables: become CTEs or intermediate (ephemeral) models');
    if (metrics.dynamicSql && !metrics.dynamicSqlOpaque) review.push('constant dynamic SQL: inline it');
    if (metrics.xmlJson) review.push('XML/JSON processing: target-specific functions');
    if ((tr?.warnings ?? 0) > 0) review.push(`${tr!.warnings} approximate translation(s) to check`);
    if (inCycle.has(e.id)) review.push(`in a dependency cycle with ${inCycle.get(e.id)!.filter((x) => x !== e.id).join(', ')}`);
    if (externalReferences.some((r) => r.from === e.id)) review.push('refers to objects in other databases or linked servers');
    if (body.parseErrors > 0) review.push('definition did not parse cleanly');

    let disposition: Disposition;
    let reasons: string[];
    if (retire.length) [disposition, reasons] = ['retire', [...retire, ...manual, ...review]];
    else if (manual.length) [disposition, reasons] = ['manual', [...manual, ...review]];
    else if (review.length) [disposition, reasons] = ['migrate with review', review];
    else {
      disposition = 'migrate';
      reasons = [e.kind === 'table' ? 'table: becomes a dbt source (or a seed)' : `${level} complexity, nothing needing review`];
    }

    let hours = opts.baseHours[e.kind] * opts.levelMultiplier[level] + (tr?.errors ?? 0) * opts.hoursPerTranslatorError;
    if (disposition === 'manual') hours *= opts.manualFactor;
    if (disposition === 'retire') hours = opts.retireHours;
    const automatic = disposition === 'migrate' && (tr?.errors ?? 0) === 0;

    objects.push({
      id: e.id,
      kind: e.kind,
      ...(e.subkind ? { subkind: e.subkind } : {}),
      schema: e.obj.schema,
      name: e.obj.name,
      location: e.obj.location,
      lines: lineCount(def),
      metrics,
      score,
      level,
      scoreParts: parts,
      effortHours: round(hours),
      disposition,
      reasons,
      automatic,
      dependsOn: [...deps.get(e.id)!].sort(),
      diagnostics: [...catalogDiagsOf(e.obj, lineCount(def)), ...(objectDiags.get(e.id) ?? [])],
    });
  }

  // --- waves over what is not retired ---
  const retired = new Set(objects.filter((o) => o.disposition === 'retire').map((o) => o.id));
  const live = new Map<string, Set<string>>();
  for (const [id, ds] of deps) if (!retired.has(id)) live.set(id, new Set([...ds].filter((d) => !retired.has(d))));
  const liveComponents = stronglyConnected(live);
  const waveOf = waveNumbers(live, liveComponents);
  const waveLists = new Map<number, string[]>();
  for (const [id, w] of waveOf) {
    let l = waveLists.get(w);
    if (!l) waveLists.set(w, (l = []));
    l.push(id);
  }
  const finalObjects = objects.map((o) => (waveOf.has(o.id) ? { ...o, wave: waveOf.get(o.id)! } : o));
  const hoursOf = new Map(finalObjects.map((o) => [o.id, o.effortHours]));
  const waves: Wave[] = [...waveLists.keys()].sort((a, b) => a - b).map((n) => {
    const ids = waveLists.get(n)!.sort();
    return { number: n, objects: ids, effortHours: round(ids.reduce((s, id) => s + (hoursOf.get(id) ?? 0), 0)) };
  });

  // --- summary ---
  const breakdown = (key: (o: AssessedObject) => string): Record<string, Breakdown> => {
    const acc = new Map<string, AssessedObject[]>();
    for (const o of finalObjects) {
      const k = key(o);
      let l = acc.get(k);
      if (!l) acc.set(k, (l = []));
      l.push(o);
    }
    const out: Record<string, Breakdown> = {};
    for (const k of [...acc.keys()].sort()) {
      const l = acc.get(k)!;
      const byLevel = Object.fromEntries(LEVELS.map((lv) => [lv, l.filter((o) => o.level === lv).length])) as Record<Level, number>;
      out[k] = {
        objects: l.length,
        effortHours: round(l.reduce((s, o) => s + o.effortHours, 0)),
        averageScore: round(l.reduce((s, o) => s + o.score, 0) / l.length, 1),
        byLevel,
      };
    }
    return out;
  };
  const kept = finalObjects.filter((o) => o.disposition !== 'retire');
  const keptHours = kept.reduce((s, o) => s + o.effortHours, 0);
  const summary = {
    objects: finalObjects.length,
    byKind: breakdown((o) => o.kind),
    bySchema: breakdown((o) => o.schema),
    byLevel: Object.fromEntries(LEVELS.map((lv) => [lv, finalObjects.filter((o) => o.level === lv).length])) as Record<Level, number>,
    byDisposition: Object.fromEntries(DISPOSITIONS.map((d) => [d, finalObjects.filter((o) => o.disposition === d).length])) as Record<Disposition, number>,
    effortHours: round(finalObjects.reduce((s, o) => s + o.effortHours, 0)),
    automaticShare: kept.length ? round(kept.filter((o) => o.automatic).length / kept.length, 3) : 0,
    automaticEffortShare: keptHours ? round(kept.filter((o) => o.automatic).reduce((s, o) => s + o.effortHours, 0) / keptHours, 3) : 0,
    waves: waves.length,
    cycles: cycles.length,
    externalReferences: externalReferences.length,
  };

  return {
    formatVersion: ASSESSMENT_FORMAT_VERSION,
    sources: catalog.sources,
    assumptions: opts,
    summary,
    objects: finalObjects,
    edges,
    cycles,
    externalReferences,
    unresolvedReferences,
    waves,
    diagnostics,
  };
}

