/** The registry of targets. Asking for a name that is not registered is a programming error: it throws. */
import { bigquery } from './bigquery/index.js';
import { databricks } from './databricks/index.js';
import { dbt } from './dbt/index.js';
import type { Dialect, TargetName } from './dialect.js';
import { TARGETS } from './dialect.js';
import { duckdb } from './duckdb/index.js';
import { fabric } from './fabric/index.js';
import { postgres } from './postgres/index.js';
import { snowflake } from './snowflake/index.js';

const DIALECTS: Readonly<Record<TargetName, Dialect>> = { duckdb, postgres, snowflake, bigquery, databricks, fabric, dbt };

export function isTargetName(name: string): name is TargetName {
  return (TARGETS as readonly string[]).includes(name);
}

export function getDialect(name: string): Dialect {
  if (!isTargetName(name)) throw new Error(`unknown target '${name}'; known targets: ${TARGETS.join(', ')}`);
  return DIALECTS[name];
}

export { TARGETS, type TargetName };
