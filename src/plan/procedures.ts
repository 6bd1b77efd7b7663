/**
 * Procedures: the nodes a routine verdict (routine.ts) becomes — retire/manual nodes, a report
 * model or analysis, or per loaded table a table/incremental model or snapshot, with ephemeral
 * models for the #temp tables and table variables the loads read.
 */
import type { Procedure, Table } from '../catalog/model.js';
import { diagnostic } from '../diagnostics/index.js';
import { paramsUsed, varsOf, type Draft, type PlanContext } from './draft.js';
import type { Materialization, RoutinePattern } from './model.js';
import { baseName, identifierOf, render, snake, tableModelName } from './naming.js';
import type { RoutineVerdict, TempSource } from './routine.js';
import { chooseStrategy } from './strategy.js';

export function planProcedure(ctx: PlanContext, p: Procedure, id: string, v: RoutineVerdict): void {
  const { index, naming, database, target, newDraft, pathIn, noteUndefined, derivedBy, conflicts, loadNode, nodeOfObject } = ctx;
  const base = baseName(p.name);
  const retireLike = (disposition: 'retire' | 'manual', pattern: RoutinePattern | undefined, reasons: readonly string[]): Draft => {
    const d = newDraft({ wanted: () => base, objectId: id, obj: p, kind: 'procedure', disposition, layer: 'marts', ...(pattern ? { pattern } : {}) });
    d.reasons.push(...reasons);
    if (disposition === 'manual') d.diagnostics.push(diagnostic('MD4002', { object: id, reason: reasons[0] ?? pattern ?? 'unrecognised' }));
    noteUndefined(d, p);
    return d;
  };
  switch (v.kind) {
    case 'retire':
      retireLike('retire', v.pattern, v.reasons);
      return;
    case 'manual':
      retireLike('manual', v.pattern, v.reasons);
      return;
    case 'report': {
      const vars = varsOf(p.parameters);
      const required = vars.filter((x) => x.default === undefined);
      const asAnalysis = required.length > 0;
      const statements = [...v.temps.flatMap((t) => t.statements), ...v.statements].sort((a, b) => (a.offset ?? 0) - (b.offset ?? 0));
      const d = newDraft({
        wanted: () => identifierOf(render(naming.mart, { database, schema: p.schema, name: base })),
        objectId: id, obj: p, kind: 'procedure', disposition: asAnalysis ? 'analysis' : 'model', layer: asAnalysis ? 'analyses' : 'marts',
        ...(asAnalysis ? {} : { materialization: 'view' as const }), pattern: 'report', readIds: [...v.reads, ...v.calls],
        pathOf: asAnalysis ? (name: string) => `analyses/${name}.sql` : pathIn('marts'),
      });
      d.statements = statements;
      d.reasons.push(...v.reasons);
      if (!vars.length) d.reasons.push('no parameters: a model (view) of the query, queried like the procedure was called');
      else if (asAnalysis) d.reasons.push(`parameters ${required.map((x) => x.parameter).join(', ')} have no default: a model cannot be built without a value, so it becomes an analysis compiled with --vars (${vars.map((x) => x.name).join(', ')})`);
      else d.reasons.push(`every parameter has a default: a model (view) with var() for ${vars.map((x) => `${x.parameter} → ${x.name}`).join(', ')}`);
      if (vars.length) d.vars = vars;
      for (const x of required) d.diagnostics.push(diagnostic('MD4007', { parameter: x.parameter, object: id, name: x.name }));
      if (v.resultSets > 1) d.diagnostics.push(diagnostic('MD4008', { object: id, count: v.resultSets }));
      for (const c of v.caveats) d.diagnostics.push(diagnostic('MD4014', { object: id, detail: c }));
      if (v.temps.length) d.reasons.push(`${v.temps.map((t) => t.name).join(', ')} become CTEs of the query`);
      noteUndefined(d, p);
      nodeOfObject.set(id, d);
      return;
    }
    case 'load': {
      const tempDrafts = new Map<string, Draft>();
      const tempByName = new Map(v.temps.map((t) => [t.name.toLowerCase(), t]));
      const ensureTemp = (t: TempSource): Draft => {
        const known = tempDrafts.get(t.name.toLowerCase());
        if (known) return known;
        const d = newDraft({
          wanted: () => identifierOf(render(naming.intermediate, { database, schema: p.schema, name: `${base}__${snake(t.name)}` })),
          objectId: id, obj: p, kind: 'procedure', disposition: 'model', layer: 'intermediate', materialization: 'ephemeral',
          pattern: 'temp-table-chain', readIds: [...t.reads, ...t.calls], pathOf: pathIn('intermediate'),
        });
        tempDrafts.set(t.name.toLowerCase(), d);
        d.statements = [...t.statements];
        d.reasons.push(`${t.name} in ${p.schema}.${p.name} is filled by ${t.statements.length === 1 ? 'a query' : `${t.statements.length} statements`} and read by the load: an ephemeral model (a CTE in the models that ref it), as dbt builds intermediate steps`);
        for (const u of t.temps) {
          const dep = tempByName.get(u);
          if (dep) d.readDrafts.push(ensureTemp(dep));
        }
        return d;
      };
      // How many loads read each #temp table (directly or through another #temp table).
      const readers = new Map<string, number>();
      for (const l of v.loads) {
        const seen = new Set<string>();
        const stack = [...l.temps];
        while (stack.length) {
          const t = stack.pop()!;
          if (seen.has(t)) continue;
          seen.add(t);
          stack.push(...(tempByName.get(t)?.temps ?? []));
        }
        for (const t of seen) readers.set(t, (readers.get(t) ?? 0) + 1);
      }
      for (const l of v.loads) {
        const table = index.byId.get(l.tableId)!.obj as Table;
        const tname = `${table.schema}.${table.name}`;
        const owner = derivedBy.get(l.tableId);
        const modelName = tableModelName(table.schema, table.name);
        if (l.manual || (owner && owner.procId !== id)) {
          const d = newDraft({ wanted: () => `${base}__${modelName}`, objectId: id, obj: p, kind: 'procedure', disposition: 'manual', layer: 'marts', pattern: l.pattern });
          d.reasons.push(...v.reasons, ...l.reasons);
          if (l.manual) {
            d.reasons.push(`${l.manual}: needs a person`);
            d.diagnostics.push(diagnostic('MD4002', { object: id, reason: l.manual }));
          } else {
            const procs = conflicts.get(l.tableId) ?? [];
            d.reasons.push(`${tname} is already replaced by the model of ${owner!.procId.replace(/^procedure:/, '')}; this load must be merged into it by hand`);
            d.diagnostics.push(diagnostic('MD4003', { table: tname, procedures: procs.map((x) => x.replace(/^procedure:/, '')).join(', '), kept: owner!.procId.replace(/^procedure:/, '') }));
          }
          d.statements = [...l.statements];
          continue;
        }
        const isSnapshot = l.materialization === 'snapshot';
        const d = newDraft({
          wanted: () => identifierOf(render(isSnapshot ? naming.snapshot : naming.mart, { database, schema: table.schema, name: modelName })),
          objectId: id, obj: p, kind: 'procedure', disposition: isSnapshot ? 'snapshot' : 'model', layer: isSnapshot ? 'snapshots' : 'marts',
          ...(isSnapshot ? {} : { materialization: l.materialization as Materialization }), pattern: l.pattern,
          readIds: [...l.reads, ...l.calls], ...(index.byId.get(l.tableId)?.created ? {} : { replaces: l.tableId }),
          pathOf: isSnapshot ? (name: string) => `snapshots/${name}.sql` : pathIn('marts'),
        });
        loadNode.set(l.tableId, d);
        d.reasons.push(...l.reasons, ...v.reasons);
        let statements = [...l.statements];
        // #temp tables and table variables the load reads: ephemeral models, or CTEs inside a snapshot.
        const needed = new Set<string>();
        const stack = [...l.temps];
        while (stack.length) {
          const t = stack.pop()!;
          if (needed.has(t)) continue;
          needed.add(t);
          for (const u of tempByName.get(t)?.temps ?? []) stack.push(u);
        }
        const used = [...needed].map((t) => tempByName.get(t)).filter((t): t is TempSource => !!t);
        // A #temp table only this load reads is a CTE of its model, as the procedure used it (a step of
        // this one load); shared by several loads, it is an ephemeral model they all ref.
        const onlyHere = used.every((t) => (readers.get(t.name.toLowerCase()) ?? 0) <= 1);
        if (used.length && (l.foldTemps || onlyHere)) {
          statements = [...statements, ...used.flatMap((t) => t.statements)];
          for (const t of used) d.readIds.push(...t.reads, ...t.calls);
          d.reasons.push(`${used.map((t) => t.name).join(', ')} become${used.length === 1 ? 's' : ''} a CTE inside the ${isSnapshot ? 'snapshot' : 'model'}, so its query stands alone${l.foldTemps ? '' : ` (no other load of ${p.schema}.${p.name} reads ${used.length === 1 ? 'it' : 'them'})`}`);
        } else {
          for (const t of l.temps) {
            const ts = tempByName.get(t);
            if (ts) d.readDrafts.push(ensureTemp(ts));
          }
        }
        d.statements = statements.sort((a, b) => (a.offset ?? 0) - (b.offset ?? 0));
        if (l.materialization === 'incremental') {
          const choice = chooseStrategy(target, l.loadKind ?? 'upsert');
          d.incremental = { uniqueKey: [...l.uniqueKey], strategy: choice.strategy, ...(l.validFrom ? { validFrom: l.validFrom } : {}), ...(l.validTo ? { validTo: l.validTo } : {}) };
          d.reasons.push(`incremental strategy ${choice.strategy} on ${target}: ${choice.reason}`);
          if (choice.caveat) d.diagnostics.push(diagnostic('MD4014', { object: id, detail: choice.caveat }));
          if (!l.uniqueKey.length && l.loadKind !== 'append') d.diagnostics.push(diagnostic('MD4005', { object: id, table: tname, fallback: 'set unique_key by hand' }));
        } else if (isSnapshot && l.snapshot) {
          d.snapshot = l.snapshot;
          if (!l.uniqueKey.length) d.diagnostics.push(diagnostic('MD4005', { object: id, table: tname, fallback: 'set unique_key by hand' }));
        } else {
          d.reasons.push(`table materialization: the procedure rebuilds ${tname} as a whole`);
        }
        for (const c of l.caveats) d.diagnostics.push(diagnostic(c.startsWith('appends on every run') ? 'MD4004' : 'MD4014', c.startsWith('appends on every run') ? { object: id, table: tname } : { object: id, detail: c }));
        // Surrogate keys: IDENTITY columns and sequence defaults have no dbt equivalent.
        for (const c of table.columns) {
          const seq = /next\s+value\s+for\s+([^\s)]+)/i.exec(c.default ?? '');
          if (!c.identity && !seq) continue;
          const how = c.identity ? `IDENTITY(${c.identity.seed}, ${c.identity.increment})` : `sequence ${seq![1]!.replace(/[[\]]/g, '')}`;
          if (isSnapshot && d.snapshot) {
            // A hash of business key + valid-from, not dbt_scd_id: dbt_scd_id exists only after the snapshot
            // ran (facts built in the same run could not see it in the select) and is text, while the facts
            // compare and coalesce the key as the integer it was (-1 unknown members).
            const validFrom = l.validFrom ?? d.snapshot.updatedAt;
            const of = [...d.snapshot.uniqueKey, ...(validFrom ? [validFrom] : [])];
            d.snapshot = { ...d.snapshot, surrogateKey: { column: c.name, of } };
            d.reasons.push(`${c.name} is generated by ${how}: the snapshot computes it as a deterministic integer hash of ${of.join(' + ')} (macro mssql2dbt_surrogate_key), so each version keeps one key across runs and the facts that look ${c.name} up join on it; an integer, as the facts compare it with their keys and -1 unknown members`);
          } else {
            d.reasons.push(`${c.name} is generated by ${how}: the model needs a surrogate key expression (row_number() over the business key, offset by the largest existing key in incremental runs, or a hash key)`);
          }
          d.diagnostics.push(diagnostic('MD4006', { table: tname, column: c.name, how }));
        }
        const used2 = l.pattern === 'set-based-loop' ? p.parameters.filter((x) => !x.output) : paramsUsed(d.statements, p.definition, p.parameters);
        if (used2.length) {
          d.vars = varsOf(used2);
          d.reasons.push(`parameters become vars: ${d.vars.map((x) => `${x.parameter} → ${x.name}${x.default !== undefined ? ` (default ${x.default})` : ''}`).join(', ')}`);
          for (const x of d.vars) if (x.default === undefined) d.diagnostics.push(diagnostic('MD4007', { parameter: x.parameter, object: id, name: x.name }));
        }
        noteUndefined(d, p);
      }
      return;
    }
  }
}
