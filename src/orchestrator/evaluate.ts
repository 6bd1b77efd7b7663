/**
 * The Evaluator's place in a migration: which relation a built node is compared with, and the
 * comparison itself (validate/diffTables, pushed down into the warehouse).
 *
 * A staging model is compared with the raw table it reads; a model that replaces a table (a
 * procedure's target) with that table's data as loaded from the source. A view's or a report's rows
 * exist only on SQL Server: without a live source they are `unverifiable`, and said to be.
 */
import type { Catalog, Table } from '../catalog/model.js';
import type { MigrationPlan, PlanNode } from '../plan/model.js';
import { diffTables } from '../validate/diff.js';
import type { Connector } from '../validate/connector.js';
import type { DiffResult } from '../validate/types.js';
import type { ValidationResult, ValidationSample } from './state.js';
import type { BuiltNode } from './stages.js';

/** `"db"."schema"."name"` (as dbt's manifest gives it) → `schema.name` with the exact spelling. */
export function schemaAndName(relation: string): string {
  const parts = [...relation.matchAll(/"((?:[^"]|"")*)"|([^."]+)/g)].map((m) => (m[1] ?? m[2] ?? '').replace(/""/g, '"'));
  return parts.slice(-2).map((p) => `"${p.replace(/"/g, '""')}"`).join('.');
}

/** Patterns that rebuild their table from scratch each run: the table's current rows are what the model must return. */
const FULL_RELOAD: ReadonlySet<string> = new Set(['truncate-reload', 'insert-select', 'select-into', 'temp-table-chain', 'set-based-loop']);

export interface Comparison {
  readonly against: PlanNode;
  readonly table: Table | undefined;
}

/** What a node should be compared with, or why there is nothing. */
export function comparisonFor(node: PlanNode, plan: MigrationPlan, catalog: Catalog): Comparison | string {
  const tableId = node.replaces ?? (node.layer === 'staging' ? node.objectId : undefined);
  if (node.replaces && node.pattern && !FULL_RELOAD.has(node.pattern)) {
    return `${node.pattern}: ${node.replaces.replace(/^table:/, '')} keeps rows from earlier loads (upserts, history), which a fresh build cannot reproduce; compare the current rows with \`mssql2dbt diff\``;
  }
  if (!tableId) {
    return node.source.kind === 'view'
      ? 'a view\'s rows can only be compared with SQL Server\'s own: run `mssql2dbt diff` against the live source'
      : `${node.source.kind} ${node.source.schema}.${node.source.name} has no table of its own to compare with`;
  }
  const against = plan.nodes.find((n) => n.disposition === 'source' && n.objectId === tableId && n.raw);
  if (!against) return `no source data for ${tableId} in the plan`;
  const table = catalog.tables.find((t) => `table:${t.schema}.${t.name}`.toLowerCase() === tableId.toLowerCase());
  return { against, table };
}

function samplesOf(d: DiffResult): ValidationSample[] {
  const key = (k: readonly (string | null)[]): string => k.map((v) => v ?? 'NULL').join(', ');
  return [
    ...d.samples.missingInTarget.slice(0, 5).map((k) => ({ kind: 'missing-in-target', key: key(k) })),
    ...d.samples.missingInSource.slice(0, 5).map((k) => ({ kind: 'missing-in-source', key: key(k) })),
    ...d.samples.changed.slice(0, 5).flatMap((c) => c.columns.slice(0, 3).map((v) => ({ kind: 'changed', key: key(c.key), column: v.column, source: v.source, target: v.target }))),
  ];
}

export async function evaluateNode(node: PlanNode, built: BuiltNode | undefined, plan: MigrationPlan, catalog: Catalog, warehouse: Connector, quoteRaw: (schema: string, identifier: string) => string): Promise<ValidationResult> {
  const c = comparisonFor(node, plan, catalog);
  if (typeof c === 'string') return { status: 'unverifiable', summary: c };
  if (!built?.relation) return { status: 'unverifiable', summary: 'dbt did not report the relation this node built' };
  const raw = c.against.raw!;
  const source = quoteRaw(raw.schema, raw.identifier);
  const sourceRelation = { query: `SELECT * FROM ${source}` };
  const targetRelation = { query: `SELECT * FROM ${schemaAndName(built.relation)}` };
  // Compare the columns both sides have, except identity columns the warehouse would number afresh;
  // the primary key is the diff key when the model carries all of it.
  const targetColumns = new Set((await warehouse.describe(targetRelation)).map((col) => col.name.toLowerCase()));
  const generated = new Set((c.table?.columns ?? []).filter((col) => col.identity || col.computed).map((col) => col.name.toLowerCase()));
  const columns = (await warehouse.describe(sourceRelation)).map((col) => col.name).filter((n) => targetColumns.has(n.toLowerCase()) && !generated.has(n.toLowerCase()));
  const pk = c.table?.primaryKey?.columns ?? [];
  const key = pk.length && pk.every((k) => columns.some((n) => n.toLowerCase() === k.toLowerCase())) ? pk : [];
  if (!columns.length) return { status: 'unverifiable', summary: `the model has none of the columns of ${raw.schema}.${raw.identifier}` };
  const d = await diffTables({
    source: warehouse, target: warehouse, sourceRelation, targetRelation, columns,
    ...(key.length ? { key } : {}),
    collation: 'cs',
  });
  const against = `${raw.schema}.${raw.identifier}`;
  if (d.status === 'unverifiable') return { status: 'unverifiable', against, summary: d.reason ?? 'the comparison could not run' };
  if (d.rowsSource === 0) {
    // An empty source table means the inputs never filled it (no data, or the procedure never ran):
    // there is nothing to hold the model's rows against.
    return { status: 'unverifiable', against, sourceRows: 0, targetRows: d.rowsTarget, summary: `${against} has no rows in the inputs: nothing to compare the model's ${d.rowsTarget} rows with` };
  }
  const summary = d.status === 'verified'
    ? `equal to ${against}: ${d.rowsSource} rows${key.length ? ` by key ${key.join(', ')}` : ''}`
    : `${d.missingInTarget} missing, ${d.missingInSource} extra, ${d.changed} changed of ${d.rowsSource} rows vs ${against}${d.reason ? ` (${d.reason})` : ''}`;
  return {
    status: d.status === 'verified' ? 'passed' : 'failed', against, sourceRows: d.rowsSource, targetRows: d.rowsTarget, summary,
    ...(d.score !== null ? { score: d.score } : {}),
    ...(d.status === 'mismatch' ? { samples: samplesOf(d) } : {}),
  };
}
