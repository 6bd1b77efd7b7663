/**
 * Which dbt incremental strategy reproduces a load on each target. Checked against the adapters we
 * pin (python/requirements.txt) and the vendors' adapter docs:
 *
 * | target     | append | delete+insert | merge |
 * |------------|--------|---------------|-------|
 * | duckdb     | yes    | yes           | yes (dbt-duckdb 1.11 with DuckDB ≥ 1.4; we pin 1.5.5) |
 * | postgres   | yes    | yes           | yes, but MERGE needs PostgreSQL ≥ 15 |
 * | snowflake  | yes    | yes           | yes |
 * | bigquery   | yes    | no            | yes |
 * | databricks | yes    | no            | yes |
 * | fabric     | yes    | yes           | not in every dbt-fabric release |
 */
import type { IncrementalStrategy } from './model.js';

/**
 * `upsert`: one row per key, matched rows replaced and new rows added (MERGE, UPDATE + INSERT).
 * `replace-keys`: every target row of a key in the batch is deleted and the batch inserted; the key
 *   need not be unique per row (order lines replaced by order id).
 * `append`: rows are only added.
 */
export type LoadKind = 'upsert' | 'replace-keys' | 'append';

export interface StrategyChoice {
  readonly strategy: IncrementalStrategy;
  readonly reason: string;
  /** Set when the target cannot reproduce the load exactly with any built-in strategy. */
  readonly caveat?: string;
}

export function chooseStrategy(target: string, kind: LoadKind): StrategyChoice {
  const t = target.toLowerCase();
  if (kind === 'append') return { strategy: 'append', reason: 'rows are only added, so the append strategy reproduces the load on every target' };
  if (kind === 'replace-keys') {
    if (t === 'bigquery' || t === 'databricks') {
      return {
        strategy: 'merge',
        reason: `${t} has no delete+insert strategy; merge is the nearest`,
        caveat: `the source replaces every row of a key in the batch, which merge reproduces only when the key is unique per row on ${t}`,
      };
    }
    return { strategy: 'delete+insert', reason: `delete+insert reproduces "DELETE the batch's keys, INSERT the batch" exactly (the key need not be unique per row), and ${t} supports it` };
  }
  switch (t) {
    case 'duckdb':
      return { strategy: 'merge', reason: 'dbt-duckdb 1.11 runs merge on DuckDB ≥ 1.4 (we pin 1.5.5): matched rows are updated and new rows inserted, as the source MERGE does' };
    case 'postgres':
      return { strategy: 'delete+insert', reason: 'on postgres, merge needs PostgreSQL 15 or later; delete+insert by the unique key gives the same rows on every version' };
    case 'fabric':
      return { strategy: 'delete+insert', reason: 'dbt-fabric supports delete+insert on every release (merge not on all); by a unique key it gives the same rows as an upsert' };
    default:
      return { strategy: 'merge', reason: `${t} supports merge, which matches the source's update-or-insert by key` };
  }
}
