/** The Executor's public types: what `writeDbtProject` takes and what it reports. */
import type { Catalog } from '../catalog/model.js';
import type { Diagnostic } from '../diagnostics/index.js';
import type { TargetName } from '../translate/index.js';
import type { MigrationPlan } from '../plan/model.js';

/** Warehouses a profile can be written for. */
export const DBT_TARGETS = ['duckdb', 'postgres', 'snowflake', 'bigquery', 'databricks', 'fabric'] as const;
export type DbtTarget = (typeof DBT_TARGETS)[number];

/** Connection settings for profiles.yml. Secrets never go in: passwords are read with env_var(). */
export interface ConnectionSettings {
  /** DuckDB: the database file (default `<outDir>/warehouse.duckdb`). */
  readonly path?: string;
  readonly host?: string;
  readonly port?: number;
  readonly user?: string;
  readonly database?: string;
  /** Default schema models are built in (`main` on DuckDB, `analytics` elsewhere). */
  readonly schema?: string;
  readonly threads?: number;
}

export interface GenerateOptions {
  readonly plan: MigrationPlan;
  readonly catalog: Catalog;
  /** The warehouse of profiles.yml (default: the plan's target when it is one, else duckdb). */
  readonly target?: DbtTarget;
  /**
   * The SQL flavour of model files: `dbt` (default) prints dbt's cross-database macros so one
   * project runs on every adapter; a concrete target prints that engine's SQL.
   */
  readonly sqlDialect?: TargetName;
  readonly outDir: string;
  /** Overwrite files the user edited since the last generation. */
  readonly force?: boolean;
  readonly connection?: ConnectionSettings;
}

/** One file of the project, before it is written. `path` is relative to the project root, `/`-separated. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

export type WriteOutcome = 'created' | 'updated' | 'unchanged' | 'kept-user-edit' | 'overwrote-user-edit';

export interface GenerateReport {
  readonly outDir: string;
  /** Every generated file and what happened to it, sorted by path. */
  readonly files: readonly { readonly path: string; readonly outcome: WriteOutcome }[];
  /** Generation findings (MD4050–MD4099) and the translation diagnostics of every node. */
  readonly diagnostics: readonly Diagnostic[];
}
