/**
 * Classifies a procedure (or multi-statement function) body: what it loads, with which pattern,
 * from which statements — or why it is retired or left to a person. Pure; the plan assembly
 * (plan.ts) turns the verdict into nodes.
 *
 * Order of the rules (the first that decides wins; every rule adds its reasons):
 *   1. retire by name (reseed, logging/audit, administration words — the assessment's rule);
 *   2. retire by body: DDL/configuration only, ETL bookkeeping only, orchestration (EXEC only);
 *   3. manual: dynamic SQL built at run time;
 *   4. load: per permanent table written (bookkeeping tables and in-place preparation of inputs
 *      set aside), a pattern — MERGE, SCD2, truncate-reload, keyed delete+insert, update+insert,
 *      SELECT INTO, INSERT … SELECT, recognised loops — or manual for that table;
 *   5. report: no table written and a result set returned.
 */
import { ADMIN_WORDS, nameWords } from '../assess/assess.js';
import type { AnyNode } from '../catalog/ast/walk.js';
import { walk } from '../catalog/ast/walk.js';
import type { CatalogObjectBase, Parameter, RoutineFacts, Table } from '../catalog/model.js';
import { printExpression, type Statement } from '../tsql/index.js';
import { analyzeStatement, type StatementInfo } from './analyze.js';
import type { CatalogIndex } from './catalog-index.js';
import { comparedColumns, keyColumns, matchRoots, notExistsGuards, targetAliases } from './keys.js';
import type { RoutinePattern, SnapshotConfig, StatementRef } from './model.js';
import { parseModule, returnsResultSet, statementRef, type ParsedModule } from './statements.js';
import type { LoadKind } from './strategy.js';

/** Words of a table name that mark ETL bookkeeping (run logs, lineage, watermarks, cut-off times). */
const CONTROL_WORDS = new Set(['lineage', 'cutoff', 'watermark', 'watermarks', 'log', 'logs', 'logging', 'audit', 'checkpoint', 'checkpoints']);
/** Columns that close a version in an SCD type 2 load. */
const VALID_TO = /valid[\s_]*(to|until)|end[\s_]*date|expir|row[\s_]*end|effective[\s_]*to|date[\s_]*to|is[\s_]*current|current[\s_]*flag/i;
const IS_CURRENT = /is[\s_]*current|current[\s_]*flag/i;
const VALID_TO_DATE = /valid[\s_]*(to|until)|end[\s_]*date|expir|row[\s_]*end|effective[\s_]*to|date[\s_]*to/i;
const VALID_FROM = /valid[\s_]*from|start[\s_]*date|effective[\s_]*(from|date)|row[\s_]*start|date[\s_]*from/i;
/** Statement kinds that change no data (administration, DDL). */
const ADMIN_KINDS = new Set(['AlterTable', 'CreateIndex', 'CreateFulltextIndex', 'CreateSequence', 'CreateSchema', 'CreatePartitionFunction', 'CreatePartitionScheme', 'Drop', 'OpaqueStatement', 'UnsupportedStatement', 'Use', 'CreateTable', 'CreateType', 'CreateSynonym']);
const DATA_KINDS = new Set(['Insert', 'Update', 'Delete', 'Merge', 'Truncate', 'BulkInsert', 'SelectStatement']);

export function isControlTable(t: CatalogObjectBase): boolean {
  return nameWords(t.name).some((w) => CONTROL_WORDS.has(w));
}

export interface Load {
  readonly tableId: string;
  readonly pattern: RoutinePattern;
  readonly materialization: 'table' | 'incremental' | 'snapshot';
  readonly loadKind?: LoadKind;
  readonly uniqueKey: readonly string[];
  readonly snapshot?: SnapshotConfig;
  readonly validFrom?: string;
  readonly validTo?: string;
  readonly statements: readonly StatementRef[];
  /** Ids of tables/views/functions read (bookkeeping and the target itself left out). */
  readonly reads: readonly string[];
  readonly calls: readonly string[];
  /** #temp tables / table variables the load reads (lower case). */
  readonly temps: readonly string[];
  readonly reasons: readonly string[];
  /** Caveats: behaviours the model does not reproduce. */
  readonly caveats: readonly string[];
  /** Set when this table cannot be modelled: the reason. */
  readonly manual?: string;
  /** Statements are folded into the node (CTEs) instead of separate ephemeral models (snapshots). */
  readonly foldTemps?: boolean;
}

export interface TempSource {
  /** As written (`#SalesLines`, `@Changes`). */
  readonly name: string;
  readonly statements: readonly StatementRef[];
  readonly reads: readonly string[];
  readonly calls: readonly string[];
  readonly temps: readonly string[];
}

export type RoutineVerdict =
  | { readonly kind: 'retire'; readonly pattern?: RoutinePattern; readonly reasons: readonly string[] }
  | { readonly kind: 'manual'; readonly pattern: RoutinePattern; readonly reasons: readonly string[]; readonly reads: readonly string[] }
  | {
    readonly kind: 'report';
    readonly reasons: readonly string[];
    readonly statements: readonly StatementRef[];
    readonly reads: readonly string[];
    readonly calls: readonly string[];
    readonly resultSets: number;
    readonly temps: readonly TempSource[];
    readonly caveats: readonly string[];
  }
  | {
    readonly kind: 'load';
    readonly loads: readonly Load[];
    readonly temps: readonly TempSource[];
    readonly reasons: readonly string[];
  };

export interface ClassifyInput {
  readonly obj: CatalogObjectBase & { readonly parameters?: readonly Parameter[]; readonly facts?: RoutineFacts };
  readonly index: CatalogIndex;
  /** Pre-parsed module (tests and callers that parsed already); parsed here otherwise. */
  readonly parsed?: ParsedModule;
}

const uniq = (xs: Iterable<string>): string[] => [...new Set(xs)];
const label = (index: CatalogIndex, id: string): string => {
  const o = index.byId.get(id)?.obj;
  return o ? `${o.schema}.${o.name}` : id;
};

export function classifyRoutine(given: ClassifyInput): RoutineVerdict {
  let input = given;
  const { obj, index } = input;
  const words = nameWords(obj.name);
  if (words.includes('reseed')) return { kind: 'retire', pattern: 'reseed', reasons: ['reseeds identity columns or sequences (name contains "reseed"): dbt computes keys in the models, there is nothing to reseed'] };
  const logWord = words.find((w) => w === 'log' || w === 'logging' || w === 'audit');
  if (logWord) return { kind: 'retire', pattern: 'logging', reasons: [`logging routine (name contains "${logWord}"): dbt records every run in run_results.json and its logs, so a load log has no place in the project`] };
  const adminWord = words.find((w) => ADMIN_WORDS.has(w));
  if (adminWord) return { kind: 'retire', pattern: 'administration', reasons: [`administration/configuration routine (name contains "${adminWord}"): not data transformation`] };

  const parsed = input.parsed ?? parseModule(obj.definition);
  // Later steps compare nodes by identity (the loop a statement sits in): one parse for all of them.
  input = { ...input, parsed };
  const schema = obj.schema;
  const infos = parsed.flat.filter((f) => !f.inCatch).map((f) => analyzeStatement(f, index, schema));
  const kinds = infos.map((i) => i.node.kind);
  const dataStatements = infos.filter((i) => DATA_KINDS.has(i.node.kind) && (i.node.kind !== 'SelectStatement' || returnsResultSet(i.node) || i.writes.length > 0 || i.fillsTemp.length > 0 || i.reads.length > 0));
  if (parsed.flat.length > 0 && dataStatements.length === 0) {
    if (kinds.some((k) => ADMIN_KINDS.has(k))) return { kind: 'retire', pattern: 'ddl-only', reasons: ['DDL or configuration statements only, no data manipulation: the dbt project owns the schema'] };
    const execs = uniq(infos.flatMap((i) => [...i.execs.map((e) => label(index, e)), ...i.unknownExecs]));
    if (execs.length) return { kind: 'retire', pattern: 'administration', reasons: [`orchestration only: runs ${execs.join(', ')}; dbt's DAG and the scheduler take its place`] };
    if (kinds.some((k) => k === 'Raiserror' || k === 'Throw')) return { kind: 'retire', pattern: 'administration', reasons: ['error handling only: raises errors and changes no data'] };
  }
  if (obj.facts?.dynamicSqlOpaque || parsed.flat.some((f) => f.node.kind === 'ExecuteString')) {
    return { kind: 'manual', pattern: 'unrecognised', reasons: ['runs dynamic SQL built at run time: what it reads and writes cannot be known from the code'], reads: uniq(infos.flatMap((i) => i.reads)) };
  }

  // --- what is written ---
  const writers = new Map<string, StatementInfo[]>();
  for (const i of infos) for (const w of i.writes) {
    let l = writers.get(w);
    if (!l) writers.set(w, (l = []));
    l.push(i);
  }
  const control = [...writers.keys()].filter((id) => isControlTable(index.byId.get(id)!.obj)).sort();
  const candidates = [...writers.keys()].filter((id) => !control.includes(id)).sort();
  const controlReads = uniq(infos.flatMap((i) => i.reads).filter((id) => index.byId.get(id)?.kind === 'table' && isControlTable(index.byId.get(id)!.obj))).sort();
  const bookkeeping = uniq([...control, ...controlReads]).sort();
  const bookkeepingReason = bookkeeping.length
    ? [`ETL bookkeeping (${bookkeeping.map((id) => label(index, id)).join(', ')}: run lineage, cut-off times, watermarks, load logs) is left out: dbt's run results and is_incremental() take its place`]
    : [];

  // Inputs updated in place before the load reads them (WWI: surrogate keys looked up into the staging table).
  const prep = new Set<string>();
  for (const id of candidates) {
    const ws = writers.get(id)!;
    if (!ws.every((w) => w.node.kind === 'Update')) continue;
    const last = Math.max(...ws.map((w) => w.flat.index));
    const readLater = infos.some((i) => i.flat.index > last && i.reads.includes(id) && i.writes.some((w) => w !== id && candidates.includes(w)));
    if (readLater) prep.add(id);
  }
  const targets = candidates.filter((id) => !prep.has(id));
  const resultSets = infos.filter((i) => returnsResultSet(i.node));

  if (targets.length === 0) {
    if (resultSets.length === 0) {
      if (control.length) return { kind: 'retire', pattern: 'logging', reasons: [`writes only ETL bookkeeping tables (${control.map((id) => label(index, id)).join(', ')}): dbt records runs itself`] };
      const execs = uniq(infos.flatMap((i) => [...i.execs.map((e) => label(index, e)), ...i.unknownExecs]));
      if (execs.length) return { kind: 'retire', pattern: 'administration', reasons: [`orchestration only: runs ${execs.join(', ')}; dbt's DAG and the scheduler take its place`] };
      if (parsed.flat.length === 0) return { kind: 'manual', pattern: 'unrecognised', reasons: [obj.definition ? 'the body could not be read' : 'no definition text: what it does is unknown'], reads: uniq(obj.facts?.tablesRead.map((r) => index.resolveRef(r)?.id ?? '').filter(Boolean) ?? []) };
      return { kind: 'retire', pattern: 'administration', reasons: ['changes no table and returns no rows: nothing to migrate'] };
    }
    const last = resultSets[resultSets.length - 1]!;
    const lastReads = last.reads.filter((id) => !controlReads.includes(id));
    if (lastReads.length === 0 && last.reads.length > 0) {
      return { kind: 'retire', pattern: 'logging', reasons: [`returns ETL bookkeeping only (${last.reads.map((id) => label(index, id)).join(', ')}): an orchestration helper, replaced by dbt's state`] };
    }
    return report(input, infos, last, resultSets.length, bookkeepingReason);
  }

  // --- loads ---
  const temps = tempSources(input, infos);
  const loads: Load[] = [];
  for (const id of targets) loads.push(classifyLoad(input, id, writers.get(id)!, infos, prep, bookkeeping));
  const reasons = [...bookkeepingReason];
  if (prep.size) reasons.push(`${[...prep].map((id) => label(index, id)).join(', ')} ${prep.size === 1 ? 'is' : 'are'} updated in place before the load reads ${prep.size === 1 ? 'it' : 'them'}: those UPDATEs become a CTE of the model, not a model of their own`);
  if (resultSets.length) reasons.push(`its ${resultSets.length} result set(s) (row counts, messages) are not modelled: the procedure's purpose is the load`);
  const execs = uniq(infos.flatMap((i) => i.execs.map((e) => label(index, e))));
  if (execs.length) reasons.push(`calls to ${execs.join(', ')} are left out: each is planned on its own`);
  return { kind: 'load', loads, temps, reasons };
}

/** Statements filling #temp tables / table variables, as possible ephemeral models. */
function tempSources(input: ClassifyInput, infos: readonly StatementInfo[]): TempSource[] {
  const byTemp = new Map<string, StatementInfo[]>();
  for (const i of infos) for (const t of i.fillsTemp) {
    let l = byTemp.get(t);
    if (!l) byTemp.set(t, (l = []));
    l.push(i);
  }
  const out: TempSource[] = [];
  for (const [t, list] of [...byTemp].sort(([a], [b]) => a.localeCompare(b))) {
    const written = spelling(list[0]!.node, t);
    out.push({
      name: written,
      statements: list.map((i) => statementRef(input.obj, i.node, 'source')),
      reads: uniq(list.flatMap((i) => i.reads)).filter((id) => !isControlTable(input.index.byId.get(id)!.obj)).sort(),
      calls: uniq(list.flatMap((i) => i.calls)).sort(),
      temps: uniq(list.flatMap((i) => i.readsTemp)).filter((x) => x !== t).sort(),
    });
  }
  return out;
}

function spelling(s: Statement, lower: string): string {
  let found = lower;
  walk(s, (n) => {
    if (n.kind === 'Identifier' && (n as unknown as { name: string }).name.toLowerCase() === lower) found = (n as unknown as { name: string }).name;
    if (n.kind === 'Variable' && (n as unknown as { name: string }).name.toLowerCase() === lower) found = (n as unknown as { name: string }).name;
    return undefined;
  });
  return found;
}

function report(input: ClassifyInput, infos: readonly StatementInfo[], last: StatementInfo, resultSets: number, bookkeepingReason: readonly string[]): RoutineVerdict {
  const { obj, index } = input;
  const params = new Set((obj.parameters ?? []).map((p) => p.name.toLowerCase()));
  const statements: StatementRef[] = [];
  const caveats: string[] = [];
  // Parameter adjustments before the query (`IF @ToDate IS NULL SET @ToDate = …`) travel with it.
  for (const i of infos) {
    if (i.flat.index >= last.flat.index) break;
    if (i.node.kind === 'SetVariable' && params.has(i.node.variable.name.toLowerCase())) statements.push(statementRef(obj, i.node, 'prep'));
  }
  const temps = tempSources(input, infos.filter((i) => i.flat.index < last.flat.index));
  statements.push(statementRef(obj, last.node, 'query'));
  const reasons = [...bookkeepingReason];
  reasons.push(resultSets > 1 ? `returns ${resultSets} result sets; the last one (line ${statementRef(obj, last.node).line}) is what callers read` : 'returns one result set and changes no table: a report query');
  const rowcount = infos.find((i) => i.flat.index < last.flat.index && i.node.kind === 'SetOption' && i.node.options.some((o) => o.toUpperCase() === 'ROWCOUNT'));
  if (rowcount && rowcount.node.kind === 'SetOption') {
    const value = (rowcount.node.value.tokens ?? []).join(' ').trim();
    if (value !== '0') {
      statements.unshift(statementRef(obj, rowcount.node, 'prep'));
      reasons.push(`SET ROWCOUNT ${value} limits the result to ${value} rows: it becomes LIMIT ${value} on the ordered query`);
    }
  }
  if (statements.some((s) => s.role === 'prep' && s.kind === 'SetVariable')) caveats.push('parameters are adjusted before the query (defaults computed from other parameters); the model must compute them in SQL or Jinja');
  return {
    kind: 'report', reasons, statements, resultSets, temps, caveats,
    reads: uniq(last.reads.concat(temps.flatMap((t) => t.reads))).filter((id) => !isControlTable(index.byId.get(id)!.obj)).sort(),
    calls: uniq(last.calls.concat(temps.flatMap((t) => t.calls))).sort(),
  };
}

function setColumns(s: Statement): { column: string; expr: AnyNode }[] {
  const items = s.kind === 'Update' ? s.set : [];
  const out: { column: string; expr: AnyNode }[] = [];
  for (const it of items) {
    if (it.kind === 'SetColumn') {
      const p = it.column.name.parts;
      out.push({ column: p[p.length - 1]?.name ?? '', expr: it.expr });
    }
  }
  return out;
}

function isUnfilteredDelete(s: Statement): boolean {
  return s.kind === 'Delete' && !s.where && !(s.from && s.from.length > 1) && !s.currentOf;
}

function tableOf(index: CatalogIndex, id: string): Table {
  return index.byId.get(id)!.obj as Table;
}

function classifyLoad(input: ClassifyInput, tableId: string, writes: readonly StatementInfo[], infos: readonly StatementInfo[], prep: ReadonlySet<string>, bookkeeping: readonly string[]): Load {
  const { obj, index } = input;
  const schema = obj.schema;
  const table = tableOf(index, tableId);
  const tname = `${table.schema}.${table.name}`;
  const kinds = new Set(writes.map((w) => w.node.kind === 'SelectStatement' ? 'SelectInto' : w.node.kind));
  const lastWrite = writes[writes.length - 1]!;
  // Statements that make the model: preparation of inputs it reads (before the load), then the load.
  const readsOf = new Set(writes.flatMap((w) => w.reads));
  const prepInfos = infos.filter((i) => i.flat.index < lastWrite.flat.index && i.writes.some((w) => prep.has(w) && readsOf.has(w)));
  const own = [...prepInfos, ...writes].sort((a, b) => a.flat.index - b.flat.index);
  const statements = own.map((i) => statementRef(obj, i.node, writes.includes(i) ? 'load' : 'prep'));
  const reads = uniq(own.flatMap((i) => i.reads)).filter((id) => id !== tableId && !bookkeeping.includes(id)).sort();
  const calls = uniq(own.flatMap((i) => i.calls)).sort();
  const temps = uniq(own.flatMap((i) => i.readsTemp)).sort();
  const reasons: string[] = [];
  const caveats: string[] = [];
  const base = { tableId, statements, reads, calls, temps };
  const pk = table.primaryKey?.columns ?? [];
  const identityCols = new Set(table.columns.filter((c) => c.identity || /next\s+value\s+for/i.test(c.default ?? '')).map((c) => c.name.toLowerCase()));
  const businessKeyFallback = (): { key: string[]; from: string } => {
    const uk = table.uniqueKeys.find((k) => k.columns.every((c) => !identityCols.has(c.toLowerCase())));
    if (pk.length && pk.every((c) => !identityCols.has(c.toLowerCase()))) return { key: [...pk], from: `the primary key of ${tname}` };
    if (uk) return { key: [...uk.columns], from: `unique key ${uk.name ?? ''} of ${tname}`.replace('  ', ' ') };
    if (pk.length) return { key: [...pk], from: `the primary key of ${tname} (a generated surrogate key)` };
    return { key: [], from: '' };
  };
  const aliasesOf = (s: Statement): Set<string> => targetAliases(s, tableId, index, schema);

  // Loops: recognised set logic or manual.
  const looped = writes.filter((w) => w.flat.loop);
  if (looped.length || obj.facts?.usesCursor) {
    return loopLoad(input, tableId, writes, looped, base, reasons, caveats);
  }

  if (kinds.has('Merge')) {
    const m = writes.find((w) => w.node.kind === 'Merge')!.node as Extract<Statement, { kind: 'Merge' }>;
    let key = keyColumns(m.on, aliasesOf(m));
    let from = 'the MERGE ON condition';
    if (!key.length) ({ key, from } = businessKeyFallback());
    const bySource = m.clauses.filter((c) => c.match === 'NOT MATCHED BY SOURCE');
    if (bySource.some((c) => c.action.kind === 'MergeDelete') && m.clauses.some((c) => c.match === 'NOT MATCHED') && m.clauses.some((c) => c.match === 'MATCHED' && c.action.kind === 'MergeUpdate')) {
      reasons.push(`MERGE into ${tname} updates matched rows, inserts new ones and deletes rows missing from the source: the result is exactly the source query, so a table model reproduces it`);
      return { ...base, pattern: 'upsert-merge', materialization: 'table', uniqueKey: key, reasons, caveats };
    }
    reasons.push(`MERGE into ${tname} on ${key.length ? key.join(', ') : '(no key found)'} (from ${from}): an incremental model with that unique_key updates matched rows and inserts new ones`);
    if (bySource.length) {
      caveats.push(`WHEN NOT MATCHED BY SOURCE ${bySource.map((c) => c.action.kind === 'MergeDelete' ? 'DELETE' : 'UPDATE').join('/')} (rows gone from the source are ${bySource.some((c) => c.action.kind === 'MergeDelete') ? 'deleted' : 'flagged'}) has no incremental equivalent: add a step (e.g. a post-hook or a separate model) or accept that such rows stay as they are`);
    }
    const conditional = m.clauses.filter((c) => c.match === 'MATCHED' && c.condition);
    if (conditional.length) reasons.push('the WHEN MATCHED AND … change check only avoids rewriting unchanged rows; replacing them with equal values gives the same table');
    return { ...base, pattern: 'upsert-merge', materialization: 'incremental', loadKind: 'upsert', uniqueKey: key, reasons, caveats };
  }

  const updates = writes.filter((w) => w.node.kind === 'Update');
  const inserts = writes.filter((w) => w.node.kind === 'Insert' || w.node.kind === 'SelectStatement');
  const scdUpdate = updates.find((u) => setColumns(u.node).some((c) => VALID_TO.test(c.column)));
  if (scdUpdate && inserts.length) {
    return scd2Load(input, tableId, scdUpdate, inserts, base, reasons, caveats, businessKeyFallback);
  }

  const truncates = writes.filter((w) => w.node.kind === 'Truncate' || isUnfilteredDelete(w.node));
  const keyedDeletes = writes.filter((w) => w.node.kind === 'Delete' && !isUnfilteredDelete(w.node));
  if (keyedDeletes.length && inserts.length) {
    const d = keyedDeletes[0]!.node;
    let key = keyColumns(matchRoots(d), aliasesOf(d), { bareIsTarget: true });
    let from = 'the DELETE predicate';
    if (!key.length) ({ key, from } = businessKeyFallback());
    reasons.push(`DELETE of the ${tname} rows whose ${key.join(', ') || 'key'} is in the new batch, then INSERT of the batch (key from ${from}): an incremental model with the delete+insert strategy does exactly that`);
    if (truncates.length) reasons.push(`the TRUNCATE under a condition (full reload) is dbt's --full-refresh`);
    return { ...base, pattern: 'upsert-delete-insert', materialization: 'incremental', loadKind: 'replace-keys', uniqueKey: key, reasons, caveats };
  }
  if (truncates.length && inserts.length) {
    reasons.push(`${truncates[0]!.node.kind === 'Truncate' ? 'TRUNCATE' : 'DELETE of every row'} then INSERT: ${tname} is rebuilt from scratch on every run, which is a table model`);
    return { ...base, pattern: 'truncate-reload', materialization: 'table', uniqueKey: [], reasons, caveats };
  }
  if (updates.length && inserts.length) {
    const ins = inserts[0]!.node;
    const guards = notExistsGuards(ins, tableId, index, schema);
    let key = guards.length ? keyColumns(guards, aliasesOf(ins)) : [];
    let from = 'the NOT EXISTS guard of the INSERT';
    if (!key.length) {
      key = keyColumns(matchRoots(updates[0]!.node), aliasesOf(updates[0]!.node), { bareIsTarget: true });
      from = 'the UPDATE join';
    }
    if (!key.length) ({ key, from } = businessKeyFallback());
    reasons.push(`UPDATE of existing ${tname} rows, then INSERT of the missing ones (key ${key.join(', ') || '?'} from ${from}): an upsert, i.e. an incremental model with that unique_key`);
    return { ...base, pattern: 'upsert-update-insert', materialization: 'incremental', loadKind: 'upsert', uniqueKey: key, reasons, caveats };
  }
  if (kinds.has('SelectInto') && !kinds.has('Insert')) {
    reasons.push(`SELECT … INTO ${tname} creates the table from a query on every run: a table model`);
    return { ...base, pattern: 'select-into', materialization: 'table', uniqueKey: [], reasons, caveats };
  }
  if (inserts.length && !updates.length) {
    const ins = inserts[0]!.node;
    if (ins.kind === 'Insert' && ins.source.kind !== 'QuerySource') {
      return { ...base, pattern: 'unrecognised', materialization: 'table', uniqueKey: [], reasons, caveats, manual: `inserts constant rows (${ins.source.kind === 'Values' ? 'VALUES' : ins.source.kind}) into ${tname}: a dbt seed or the loaded source data replaces it` };
    }
    const guards = notExistsGuards(ins, tableId, index, schema);
    if (guards.length) {
      const key = keyColumns(guards, aliasesOf(ins));
      reasons.push(`INSERT … SELECT of the rows not yet in ${tname} (NOT EXISTS on ${key.join(', ') || '?'}): an incremental model appending the new keys`);
      return { ...base, pattern: 'insert-select', materialization: 'incremental', loadKind: 'append', uniqueKey: key, reasons, caveats };
    }
    if (bookkeeping.length || prepInfos.length) {
      // A batch load: it records cut-offs/lineage or prepares its input in place, so each run brings new rows.
      const why = bookkeeping.length ? `it records the batch in ${bookkeeping.map((id) => label(index, id)).join(', ')}` : 'it prepares its input batch in place first';
      reasons.push(`INSERT … SELECT of a new batch into ${tname} on every run (${why}), never emptying it: an incremental model with the append strategy accumulates the same rows; a full refresh loads what the inputs hold`);
      return { ...base, pattern: 'insert-select', materialization: 'incremental', loadKind: 'append', uniqueKey: [], reasons, caveats };
    }
    reasons.push(`INSERT … SELECT into ${tname}: a table model of the query`);
    caveats.push(`appends on every run (no TRUNCATE/DELETE first); the table model equals the source after one run into an empty table`);
    return { ...base, pattern: 'insert-select', materialization: 'table', uniqueKey: [], reasons, caveats };
  }
  return {
    ...base, pattern: 'unrecognised', materialization: 'table', uniqueKey: [], reasons, caveats,
    manual: `only ${[...kinds].map((k) => k.toUpperCase()).join('/')} of ${tname} (no rows produced from a query): an in-place change of data that dbt models rebuild rather than patch`,
  };
}

function scd2Load(
  input: ClassifyInput, tableId: string, upd: StatementInfo, inserts: readonly StatementInfo[],
  base: Pick<Load, 'tableId' | 'statements' | 'reads' | 'calls' | 'temps'>, reasons: string[], caveats: string[],
  fallback: () => { key: string[]; from: string },
): Load {
  const { index, obj } = input;
  const table = tableOf(index, tableId);
  const tname = `${table.schema}.${table.name}`;
  const aliases = targetAliases(upd.node, tableId, index, obj.schema);
  const sets = setColumns(upd.node);
  const validToSet = sets.find((c) => VALID_TO_DATE.test(c.column));
  const isCurrent = sets.find((c) => IS_CURRENT.test(c.column)) ?? (table.columns.find((c) => IS_CURRENT.test(c.name)) ? { column: table.columns.find((c) => IS_CURRENT.test(c.name))!.name, expr: undefined } : undefined);
  const validFrom = table.columns.find((c) => VALID_FROM.test(c.name))?.name;
  const validTo = validToSet?.column ?? table.columns.find((c) => VALID_TO_DATE.test(c.name))?.name;
  let key = keyColumns(matchRoots(upd.node), aliases);
  let from = 'the join of the UPDATE that closes versions';
  if (!key.length) {
    const guards = notExistsGuards(inserts[0]!.node, tableId, index, obj.schema);
    key = guards.length ? keyColumns(guards, targetAliases(inserts[0]!.node, tableId, index, obj.schema)) : [];
    from = 'the NOT EXISTS guard of the INSERT';
  }
  if (!key.length) ({ key, from } = fallback());
  reasons.push(`slowly changing dimension type 2: the UPDATE closes the current version of ${tname} (${sets.map((s) => s.column).join(', ')}) and the INSERT adds the new version; business key ${key.join(', ') || '?'} (from ${from})`);
  // Where does the end of the old version come from? A column of the incoming rows → their own timestamps.
  const fromData = validToSet && validToSet.expr.kind === 'ColumnRef';
  let snapshot: SnapshotConfig;
  if (fromData && validFrom) {
    snapshot = { strategy: 'timestamp', uniqueKey: key, updatedAt: validFrom };
    reasons.push(`versions are timed by the data (${validToSet!.column} of the closed row = ${validFrom} of the incoming one): a dbt snapshot with the timestamp strategy and updated_at = ${validFrom} reproduces that; snapshot_meta_column_names can keep the names ${validFrom}/${validTo ?? 'valid to'} and dbt_valid_to_current the end-of-time value`);
    caveats.push(`a snapshot keeps one new version per key and run; the source inserts every staged version (several changes of one key between loads give several rows)`);
  } else {
    const compared = comparedColumns(matchRoots(upd.node), aliases);
    snapshot = { strategy: 'check', uniqueKey: key, checkCols: compared.length ? compared : 'all' };
    reasons.push(`versions start when the load runs (${validToSet ? printExpression(validToSet.expr as never) : 'the load time'}) and a change is any difference in ${compared.length ? compared.join(', ') : 'the tracked columns'}: a dbt snapshot with the check strategy on ${compared.length ? 'those columns' : 'all columns'} reproduces that`);
  }
  reasons.push('a snapshot, not an incremental model, because dbt maintains the validity columns itself and never rewrites closed versions, which is what the procedure guarantees');
  if (isCurrent) caveats.push(`${isCurrent.column} is not kept by a snapshot: it is "dbt_valid_to is null" (or = dbt_valid_to_current) in models that read the snapshot`);
  const params = (obj.parameters ?? []).filter((p) => !p.output);
  if (params.length) caveats.push(`parameters ${params.map((p) => p.name).join(', ')} (e.g. back-loading with an explicit effective date) have no snapshot equivalent: snapshots take the run time or the data's timestamp`);
  return {
    ...base, pattern: 'scd2', materialization: 'snapshot', uniqueKey: key, snapshot,
    ...(validFrom ? { validFrom } : {}), ...(validTo ? { validTo } : {}),
    reasons, caveats, foldTemps: true,
  };
}

function dateAddStep(e: AnyNode, variable: string): boolean {
  if (e.kind !== 'FunctionCall') return false;
  const f = e as unknown as { name: { parts: readonly ({ name: string } | null)[] }; args: readonly AnyNode[] };
  const fname = f.name.parts[f.name.parts.length - 1]?.name.toLowerCase();
  if (fname !== 'dateadd' || f.args.length !== 3) return false;
  const unit = printExpression(f.args[0] as never).toLowerCase().replace(/[[\]"]/g, '');
  const step = printExpression(f.args[1] as never).trim();
  const target = f.args[2]!;
  return ['day', 'dd', 'd'].includes(unit) && step === '1' && target.kind === 'Variable' && (target as unknown as { name: string }).name.toLowerCase() === variable;
}

function loopLoad(
  input: ClassifyInput, tableId: string, writes: readonly StatementInfo[], looped: readonly StatementInfo[],
  base: Pick<Load, 'tableId' | 'statements' | 'reads' | 'calls' | 'temps'>, reasons: string[], caveats: string[],
): Load {
  const { index, obj } = input;
  const table = tableOf(index, tableId);
  const tname = `${table.schema}.${table.name}`;
  const loop = (looped[0]?.flat.loop ?? undefined) as Extract<Statement, { kind: 'While' }> | undefined;
  const cursor = obj.facts?.usesCursor ?? false;
  if (loop && !cursor) {
    // Date-dimension fill: WHILE over a date variable stepped by DATEADD(day, 1, @d), one INSERT per day.
    const condVars = new Set<string>();
    walk(loop.condition, (n) => {
      if (n.kind === 'Variable') condVars.add((n as unknown as { name: string }).name.toLowerCase());
      return undefined;
    });
    let stepVar: string | undefined;
    walk(loop.body, (n) => {
      if (n.kind === 'SetVariable') {
        const sv = n as unknown as { variable: { name: string }; expr: AnyNode };
        const v = sv.variable.name.toLowerCase();
        if (condVars.has(v) && dateAddStep(sv.expr, v)) stepVar = sv.variable.name;
      }
      return undefined;
    });
    if (stepVar && looped.some((w) => w.node.kind === 'Insert')) {
      const ins = looped.find((w) => w.node.kind === 'Insert')!;
      // IF NOT EXISTS (SELECT 1 FROM T WHERE [Date] = @d): only missing days are added.
      let key: string[] = [];
      const ifs = input.parsed ?? parseModule(obj.definition);
      for (const f of ifs.flat) {
        if (f.node.kind !== 'If' || f.loop !== loop) continue;
        const guards = notExistsGuards(f.node.condition, tableId, index, obj.schema);
        if (guards.length) key = keyColumns(guards, targetAliases(f.node as never, tableId, index, obj.schema), { bareIsTarget: true, variablesCount: true });
      }
      reasons.push(`date-dimension fill loop: one ${tname} row per day, ${stepVar} stepped by DATEADD(day, 1, …) while ${printExpression(loop.condition).replace(/\s+/g, ' ')}: set-based, this is a date spine (generate_series / dbt.date_spine) with the same column expressions`);
      if (key.length) reasons.push(`only days not yet in ${tname} are added (NOT EXISTS on ${key.join(', ')}): an incremental model with that unique_key keeps earlier years`);
      return {
        ...base, statements: [...base.statements.filter((s) => s.offset !== ins.node.span.offset), statementRef(obj, loop, 'load'), statementRef(obj, ins.node, 'load')],
        pattern: 'set-based-loop', materialization: key.length ? 'incremental' : 'table', ...(key.length ? { loadKind: 'upsert' as const } : {}), uniqueKey: key, reasons, caveats,
      };
    }
    return { ...base, pattern: 'unrecognised', materialization: 'table', uniqueKey: [], reasons, caveats, manual: `WHILE loop writing ${tname} that is not a recognised set pattern (date spine, running total, row-by-row upsert)` };
  }
  // Cursor loops: running totals and row-by-row upserts.
  const inLoop = writes.filter((w) => w.flat.loop);
  const hasUpdate = inLoop.some((w) => w.node.kind === 'Update');
  const hasInsert = inLoop.some((w) => w.node.kind === 'Insert');
  let accumulates = false;
  const parsed = input.parsed ?? parseModule(obj.definition);
  for (const f of parsed.flat) {
    if (f.node.kind !== 'SetVariable' || !f.loop) continue;
    const v = f.node.variable.name.toLowerCase();
    if (f.node.op === '+=') accumulates = true;
    walk(f.node.expr, (n) => {
      if (n.kind === 'Binary' && (n as unknown as { op: string }).op === '+') {
        const l = (n as unknown as { left: AnyNode }).left;
        if (l.kind === 'Variable' && (l as unknown as { name: string }).name.toLowerCase() === v) accumulates = true;
      }
      return undefined;
    });
  }
  if (cursor && hasUpdate && accumulates && !hasInsert) {
    reasons.push(`cursor accumulating a value row by row and writing it back to ${tname}: a running total, which is SUM(…) OVER (ORDER BY … ROWS UNBOUNDED PRECEDING) in one query`);
    return { ...base, pattern: 'set-based-loop', materialization: 'table', uniqueKey: [], reasons, caveats };
  }
  if (cursor && hasUpdate && hasInsert) {
    const upd = inLoop.find((w) => w.node.kind === 'Update')!;
    const key = keyColumns(matchRoots(upd.node), targetAliases(upd.node, tableId, index, obj.schema), { bareIsTarget: true, variablesCount: true });
    reasons.push(`cursor that updates each ${tname} row when it exists and inserts it otherwise: a row-by-row upsert, i.e. an incremental model with unique_key ${key.join(', ') || '?'} over the cursor's query`);
    return { ...base, pattern: 'row-by-row', materialization: 'incremental', loadKind: 'upsert', uniqueKey: key, reasons, caveats };
  }
  return { ...base, pattern: 'row-by-row', materialization: 'table', uniqueKey: [], reasons, caveats, manual: `${cursor ? 'cursor' : 'loop'} processing ${tname} row by row in a way that is not a recognised set pattern` };
}
