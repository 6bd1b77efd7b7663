/**
 * `_<source>__sources.yml` and `_<folder>__models.yml` as typed objects: every column documented
 * (MS_Description when the catalog has it, else what the column is), constraint tests on staging
 * models, planned tests (e.g. from triggers) on their model.
 */
import type { Column, ResultColumn, Table } from '../catalog/model.js';
import { diagnostic } from '../diagnostics/index.js';
import type { PlanNode } from '../plan/model.js';
import type { GenContext } from './context.js';
import { constraintTests, type YamlTest } from './constraint-tests.js';
import { isPlainIdentifier } from './names.js';
import { typeText } from './staging.js';

interface YamlColumn {
  name: string;
  description: string;
  quote?: boolean;
  data_tests?: YamlTest[];
}

/** Names of columns that record when a row was loaded or changed, best first. */
const LOADED_AT = [/^(modified|last_?modified|updated|last_?updated|last_?edited)_?(date|when|at|on|time|datetime)?$/i, /^(load|loaded|etl)_?(date|when|at|time)$/i, /^(created|inserted)_?(date|when|at|on)$/i];
const TEMPORAL = new Set(['datetime', 'datetime2', 'smalldatetime', 'datetimeoffset', 'date']);

/** The column source freshness can use, or the reason there is none. */
export function freshnessColumn(t: Table): { column: string } | { reason: string } {
  const temporal = t.columns.filter((c) => c.type && TEMPORAL.has(c.type.name));
  if (!temporal.length) return { reason: 'the table has no date or time column' };
  for (const re of LOADED_AT) {
    const hit = temporal.find((c) => re.test(c.name.replace(/\s+/g, '_')));
    if (hit) return { column: hit.name };
  }
  return { reason: `no column records when a row was loaded or changed (date columns: ${temporal.map((c) => c.name).join(', ')})` };
}

function describeColumn(ctx: GenContext, c: Column | ResultColumn, owner: string): string {
  if ('description' in c && c.description) return c.description;
  const type = typeText(ctx, c.type);
  const facts = [type, c.nullable === false ? 'not null' : undefined, 'identity' in c && c.identity ? 'identity' : undefined].filter(Boolean).join(', ');
  return `${c.name}${facts ? ` (${facts})` : ''} from ${owner}.`;
}

function column(ctx: GenContext, c: Column | ResultColumn, owner: string, tests?: YamlTest[]): YamlColumn {
  return {
    name: c.name,
    description: describeColumn(ctx, c, owner),
    ...(isPlainIdentifier(c.name) ? {} : { quote: true }),
    ...(tests?.length ? { data_tests: tests } : {}),
  };
}

/** The `sources:` entry for one dbt source name (one SQL Server schema). */
export function sourcesYml(ctx: GenContext, sourceName: string, nodes: readonly { node: PlanNode; table: Table }[]): Record<string, unknown> {
  const first = nodes[0]!.node;
  const tables = nodes.map(({ node, table }) => {
    const fresh = freshnessColumn(table);
    if ('reason' in fresh) ctx.diagnostics.push(diagnostic('MD4053', { node: node.name, table: `${table.schema}.${table.name}`, reason: fresh.reason }));
    const identifier = node.raw?.identifier ?? table.name;
    const name = node.raw?.table ?? table.name;
    return {
      name,
      ...(identifier !== name ? { identifier } : {}),
      description: table.description ?? `${table.schema}.${table.name} as loaded from ${ctx.where(table.location)}.`,
      // Explicit both ways: dbt-postgres quotes identifiers by default, and the loader creates plain
      // names unquoted (folded to lower case on PostgreSQL), names with spaces quoted.
      quoting: { identifier: !isPlainIdentifier(identifier) },
      ...('column' in fresh
        ? { config: { loaded_at_field: fresh.column, freshness: { warn_after: { count: 24, period: 'hour' }, error_after: { count: 72, period: 'hour' } } } }
        : { meta: { freshness: `not configured: ${fresh.reason}` } }),
      columns: table.columns.map((c) => column(ctx, c, `${table.schema}.${table.name}`)),
    };
  });
  return {
    name: sourceName,
    description: `Raw tables of the SQL Server schema ${first.source.schema}, loaded unchanged by mssql2dbt.`,
    schema: first.raw?.schema ?? 'raw',
    tables,
  };
}

/** One model's entry in `_<folder>__models.yml`. */
export function modelYml(ctx: GenContext, node: PlanNode, description: string, cols: readonly (Column | ResultColumn)[], owner: string, table?: Table): Record<string, unknown> {
  const tests = table ? constraintTests(ctx, table) : undefined;
  const planned = node.tests ?? [];
  const byColumn = new Map<string, YamlTest[]>(tests?.columns ?? []);
  const modelTests: YamlTest[] = [...(tests?.model ?? [])];
  for (const p of planned) {
    const t: YamlTest = p.arguments ? { [p.test]: { arguments: p.arguments } } : p.test;
    const col = p.column ? cols.find((c) => c.name.toLowerCase() === p.column!.toLowerCase())?.name : undefined;
    if (col) byColumn.set(col, [...(byColumn.get(col) ?? []), t]);
    else if (!p.column) modelTests.push(t);
  }
  return {
    name: node.name,
    description,
    ...(modelTests.length ? { data_tests: modelTests } : {}),
    ...(cols.length ? { columns: cols.map((c) => column(ctx, c, owner, byColumn.get(c.name))) } : {}),
  };
}
