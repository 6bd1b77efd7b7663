/**
 * The migration plan (`migration_plan.json`, `formatVersion: 1`): what every source object becomes in
 * the dbt project, where it lives, what it depends on, in which order it is built, and why.
 *
 * This is the contract between the Planner (plan/), the Executor that writes the dbt project (dbt/),
 * the loader (load/: which raw relation each source table is loaded into) and the orchestrator
 * (orchestrator/: one state machine per node). `schemas/migration-plan.schema.json` mirrors these
 * types; change both together. Plain data only (JSON-serialisable).
 */
import type { CatalogSource, ObjectKind, SourceLocation } from '../catalog/model.js';
import type { Diagnostic } from '../diagnostics/index.js';

export const PLAN_FORMAT_VERSION = 1 as const;

/** What a source object becomes. */
export type PlanDisposition =
  /** A dbt source (a raw table loaded from the estate's data). */
  | 'source'
  /** A dbt model (staging, intermediate, mart). */
  | 'model'
  | 'snapshot'
  /** A dbt macro (scalar functions). */
  | 'macro'
  /** A dbt analysis (a report query nobody materialises). */
  | 'analysis'
  /** dbt data tests derived from a trigger's rules. */
  | 'test'
  /** Needs a person: the reason and the original code travel with it. */
  | 'manual'
  /** Not migrated: administration, logging, reseeding, DDL-only … with the reason. */
  | 'retire';

export type Layer = 'sources' | 'staging' | 'intermediate' | 'marts' | 'snapshots' | 'macros' | 'analyses' | 'tests';

export type Materialization = 'view' | 'table' | 'incremental' | 'ephemeral';

/** What a procedure (or multi-statement function) body was recognised as doing. */
export type RoutinePattern =
  | 'truncate-reload'
  | 'insert-select'
  | 'select-into'
  | 'upsert-merge'
  | 'upsert-update-insert'
  /** DELETE the target rows whose key is in the new batch, then INSERT the batch (keyed replace). */
  | 'upsert-delete-insert'
  | 'scd2'
  | 'temp-table-chain'
  | 'report'
  | 'set-based-loop'
  | 'row-by-row'
  | 'administration'
  | 'logging'
  | 'reseed'
  | 'ddl-only'
  | 'unrecognised';

/** dbt incremental strategies we generate (the right one per target is chosen by the planner). */
export type IncrementalStrategy = 'merge' | 'delete+insert' | 'append';

/** A relation in the target warehouse: where the loader puts a source table's data. */
export interface RawRelation {
  /** Target schema (e.g. `raw`, `raw_dimension`). */
  readonly schema: string;
  /** Target table identifier (the source table's name, as the loader creates it). */
  readonly identifier: string;
}

/** The statement(s) of a routine a node was made from (1-based lines in the object's file). */
export interface StatementRef {
  readonly line: number;
  readonly col: number;
  /** The neutral statement kind this is (Insert, Merge, Update, QueryStmt, SelectInto …). */
  readonly kind: string;
  /** 0-based offsets of the statement in the object's catalog `definition` (start, end exclusive). */
  readonly offset?: number;
  readonly end?: number;
  /** What the statement contributes: `load` (writes the node's table), `prep` (updates an input in place), `source` (fills a #temp table / table variable the load reads), `query` (the result set). */
  readonly role?: 'load' | 'prep' | 'source' | 'query';
}

/** A dbt `var()` made from a procedure parameter. */
export interface PlanVar {
  /** The var name (parameter name without `@`, snake_case). */
  readonly name: string;
  /** The parameter as declared (`@FromDate`). */
  readonly parameter: string;
  /** Default value as SQL text, or absent when the parameter has none (then the var is required). */
  readonly default?: string;
}

/** A test the plan asks for beyond those derived from constraints (e.g. a trigger's rule). */
export interface PlannedTest {
  /** `not_null`, `accepted_values`, `expression_is_true`, … or a generic test the project ships. */
  readonly test: string;
  /** The plan node (model or snapshot) the test checks; for a trigger, the node that provides its table. */
  readonly model?: string;
  readonly column?: string;
  readonly arguments?: Readonly<Record<string, unknown>>;
  /** Why this test exists (e.g. "trigger dbo.trgOrderAudit sets ModifiedDate on every update"). */
  readonly reason: string;
}

/** Snapshot settings (dbt `snapshot` config). */
export interface SnapshotConfig {
  readonly strategy: 'timestamp' | 'check';
  readonly uniqueKey: readonly string[];
  readonly updatedAt?: string;
  /** `check` strategy: the columns compared, or `all`. */
  readonly checkCols?: readonly string[] | 'all';
  /**
   * The dimension's generated key (IDENTITY/sequence), which facts look up: the snapshot computes it
   * as a deterministic hash of `of` (business key + valid-from), so a version keeps its key forever.
   */
  readonly surrogateKey?: { readonly column: string; readonly of: readonly string[] };
}

export interface IncrementalConfig {
  readonly uniqueKey: readonly string[];
  readonly strategy: IncrementalStrategy;
  /** SCD-2 as an incremental model: the validity columns it maintains. */
  readonly validFrom?: string;
  readonly validTo?: string;
}

/**
 * One node of the plan. A table gives two (its `source` and its staging model); a procedure gives
 * one node per table it loads; everything else one. `name` is unique in the plan.
 */
export interface PlanNode {
  /** dbt node name: `stg_northwind__orders`, `dim_customer`, `northwind.Orders` for a source table. */
  readonly name: string;
  /** Assessment id of the source object (`kind:schema.name`), shared by all nodes made from it. */
  readonly objectId: string;
  readonly source: {
    readonly kind: ObjectKind;
    readonly schema: string;
    readonly name: string;
    readonly location: SourceLocation;
  };
  readonly disposition: PlanDisposition;
  readonly layer: Layer;
  readonly materialization?: Materialization;
  /** Routines only: what the body was recognised as doing. */
  readonly pattern?: RoutinePattern;
  /** Path of the file written for this node, relative to the dbt project root (absent for retire). */
  readonly path?: string;
  /** Names of plan nodes this one reads (its `ref()`/`source()` targets), sorted. */
  readonly dependsOn: readonly string[];
  /** 0-based position in a topological order of the plan (dependencies first). */
  readonly order: number;
  /** Why: each decision in a sentence a reviewer can check. */
  readonly reasons: readonly string[];
  /** Sources only: where the loader puts the data, and the dbt source name/table. */
  readonly raw?: RawRelation & { readonly sourceName: string; readonly table: string };
  /** For a node that replaces a source table (a procedure's target): the table's id, to validate against. */
  readonly replaces?: string;
  /** Routines: the statements the model's SQL is made from. */
  readonly statements?: readonly StatementRef[];
  readonly incremental?: IncrementalConfig;
  readonly snapshot?: SnapshotConfig;
  readonly vars?: readonly PlanVar[];
  readonly tests?: readonly PlannedTest[];
  /** Planner findings about this node (MD4xxx). */
  readonly diagnostics: readonly Diagnostic[];
}

/** Naming conventions and folders (`--naming <file>`, JSON); every field has a default. */
export interface NamingConventions {
  /** dbt project name (also the profile name). */
  readonly project: string;
  /** dbt source name for a SQL Server schema: `{database}` for dbo, `{schema}` otherwise (lower snake case). */
  readonly sourceName: string;
  /** Target schema the loader writes a source schema's tables into. Default `raw` for dbo, `raw_{schema}` otherwise. */
  readonly rawSchema: string;
  /** Staging model name. Default `stg_{source}__{table}`. */
  readonly staging: string;
  /** Intermediate model name. Default `int_{name}`. */
  readonly intermediate: string;
  /** Mart model name for views and routine targets. Default `{name}` (snake case of the object name). */
  readonly mart: string;
  readonly snapshot: string;
  /** Folders under models/ for each layer. */
  readonly folders: Readonly<Record<'staging' | 'intermediate' | 'marts', string>>;
}

export interface PlanSummary {
  readonly nodes: number;
  readonly byDisposition: Readonly<Record<PlanDisposition, number>>;
  readonly byLayer: Readonly<Record<Layer, number>>;
  readonly byPattern: Readonly<Record<string, number>>;
}

export interface MigrationPlan {
  readonly formatVersion: typeof PLAN_FORMAT_VERSION;
  readonly sources: readonly CatalogSource[];
  /** The target the plan was made for (`duckdb`, `postgres`, …): it decides incremental strategies. */
  readonly target: string;
  readonly naming: NamingConventions;
  /** `--select` patterns the plan was restricted to (empty: the whole estate). */
  readonly select: readonly string[];
  readonly summary: PlanSummary;
  /** In `order`. */
  readonly nodes: readonly PlanNode[];
  readonly diagnostics: readonly Diagnostic[];
}
