/**
 * SQL files for view, procedure and function nodes: models, snapshots, analyses and macros. Each
 * is made from the translated statement(s) the plan points at, in CTE style, with a provenance
 * header and the translator's findings both summarised there and marked where they occur.
 */
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import type { PlanNode } from '../plan/model.js';
import { getDialect } from '../translate/index.js';
import { ident, type Expr, type MergeStmt, type Query, type SelectItem, type Stmt, type UpdateStmt } from '../translate/ir.js';
import { parseScript, printDataType, printExpression, type Statement } from '../tsql/index.js';
import type { GenContext, Routine } from './context.js';
import { findStatement, parseDefinition, type ParsedDefinition } from './definitions.js';
import { isPlainIdentifier, jinjaString, objectKey, snake } from './names.js';
import { RelationImports } from './relations.js';
import { formatSql, indent, lowerKeywords, sqlHeader } from './sql-text.js';
import { foldScalarBody, macroCalls } from './scalar-functions.js';
import { cteNamesOf, modelBody, modelSql, renameColumns, translateForModel, type ModelTranslation } from './translate-model.js';
import type { CatalogObjectBase } from '../catalog/model.js';
import { findAll, walk, type AnyNode } from '../catalog/ast/walk.js';
import type { Insert, While } from '../tsql/ast/index.js';
import { dateSpine } from './date-spine.js';
import { parameterValuesAt, substituteVariables } from './parameter-prelude.js';
import { castToReplacedTable } from './table-types.js';

/** A model's SQL text and what was found while making it. */
export interface NodeSql {
  readonly sql: string;
  readonly diagnostics: readonly Diagnostic[];
}

const definitions = new WeakMap<CatalogObjectBase, ParsedDefinition | null>();

function parsed(ctx: GenContext, object: CatalogObjectBase): ParsedDefinition | undefined {
  let d = definitions.get(object);
  if (d === undefined) {
    d = parseDefinition(object, ctx.fileOf(object.location)) ?? null;
    definitions.set(object, d);
  }
  return d ?? undefined;
}

/** Findings still true of the output: an unknown-function warning (MD3004) for a function that became a macro call is not. */
function current(ctx: GenContext, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const names = new Set([...ctx.macros.keys()].map((k) => k.slice(k.indexOf('.') + 1)));
  return diagnostics.filter((d) => d.code !== 'MD3004' || !names.has((/unknown function (\S+)/.exec(d.message)?.[1] ?? '').split('.').pop()!.replace(/[[\]"]/g, '').toLowerCase()));
}

function header(ctx: GenContext, node: PlanNode, object: CatalogObjectBase, what: string, all: readonly Diagnostic[]): string {
  const diagnostics = current(ctx, all);
  return sqlHeader([
    `${node.name}: ${what}`,
    `source: ${node.source.kind} ${object.schema}.${object.name} (${ctx.where(object.location)})`,
    ...node.reasons.map((r) => `plan: ${r}`),
  ], diagnostics);
}

/** dbt `config()` for a model whose materialization differs from its folder's default. */
function configBlock(node: PlanNode, folderDefault: string | undefined, extra: readonly string[] = []): string {
  const args = [...(node.materialization && node.materialization !== folderDefault ? [`materialized=${jinjaString(node.materialization)}`] : []), ...extra];
  return args.length ? `{{\n    config(\n        ${args.join(',\n        ')}\n    )\n}}\n\n` : '';
}

/** A column name for config(): names with spaces are quoted by the adapter (dbt puts unique_key etc. into SQL as is). */
const keyName = (c: string): string => (isPlainIdentifier(c) ? jinjaString(c) : `adapter.quote(${jinjaString(c)})`);
const keyList = (cols: readonly string[]): string => (cols.length === 1 ? keyName(cols[0]!) : `[${cols.map(keyName).join(', ')}]`);

/** Procedure parameters print as `var('Param')`; the plan names them (snake case) and gives defaults. */
function applyVars(sql: string, node: PlanNode): string {
  let out = sql;
  for (const v of node.vars ?? []) {
    const param = v.parameter.replace(/^@+/, '');
    const dflt = v.default !== undefined ? `, ${jinjaString(v.default)}` : '';
    out = out.split(`var('${param}')`).join(`var(${jinjaString(v.name)}${dflt})`);
  }
  return out;
}

function stub(ctx: GenContext, node: PlanNode, object: CatalogObjectBase, what: string): NodeSql {
  const d = object.definition
    ? diagnostic('MD4056', { node: node.name, detail: `the definition of ${object.schema}.${object.name} has no form the generator turns into a ${what}; write it by hand` })
    : diagnostic('MD4052', { node: node.name, object: `${object.schema}.${object.name}`, what });
  return { sql: `${header(ctx, node, object, what, [d])}\n\n-- TODO: write this by hand (see the finding above and the original code)\nselect 1 as placeholder\n`, diagnostics: [d] };
}

// ---- views ----

export function viewModel(ctx: GenContext, node: PlanNode, view: CatalogObjectBase, folderDefault: string | undefined): NodeSql {
  const def = parsed(ctx, view);
  if (!def?.module || def.module.kind !== 'CreateView') return stub(ctx, node, view, 'model from a view');
  const t = translateForModel(ctx, def.module, view.schema, node.name, ctx.fileOf(view.location));
  if (t.translation.neutral.kind !== 'CreateView') return stub(ctx, node, view, 'model from a view');
  const q = renameColumns(t.translation.neutral.query, t.translation.neutral.columns);
  const body = modelSql(ctx, t, q);
  const diags = t.translation.diagnostics;
  return { sql: `${header(ctx, node, view, 'model from a view', diags)}\n\n${configBlock(node, folderDefault)}${body}`, diagnostics: current(ctx, diags) };
}

// ---- procedures ----

/** The statements the plan points at, found in the routine (missing ones reported). */
function plannedStatements(node: PlanNode, routine: Routine, def: ParsedDefinition): { stmts: Statement[]; prep: Statement[]; temps: Statement[]; rowcount: Statement[]; missing: Diagnostic[] } {
  const stmts: Statement[] = [];
  const temps: Statement[] = [];
  const rowcount: Statement[] = [];
  const prep: Statement[] = [];
  const missing: Diagnostic[] = [];
  // A node made of a #temp table's fill (an ephemeral model) has only `source` statements: they are its load.
  const hasLoad = (node.statements ?? []).some((r) => r.role !== 'source' && r.role !== 'prep');
  for (const ref of node.statements ?? []) {
    // SET of a parameter before a report query: the parameter is a var() in the model already.
    if (ref.kind === 'SetVariable') continue;
    const s = findStatement(def, ref);
    const role = ref.role === 'source' && !hasLoad ? 'load' : ref.role;
    if (s && s.kind === 'SetOption') rowcount.push(s);
    else if (s && role === 'prep' && s.kind === 'Update') prep.push(s);
    else if (s && role === 'source' && (s.kind === 'Insert' || s.kind === 'SelectStatement')) temps.push(s);
    else if (s && (role === 'prep' || role === 'source')) {
      // Not yet folded into the model: another in-place change of an input, or a #temp table fill.
      missing.push(diagnostic('MD4056', { node: node.name, detail: `${s.kind.toUpperCase()} at line ${s.span.line + def.lineOffset} (${role === 'prep' ? 'updates an input in place before the load' : 'fills a temporary table the load reads'}) is not reproduced by the model; review the original` }));
    } else if (s) stmts.push(s);
    else missing.push(diagnostic('MD4051', { node: node.name, kind: ref.kind, line: ref.line, object: `${routine.schema}.${routine.name}` }));
  }
  return { stmts, prep, temps, rowcount, missing };
}

/**
 * An UPDATE the procedure runs on an input before loading from it (WWI's dimension-key lookups on
 * the staging table) becomes a logic CTE: every column of the input, the SET columns replaced by
 * their new value (under the UPDATE's WHERE, when it has one). The load then reads that CTE.
 */
function prepCte(ctx: GenContext, node: PlanNode, u: UpdateStmt, imports: RelationImports, moduleSchema: string, t: ModelTranslation): { name: string; sql: string } | Diagnostic {
  const parts = u.target.name;
  const name = parts[parts.length - 1]!.name;
  const schema = parts.length > 1 ? parts[parts.length - 2]!.name : moduleSchema;
  const table = ctx.tables.get(objectKey(schema, name)) ?? ctx.tables.get(objectKey('dbo', name));
  const input = imports.resolve({ schema: table?.schema ?? schema, name });
  if (!table || !input || u.from.length) {
    return diagnostic('MD4056', { node: node.name, detail: `the UPDATE of ${schema}.${name} before the load ${u.from.length ? 'joins other tables' : 'is on a table the plan does not read'}; not reproduced, review the original` });
  }
  const alias = u.target.alias ?? ident(name);
  const columns: SelectItem[] = table.columns.map((c) => {
    const a = u.set.find((x) => x.column.name.toLowerCase() === c.name.toLowerCase());
    const col: Expr = { kind: 'Col', parts: [alias, ident(c.name)] };
    if (!a) return { expr: col };
    return { expr: u.where ? { kind: 'Case', whens: [{ when: u.where, then: a.value }], else: col } : a.value, alias: ident(c.name) };
  });
  // Printed item by item (one column per line), through the translator so quoting stays the target's.
  const print1 = (c: SelectItem): string => {
    const q: Query = { kind: 'Query', body: { kind: 'Select', distinct: false, columns: [c], from: [] } };
    return formatSql(t.translation.print(q)).replace(/^select\s+/, '');
  };
  const from: Query = { kind: 'Query', body: { kind: 'Select', distinct: false, columns: [{ expr: { kind: 'Star' } }], from: [{ kind: 'TableRef', name: [ident(input)], alias }] } };
  const fromLine = formatSql(t.translation.print(from)).replace(/^select \*\s*/, '');
  const cte = imports.reserve(`${snake(name)}_prepared`);
  imports.override(table.schema, table.name, cte);
  return { name: cte, sql: `-- ${u.set.map((a) => a.column.name).join(', ')} as the procedure sets them before loading\nselect\n${columns.map((c) => indent(print1(c))).join(',\n')}\n${fromLine}` };
}

/** The query a data statement contributes to a model: INSERT's SELECT, SELECT … INTO's SELECT, a SELECT. */
function queryOf(stmt: Stmt): Query | undefined {
  switch (stmt.kind) {
    case 'Insert': return renameColumns(stmt.source, stmt.columns);
    case 'QueryStmt': {
      const b = stmt.query.body;
      if (b.kind === 'Select' && b.into) {
        const { into: _into, ...rest } = b;
        return { ...stmt.query, body: rest };
      }
      return stmt.query;
    }
    default: return undefined;
  }
}

/** MERGE → the rows it would insert or update: the USING source projected onto the INSERT branch's columns. */
function mergeQuery(m: MergeStmt): { query?: Query; uniqueKey: string[]; notes: string[] } {
  const notes: string[] = [];
  const insert = m.clauses.find((c) => c.action.kind === 'MergeInsert')?.action;
  const update = m.clauses.find((c) => c.action.kind === 'MergeUpdate')?.action;
  if (m.clauses.some((c) => c.match === 'NOT MATCHED BY SOURCE')) notes.push('WHEN NOT MATCHED BY SOURCE (deletes) is not reproduced by an incremental merge');
  if (m.clauses.some((c) => c.condition)) notes.push('conditions on WHEN clauses are not reproduced: every source row is merged');
  // Key: target columns compared for equality in ON.
  const uniqueKey: string[] = [];
  const targetNames = new Set([m.target.alias?.name, m.target.name[m.target.name.length - 1]?.name].filter(Boolean).map((s) => s!.toLowerCase()));
  const walkOn = (e: import('../translate/ir.js').Expr): void => {
    if (e.kind === 'Paren') return walkOn(e.expr);
    if (e.kind === 'Binary' && e.op === 'AND') {
      walkOn(e.left);
      walkOn(e.right);
    } else if (e.kind === 'Binary' && e.op === '=') {
      for (const side of [e.left, e.right]) {
        if (side.kind === 'Col' && side.parts.length >= 2 && targetNames.has(side.parts[side.parts.length - 2]!.name.toLowerCase())) uniqueKey.push(side.parts[side.parts.length - 1]!.name);
      }
    }
  };
  walkOn(m.on);
  let columns: SelectItem[] | undefined;
  if (insert?.kind === 'MergeInsert' && insert.columns?.length === insert.values.length) {
    columns = insert.values.map((v, i) => {
      const same = v.kind === 'Col' && v.parts[v.parts.length - 1]!.name === insert.columns![i]!.name;
      return same ? { expr: v } : { expr: v, alias: insert.columns![i]! };
    });
  } else if (update?.kind === 'MergeUpdate') {
    notes.push('MERGE has no INSERT branch with a column list: the model selects the UPDATE SET columns and the key');
    columns = update.set.map((a) => ({ expr: a.value, alias: a.column }));
  }
  if (!columns) return { uniqueKey, notes };
  const query: Query = { kind: 'Query', body: { kind: 'Select', distinct: false, columns, from: [m.using] }, ...(m.with ? { with: m.with } : {}) };
  return { query, uniqueKey, notes };
}

export function routineModel(ctx: GenContext, node: PlanNode, routine: Routine, folderDefault: string | undefined): NodeSql {
  const what = node.disposition === 'snapshot' ? 'snapshot' : node.disposition === 'analysis' ? 'analysis' : `${node.materialization ?? 'model'} model`;
  const def = parsed(ctx, routine);
  if (!def?.module) return stub(ctx, node, routine, what);
  const file = ctx.fileOf(routine.location);
  const spine = node.pattern === 'set-based-loop' ? dateSpineModel(ctx, node, routine, def, file, what, folderDefault) : undefined;
  if (spine) return spine;
  const { stmts, prep, temps, rowcount, missing } = plannedStatements(node, routine, def);
  // SET ROWCOUNT n before a SELECT limits its result: LIMIT n on the query.
  const limit = rowcount
    .map((r) => (r.kind === 'SetOption' && r.options.some((o) => o.toUpperCase() === 'ROWCOUNT') ? Number(r.value.tokens.join('')) : NaN))
    .find((n) => Number.isInteger(n) && n > 0);
  const diags: Diagnostic[] = [...missing];
  // Parameters the plan made vars have a value (their default, or --vars): no "no value" findings.
  const bound = new Set((node.vars ?? []).map((v) => v.parameter.replace(/^@+/, '')));
  // One set of import CTEs for the whole model: prep CTEs and the load read the same imports.
  const imports = new RelationImports(ctx, routine.schema, node.name, [...[...prep, ...temps, ...stmts].flatMap(cteNamesOf), 'final']);
  const logic: { name: string; sql: string }[] = [];
  // #temp tables the load reads (filled by INSERT … SELECT or SELECT … INTO): logic CTEs named after them.
  for (const s of temps) {
    const t = translateForModel(ctx, s, routine.schema, node.name, file, imports, bound);
    diags.push(...t.translation.diagnostics);
    const n = t.translation.neutral;
    const temp = n.kind === 'Insert' ? n.table[n.table.length - 1]?.name : n.kind === 'QueryStmt' && n.query.body.kind === 'Select' ? n.query.body.into?.[n.query.body.into.length - 1]?.name : undefined;
    const q = queryOf(n);
    if (!temp || !q) continue;
    const cte = imports.reserve(snake(temp.replace(/^#+/, '')));
    logic.push({ name: cte, sql: `-- ${temp} as the procedure fills it\n${modelBody(ctx, t, q)}` });
    imports.overrideTemp(temp, cte);
  }
  for (const p of prep) {
    const t = translateForModel(ctx, p, routine.schema, node.name, file, imports, bound);
    diags.push(...t.translation.diagnostics);
    if (t.translation.neutral.kind !== 'Update') continue;
    const made = prepCte(ctx, node, t.translation.neutral, imports, routine.schema, t);
    if ('code' in made) diags.push(made);
    else logic.push(made);
  }
  const pieces: { t: ModelTranslation; query: Query }[] = [];
  let uniqueKey = node.incremental?.uniqueKey ? [...node.incremental.uniqueKey] : [];
  // Procedure state (UPDATE … SET [Valid To], TRUNCATE, DELETE) has no place in a select: the model
  // is built from the statements that produce rows; the others are listed in the header.
  const skipped: string[] = [];
  const params = new Map(def.module.kind === 'CreateProcedure' ? def.module.params.map((p) => [p.name.name.replace(/^@+/, '').toLowerCase(), p.name.name] as const) : []);
  const preludeNotes = new Set<string>();
  for (const s0 of stmts) {
    // OUTPUT on a MERGE only feeds logging or counts: the model is the merged rows.
    const s1 = s0.kind === 'Merge' && s0.output ? ({ ...s0, output: undefined } as Statement) : s0;
    // Parameters as the procedure adjusted them before this statement (see parameter-prelude.ts).
    const prelude = def.module.kind === 'CreateProcedure' && params.size
      ? parameterValuesAt(def.module.body, s0, params, (x) => x.span.line + def.lineOffset)
      : undefined;
    for (const n of prelude?.notes ?? []) preludeNotes.add(n);
    const s = prelude ? substituteVariables(s1, prelude.values) : s1;
    const t = translateForModel(ctx, s, routine.schema, node.name, file, imports, bound);
    const n = t.translation.neutral;
    diags.push(...t.translation.diagnostics);
    if (n.kind === 'Merge') {
      const m = mergeQuery(n);
      for (const note of m.notes) diags.push(diagnostic('MD4056', { node: node.name, detail: note }));
      if (!uniqueKey.length) uniqueKey = m.uniqueKey;
      if (m.query) pieces.push({ t, query: m.query });
      continue;
    }
    const q = queryOf(n);
    if (q) pieces.push({ t, query: q });
    else skipped.push(`${s.kind.toUpperCase()} at line ${s.span.line + def.lineOffset}`);
  }
  for (const n of preludeNotes) diags.push(diagnostic('MD4056', { node: node.name, detail: n }));
  if (!pieces.length) {
    diags.push(diagnostic('MD4056', { node: node.name, detail: 'no statement of the plan produces rows; the model is a stub' }));
    return { sql: `${header(ctx, node, routine, what, diags)}\n\n-- TODO: no row-producing statement was found\nselect 1 as placeholder\n`, diagnostics: diags };
  }
  if (pieces.length > 1) diags.push(diagnostic('MD4056', { node: node.name, detail: `${pieces.length} statements load this table; the model uses the first, the others are in the original code` }));
  // Every other data statement of the routine (lookups, deletes, logging) is named in the header.
  const used = new Set<Statement>([...stmts, ...prep, ...temps]);
  for (const s of def.statements) if (!used.has(s) && s.kind !== 'SelectStatement' && s.kind !== 'SetOption') skipped.push(`${s.kind.toUpperCase()} at line ${s.span.line + def.lineOffset}`);
  const { t } = pieces[0]!;
  const loaded = castToReplacedTable(ctx, node, pieces[0]!.query);
  const query: Query = limit && !loaded.limit ? { ...loaded, limit: { count: { kind: 'Lit', type: 'integer', value: String(limit) }, percent: false, withTies: false } } : loaded;
  let body = watermarkFilters(applyLocalDefaults(ctx, applyVars(modelSql(ctx, t, query, logic), node), node, def, file), node);
  const notes = skipped.length ? `-- statements of the procedure not part of this model (see the original): ${[...new Set(skipped)].join(', ')}\n` : '';
  const head = header(ctx, node, routine, what, diags);
  if (node.disposition === 'snapshot') {
    const snap = node.snapshot;
    const cfg = [
      `unique_key=${keyList(snap?.uniqueKey ?? uniqueKey)}`,
      `strategy=${jinjaString(snap?.strategy ?? 'check')}`,
      ...(snap?.strategy === 'timestamp' && snap.updatedAt ? [`updated_at=${keyName(snap.updatedAt)}`] : []),
      ...(snap?.strategy !== 'timestamp' ? [`check_cols=${snap?.checkCols && snap.checkCols !== 'all' ? `[${snap.checkCols.map(keyName).join(', ')}]` : "'all'"}`] : []),
    ];
    // The dimension's generated key, which facts look up (see SnapshotConfig.surrogateKey in the plan).
    const sk = snap?.surrogateKey;
    if (sk) {
      body = body.replace(/select \* from final\n$/, `select\n    {{ mssql2dbt_surrogate_key([${sk.of.map(jinjaString).join(', ')}]) }} as ${quoteColumn(ctx, sk.column)},\n    *\nfrom final\n`);
    }
    return {
      sql: `${head}\n${notes}\n{% snapshot ${node.name} %}\n\n{{\n    config(\n        ${cfg.join(',\n        ')}\n    )\n}}\n\n${body}\n{% endsnapshot %}\n`,
      diagnostics: diags,
    };
  }
  body = withGeneratedKeys(ctx, node, query, body);
  const extra: string[] = [];
  if (node.materialization === 'incremental') {
    if (uniqueKey.length) extra.push(`unique_key=${keyList(uniqueKey)}`);
    extra.push(`incremental_strategy=${jinjaString(node.incremental?.strategy ?? (uniqueKey.length ? 'merge' : 'append'))}`);
    body += incrementalNote(node);
  }
  const cfg = node.disposition === 'analysis' ? '' : configBlock(node, folderDefault, extra);
  return { sql: `${head}\n${notes}\n${cfg}${body}`, diagnostics: current(ctx, diags) };
}

/** A date-dimension fill loop as a date spine (see date-spine.ts); undefined when the loop is not one. */
function dateSpineModel(ctx: GenContext, node: PlanNode, routine: Routine, def: ParsedDefinition, file: string, what: string, folderDefault: string | undefined): NodeSql | undefined {
  const whileRef = node.statements?.find((r) => r.kind === 'While');
  const insertRef = node.statements?.find((r) => r.kind === 'Insert');
  if (!whileRef || !insertRef || !def.module) return undefined;
  const loops = findAll(def.module as AnyNode, 'While') as unknown as While[];
  const loop = loops.find((l) => l.span.offset - def.offsetShift === whileRef.offset) ?? loops.find((l) => l.span.line === whileRef.line) ?? loops[0];
  const insert = findStatement(def, insertRef);
  if (!loop || !insert || insert.kind !== 'Insert') return undefined;
  const imports = new RelationImports(ctx, routine.schema, node.name, ['final']);
  const made = dateSpine(ctx, routine, def, loop, insert as Insert, file, imports, node.name);
  if (!made) return undefined;
  const diags = made.t.translation.diagnostics;
  let body = applyLocalDefaults(ctx, applyVars(modelSql(ctx, made.t, made.query, made.logic), node), node, def, file);
  const extra: string[] = [];
  if (node.materialization === 'incremental') {
    const key = node.incremental?.uniqueKey ?? [];
    if (key.length) extra.push(`unique_key=${keyList(key)}`);
    extra.push(`incremental_strategy=${jinjaString(node.incremental?.strategy ?? (key.length ? 'merge' : 'append'))}`);
    body += incrementalNote(node);
  }
  const notes = '-- the WHILE loop is replaced by a date spine: the same column expressions over one row per day\n';
  return { sql: `${header(ctx, node, routine, what, diags)}\n${notes}\n${configBlock(node, folderDefault, extra)}${body}`, diagnostics: current(ctx, diags) };
}

/** The column names a query outputs (aliases, else the column's last name part); undefined with `*`. */
function outputNames(q: Query): string[] | undefined {
  let b = q.body;
  while (b.kind === 'SetOp') b = b.left;
  if (b.kind !== 'Select' || b.columns.some((c) => c.expr.kind === 'Star')) return undefined;
  return b.columns.map((c) => (c.alias?.name ?? (c.expr.kind === 'Col' ? c.expr.parts[c.expr.parts.length - 1]!.name : '')).toLowerCase());
}

/**
 * A model that replaces a table with IDENTITY or sequence-generated key columns its query does not
 * produce (the source let SQL Server number the rows) gets them as a deterministic integer hash
 * (mssql2dbt_surrogate_key) of the table's first primary/unique key made of data columns, else the
 * model's unique_key: the same row always gets the same key, so the models that look it up join on it.
 */
function withGeneratedKeys(ctx: GenContext, node: PlanNode, query: Query, body: string): string {
  const table = node.replaces ? ctx.tables.get(node.replaces.replace(/^[^:]*:/, '').toLowerCase()) : undefined;
  const produced = outputNames(query);
  if (!table || !produced) return body;
  const generated = table.columns.filter((c) => (c.identity || /next\s+value\s+for/i.test(c.default ?? '')) && !produced.includes(c.name.toLowerCase()));
  if (!generated.length) return body;
  const isGenerated = (c: string) => table.columns.some((x) => x.name.toLowerCase() === c.toLowerCase() && (x.identity || /next\s+value\s+for/i.test(x.default ?? '')));
  const keys = [table.primaryKey, ...table.uniqueKeys].filter((k): k is NonNullable<typeof k> => !!k);
  const of = keys.find((k) => k.columns.every((c) => !isGenerated(c) && produced.includes(c.toLowerCase())))?.columns ?? node.incremental?.uniqueKey ?? [];
  if (!of.length) return body;
  const items = generated.map((c) => `    {{ mssql2dbt_surrogate_key([${of.map(jinjaString).join(', ')}]) }} as ${quoteColumn(ctx, c.name)},`).join('\n');
  const note = `-- ${generated.map((c) => c.name).join(', ')}: generated by SQL Server (IDENTITY/sequence); here a deterministic hash of ${of.join(' + ')}\n`;
  return body.replace(/select \* from final\n/, `${note}select\n${items}\n    *\nfrom final\n`);
}

/** A column name as the target quotes it (names with spaces). */
function quoteColumn(ctx: GenContext, name: string): string {
  const d = getDialect(ctx.sqlDialect);
  const [open, close] = d.flags.quote;
  return isPlainIdentifier(name) && !d.reserved.has(name.toUpperCase()) ? name : open + name.split(close).join(close + close) + close;
}

/** An incremental model re-selects every source row and lets the merge on unique_key decide. */
function incrementalNote(node: PlanNode): string {
  const vf = node.incremental?.validFrom;
  return vf
    ? `\n{% if is_incremental() %}\n-- only rows newer than the latest version already loaded\nwhere ${vf} > (select max(${vf}) from {{ this }})\n{% endif %}\n`
    : '';
}

// ---- functions ----

export function functionMacro(ctx: GenContext, node: PlanNode, fn: Routine): NodeSql {
  const def = parsed(ctx, fn);
  const name = snake(node.name.replace(/^.*\./, ''));
  if (!def?.module || def.module.kind !== 'CreateFunction') return stub(ctx, node, fn, 'macro');
  const params = def.module.params.map((p) => p.name.name.replace(/^@+/, ''));
  // Parameters print as var('p') (bound: no MD3012); in a macro they are its arguments (SQL text, so parenthesised).
  const bound = new Set(params);
  const toArgs = (sql: string) =>
    params.reduce(
      (x, p) => x
        .split(`{{ var('${p}') }}`).join(`({{ ${p} }})`)
        .split(`var('${p}')`).join(p),
      sql,
    );
  if (def.module.returns.kind === 'InlineTable') {
    // An inline table-valued function as a macro that returns its query: `from ({{ name(args) }}) as x`.
    const r = def.module.returns;
    const select = { kind: 'SelectStatement', span: def.module.span, query: r.query, ...(r.with ? { with: r.with } : {}) };
    const t = translateForModel(ctx, select as unknown as Statement, fn.schema, node.name, ctx.fileOf(fn.location), undefined, bound);
    if (t.translation.neutral.kind !== 'QueryStmt') return stub(ctx, node, fn, 'macro');
    const body = toArgs(modelSql(ctx, t, t.translation.neutral.query));
    const diags = t.translation.diagnostics;
    return { sql: `${header(ctx, node, fn, 'macro from an inline table-valued function (use it as a subquery)', diags)}\n\n{% macro ${name}(${params.join(', ')}) %}\n\n${body}\n{% endmacro %}\n`, diagnostics: diags };
  }
  if (def.module.returns.kind !== 'Scalar') return stub(ctx, node, fn, 'macro');
  const body = def.module.returns.body;
  const ret = (body.length === 1 && body[0]!.kind === 'Block' ? (body[0] as { statements: readonly Statement[] }).statements : body);
  const single = ret.length === 1 && ret[0]!.kind === 'Return' ? (ret[0] as { expr?: unknown }).expr : undefined;
  // More than one RETURN: variables and early returns folded into one expression (CASE), when possible.
  const only = single ? printExpression(single as Parameters<typeof printExpression>[0]) : foldScalarBody(body);
  const head = (diags: readonly Diagnostic[]) => header(ctx, node, fn, 'macro from a scalar function', diags);
  if (!only) {
    const d = diagnostic('MD4056', { node: node.name, detail: 'the function body is more than one RETURN expression; the macro raises a compile error until written by hand' });
    const original = (fn.definition ?? '').replace(/\{#|#\}/g, '');
    return {
      sql: `${head([d])}\n\n{% macro ${name}(${params.join(', ')}) %}\n{#\n${original}\n#}\n    {{ exceptions.raise_compiler_error(${jinjaString(`${name}: translate ${fn.schema}.${fn.name} by hand`)}) }}\n{% endmacro %}\n`,
      diagnostics: [d],
    };
  }
  // Translate `SELECT <expr>`: parameters print as var('p'), which become the macro's arguments.
  const { script } = parseScript(`SELECT ${only}`, { file: ctx.fileOf(fn.location) });
  const select = script.batches[0]?.statements[0];
  if (!select) return stub(ctx, node, fn, 'macro');
  const t = translateForModel(ctx, select, fn.schema, node.name, ctx.fileOf(fn.location), undefined, bound);
  // Calls of other migrated functions inside the body become macro calls too.
  const q = t.translation.neutral.kind === 'QueryStmt' ? macroCalls(ctx, t.translation.neutral.query, fn.schema, t.translation.print) : undefined;
  let expr = q && q.body.kind === 'Select' ? t.translation.print(q.body.columns[0]!.expr) : 'NULL';
  expr = lowerKeywords(toArgs(expr));
  const diags = t.translation.diagnostics;
  return { sql: `${head(diags)}\n\n{% macro ${name}(${params.join(', ')}) %}\n    ${expr}\n{% endmacro %}\n`, diagnostics: diags };
}

export function inlineFunctionModel(ctx: GenContext, node: PlanNode, fn: Routine, folderDefault: string | undefined): NodeSql {
  const def = parsed(ctx, fn);
  if (!def?.module || def.module.kind !== 'CreateFunction' || def.module.returns.kind !== 'InlineTable') return stub(ctx, node, fn, 'ephemeral model');
  const r = def.module.returns;
  const select = { kind: 'SelectStatement', span: def.module.span, query: r.query, ...(r.with ? { with: r.with } : {}) };
  const bound = new Set((node.vars ?? []).map((v) => v.parameter.replace(/^@+/, '')));
  const t = translateForModel(ctx, select as unknown as Statement, fn.schema, node.name, ctx.fileOf(fn.location), undefined, bound);
  if (t.translation.neutral.kind !== 'QueryStmt') return stub(ctx, node, fn, 'ephemeral model');
  const body = applyVars(modelSql(ctx, t, t.translation.neutral.query), node);
  return { sql: `${header(ctx, node, fn, 'model from an inline table-valued function', t.translation.diagnostics)}\n\n${configBlock(node, folderDefault)}${body}`, diagnostics: t.translation.diagnostics };
}

/**
 * A watermark filter — `where h.SalesOrderID > @LastID`, the variable read from an ETL bookkeeping table
 * the plan leaves out — becomes dbt's own: on a full build every row (as the procedure's first run,
 * with an empty watermark table, loads everything), on an incremental run the rows past the highest
 * value the model already holds. Without this the typed-null default would filter out every row.
 */
export function watermarkFilters(sql: string, node: PlanNode): string {
  const re = /(\b[A-Za-z_][\w]*\.)?("[^"]+"|[A-Za-z_]\w*)\s*(>=?)\s*(\/\*[^*]*\*\/\s*)?\{\{ var\('(\w+)', 'cast\(null as [^']+\)'\) \}\}/g;
  return sql.replace(re, (_m, qualifier: string | undefined, column: string, op: string, marker: string | undefined) => {
    const lhs = `${qualifier ?? ''}${column}`;
    const note = `/* mssql2dbt: watermark filter (${(marker ?? '').replace(/^\/\*\s*|\s*\*\/\s*$/g, '').replace(/^mssql2dbt: /, '') || 'variable read from bookkeeping'}) → is_incremental() */ `;
    if (node.materialization !== 'incremental') return `${note}true`;
    return `${note}{% if is_incremental() %}${lhs} ${op} (select max(${column}) from {{ this }}){% else %}true{% endif %}`;
  });
}

/**
 * The dbt vars a generated file uses without a default in the call (each is declared in
 * dbt_project.yml so compile never misses one). Vars called with a default are not declared: a
 * project-level value would override the call's default.
 */
export const usedVars = (sql: string): string[] => [...new Set([...sql.matchAll(/var\('([^']+)'\s*\)/g)].map((m) => m[1]!))];

/**
 * A routine's local variables that print as `var('X')` get the constant the routine gives them as the
 * call's default: `DECLARE @EndOfTime datetime2(7) = '99991231 23:59:59.9999999'` →
 * `var('EndOfTime', "cast('9999-12-31 23:59:59.9999999' as timestamp)")` (translated). A local set from
 * data (`= (SELECT … FROM …)`, another variable) keeps no default: it is declared SQL `null`.
 */
function applyLocalDefaults(ctx: GenContext, sql: string, node: PlanNode, def: ParsedDefinition, file: string): string {
  if (!def.module) return sql;
  const params = new Set((node.vars ?? []).map((v) => v.parameter.replace(/^@+/, '').toLowerCase()));
  const routineParams = new Set(((def.module as unknown as { params?: readonly { name: { name: string } }[] }).params ?? []).map((p) => p.name.name.replace(/^@+/, '').toLowerCase()));
  const key = (v: string) => v.replace(/^@+/, '').toLowerCase();
  const inits = new Map<string, { init: AnyNode; type: AnyNode }[]>();
  for (const d of findAll(def.module as AnyNode, 'Declare') as unknown as { items: readonly { kind: string; name: { name: string }; type: AnyNode; init?: AnyNode }[] }[]) {
    for (const item of d.items) if (item.kind === 'DeclareVariable' && item.init) inits.set(key(item.name.name), [...(inits.get(key(item.name.name)) ?? []), { init: item.init, type: item.type }]);
  }
  // A variable also SET somewhere has no single value: only DECLARE-initialised, never reassigned ones.
  const reassigned = new Set((findAll(def.module as AnyNode, 'SetVariable') as unknown as { variable: { name: string } }[]).map((s) => key(s.variable.name)));
  const types = new Map<string, AnyNode[]>();
  for (const d of findAll(def.module as AnyNode, 'Declare') as unknown as { items: readonly { kind: string; name: { name: string }; type: AnyNode }[] }[]) {
    for (const item of d.items) if (item.kind === 'DeclareVariable') types.set(key(item.name.name), [...(types.get(key(item.name.name)) ?? []), item.type]);
  }
  /**
   * `var('X', default)`: the default is SQL text, or on the dbt target a Jinja expression (a string
   * holding `{{ … }}` would not be rendered), so a value that is one `{{ expr }}` passes `expr` itself.
   */
  const withDefault = (text: string, name: string, value: string): string => {
    const whole = /^\{\{ (.*) \}\}$/s.exec(value);
    const dflt = whole && !whole[1]!.includes('{{') && !whole[1]!.includes('}}') ? whole[1]! : value.includes('{{') || value.includes('{%') ? undefined : jinjaString(value);
    return dflt ? text.split(`var('${name}')`).join(`var(${jinjaString(name)}, ${dflt})`) : text;
  };
  /** `CAST(<T-SQL> AS type)` translated, or undefined when it does not translate cleanly. */
  const translated = (tsql: string): string | undefined => {
    const stmt = parseScript(`SELECT ${tsql}`, { file }).script.batches[0]?.statements[0];
    if (!stmt) return undefined;
    const t = translateForModel(ctx, stmt, node.source.schema, node.name, file);
    const q = t.translation.neutral.kind === 'QueryStmt' ? t.translation.neutral.query : undefined;
    if (!q || q.body.kind !== 'Select' || t.translation.diagnostics.some((d) => d.severity === 'error')) return undefined;
    return lowerKeywords(t.translation.print(q.body.columns[0]!.expr));
  };
  // A local set from data (`= (SELECT … FROM bookkeeping)`, a SELECT @v = …): a typed SQL null, so the
  // column it fills keeps its type; the MD3012 marker beside it says it has no value here.
  const typedNull = (text: string, name: string): string => {
    const k = name.toLowerCase();
    const declared = types.get(k);
    if (params.has(k) || routineParams.has(k) || declared?.length !== 1) return text;
    const value = translated(`CAST(NULL AS ${printDataType(declared[0] as never)})`);
    return value ? withDefault(text, name, value) : text;
  };
  let out = sql;
  for (const name of usedVars(sql)) {
    const k = name.toLowerCase();
    const init = inits.get(k);
    if (params.has(k) || routineParams.has(k) || reassigned.has(k) || init?.length !== 1) {
      out = typedNull(out, name);
      continue;
    }
    // Constants, or expressions of the routine's parameters (which are vars themselves).
    let constant = true;
    let usesParams = false;
    walk(init[0]!.init, (n) => {
      if (n.kind === 'Variable' && routineParams.has(key((n as unknown as { name: string }).name))) usesParams = true;
      else if (['ColumnRef', 'Variable', 'ScalarSubquery', 'Exists', 'Subquery'].includes(n.kind)) constant = false;
      return undefined;
    });
    if (!constant) {
      out = typedNull(out, name);
      continue;
    }
    const value = translated(`CAST(${printExpression(init[0]!.init as never)} AS ${printDataType(init[0]!.type as never)})`);
    if (!value) continue;
    if (usesParams) {
      // Set from parameters: the expression itself, with the parameters as the model's vars.
      const inline = applyVars(value, node).replace(/\/\* mssql2dbt: MD3012 [^*]*\*\/ /g, '');
      out = out.split(`{{ var('${name}') }}`).join(`(${inline})`);
    } else out = withDefault(out, name, value);
  }
  return out;
}


/** A singular test from a trigger's rule (T-SQL in the plan): the query returning rows the trigger would have rejected. */
export function singularTest(ctx: GenContext, node: PlanNode, trigger: Routine, tsql: string, reason: string): NodeSql {
  const file = ctx.fileOf(trigger.location);
  const { script, diagnostics: parseDiags } = parseScript(tsql, { file });
  const stmt = script.batches[0]?.statements[0];
  const head = (d: readonly Diagnostic[]) => header(ctx, node, trigger, 'singular data test from a trigger', d) + `\n-- test: ${reason.replace(/\r?\n/g, ' ')}`;
  if (!stmt || stmt.kind !== 'SelectStatement' || parseDiags.some((d) => d.severity === 'error')) {
    const d = diagnostic('MD4056', { node: node.name, detail: 'the trigger rule did not parse as a query; the test is a stub' });
    return { sql: `${head([d])}\n\n-- TODO: ${tsql.replace(/\r?\n/g, ' ')}\nselect 1 as failing_row where 1 = 0\n`, diagnostics: [d] };
  }
  const t = translateForModel(ctx, stmt, trigger.schema, node.name, file);
  if (t.translation.neutral.kind !== 'QueryStmt') return stub(ctx, node, trigger, 'test');
  const body = modelSql(ctx, t, t.translation.neutral.query);
  return { sql: `${head(t.translation.diagnostics)}\n\n${body}`, diagnostics: t.translation.diagnostics };
}
