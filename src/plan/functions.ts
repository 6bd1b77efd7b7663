/**
 * Functions: scalar → macro; inline table-valued → ephemeral model, or a macro when it takes
 * parameters (a model cannot); multi-statement table-valued whose body only fills the returned
 * table from queries → the same, otherwise manual; CLR → manual.
 */
import type { SqlFunction } from '../catalog/model.js';
import { diagnostic } from '../diagnostics/index.js';
import type { Draft, PlanContext } from './draft.js';
import { baseName, identifierOf, render, snake } from './naming.js';
import { parseModule, statementRef } from './statements.js';

export function planFunction(ctx: PlanContext, f: SqlFunction, id: string, reads: string[], retireReasons: readonly string[] | undefined): Draft {
  const { index, naming, database, newDraft, pathIn, noteUndefined } = ctx;
  const macroPath = (name: string): string => `macros/${name}.sql`;
  if (retireReasons) {
    const d = newDraft({ wanted: () => snake(f.name), objectId: id, obj: f, kind: 'function', disposition: 'retire', layer: 'macros' });
    d.reasons.push(...retireReasons);
    return d;
  }
  const params = f.parameters.filter((p) => !p.output);
  switch (f.kind) {
    case 'scalar': {
      const d = newDraft({ wanted: () => snake(f.name), objectId: id, obj: f, kind: 'function', disposition: 'macro', layer: 'macros', readIds: reads, pathOf: macroPath });
      d.reasons.push(`scalar function: a dbt macro taking ${params.length ? params.map((p) => p.name).join(', ') : 'no arguments'} and returning one SQL expression, dispatched per adapter where targets differ`);
      const parsed = parseModule(f.definition);
      const procedural = parsed.flat.some((s) => s.node.kind !== 'Return');
      if (procedural) d.reasons.push('its body has more than a RETURN (variables, IF): the macro folds it into one expression (CASE/COALESCE)');
      const tables = reads.filter((r) => index.byId.get(r)?.kind === 'table' || index.byId.get(r)?.kind === 'view');
      if (tables.length) d.diagnostics.push(diagnostic('MD4014', { object: id, detail: 'the function queries tables; as a macro that query becomes a correlated subquery in every model that calls it' }));
      noteUndefined(d, f);
      return d;
    }
    case 'inline-table': {
      if (params.length) {
        const d = newDraft({ wanted: () => snake(f.name), objectId: id, obj: f, kind: 'function', disposition: 'macro', layer: 'macros', readIds: reads, pathOf: macroPath });
        d.reasons.push(`inline table-valued function with parameters (${params.map((p) => p.name).join(', ')}) used as values: a macro that returns the query as a subquery (select … from {{ ${snake(f.name)}(…) }}), because a model cannot take arguments`);
        noteUndefined(d, f);
        return d;
      }
      const d = newDraft({
        wanted: () => identifierOf(render(naming.intermediate, { database, schema: f.schema, name: baseName(f.name) })),
        objectId: id, obj: f, kind: 'function', disposition: 'model', layer: 'intermediate', materialization: 'ephemeral', readIds: reads, pathOf: pathIn('intermediate'),
      });
      d.reasons.push('inline table-valued function without parameters: an ephemeral model (inlined as a CTE where it is used), like a view nobody queries directly');
      noteUndefined(d, f);
      return d;
    }
    case 'multi-statement-table': {
      const parsed = parseModule(f.definition);
      const flat = parsed.flat.filter((s) => !['Declare', 'SetOption', 'Return'].includes(s.node.kind));
      const inserts = flat.filter((s) => s.node.kind === 'Insert' && s.node.source.kind === 'QuerySource');
      if (inserts.length && inserts.length === flat.length) {
        const statements = inserts.map((s) => statementRef(f, s.node, 'query'));
        if (params.length) {
          const d = newDraft({ wanted: () => snake(f.name), objectId: id, obj: f, kind: 'function', disposition: 'macro', layer: 'macros', readIds: reads, pathOf: macroPath, pattern: 'temp-table-chain' });
          d.statements = statements;
          d.reasons.push(`multi-statement table-valued function whose body only fills the returned table from queries: with parameters (${params.map((p) => p.name).join(', ')}) it becomes a macro returning ${inserts.length > 1 ? 'the UNION ALL of those queries' : 'that query'}`);
          return d;
        }
        const d = newDraft({
          wanted: () => identifierOf(render(naming.intermediate, { database, schema: f.schema, name: baseName(f.name) })),
          objectId: id, obj: f, kind: 'function', disposition: 'model', layer: 'intermediate', materialization: 'ephemeral', readIds: reads, pathOf: pathIn('intermediate'), pattern: 'temp-table-chain',
        });
        d.statements = statements;
        d.reasons.push(`multi-statement table-valued function whose body only fills the returned table from queries: an ephemeral model of ${inserts.length > 1 ? 'their UNION ALL' : 'that query'}`);
        return d;
      }
      const d = newDraft({ wanted: () => snake(f.name), objectId: id, obj: f, kind: 'function', disposition: 'manual', layer: 'macros', pattern: 'unrecognised' });
      d.reasons.push('multi-statement table-valued function with procedural logic (variables, conditions, loops between the inserts): rewrite it as a model or macro by hand');
      d.diagnostics.push(diagnostic('MD4002', { object: id, reason: 'procedural multi-statement table-valued function' }));
      return d;
    }
    default: {
      const d = newDraft({ wanted: () => snake(f.name), objectId: id, obj: f, kind: 'function', disposition: 'manual', layer: 'macros', pattern: 'unrecognised' });
      d.reasons.push(`${f.kind} function: compiled .NET code has no SQL body to translate; reimplement it as a macro or a warehouse UDF`);
      d.diagnostics.push(diagnostic('MD4002', { object: id, reason: `${f.kind} function` }));
      return d;
    }
  }
}
