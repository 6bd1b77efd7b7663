/**
 * What the orchestrator needs from each stage, as narrow interfaces. The orchestrator depends on these,
 * not on the stages' modules, so its state machine is tested with the real stages (default-stages.ts)
 * and, where a failure must be forced at a precise moment, with a stage replaced.
 */
import type { Catalog } from '../catalog/model.js';
import type { Diagnostic } from '../diagnostics/index.js';
import type { MigrationPlan, NamingConventions, PlanNode } from '../plan/model.js';
import type { ValidationResult } from './state.js';

export type WarehouseTarget =
  | { readonly kind: 'duckdb'; readonly path: string }
  | { readonly kind: 'postgres'; readonly url: string };

export interface StageContext {
  readonly outDir: string;
  readonly target: WarehouseTarget;
  readonly signal?: AbortSignal;
  readonly log: (message: string) => void;
  /** dbt project variables for every dbt run (`--vars`): values for the procedures' parameters. */
  readonly dbtVars?: Readonly<Record<string, unknown>>;
}

export interface TableLoad {
  /** The plan's source node name. */
  readonly node: string;
  readonly rows: number;
  /** Where the data came from (`script INSERTs`, `BULK INSERT file`, `bacpac`, `csv`, `none`). */
  readonly from: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** One dbt node's outcome in a build, with the tests attached to it. */
export interface BuiltNode {
  readonly name: string;
  readonly status: 'success' | 'error' | 'skipped';
  readonly message?: string;
  readonly seconds: number;
  /** Database relation the node built (`"warehouse"."main"."stg_x"`), from the manifest. */
  readonly relation?: string;
  readonly tests: readonly { readonly name: string; readonly status: 'pass' | 'fail' | 'error' | 'warn' | 'skipped'; readonly message?: string; readonly failures?: number }[];
}

export interface BuildOutcome {
  readonly nodes: readonly BuiltNode[];
  /** dbt's own exit code and the end of its output, for messages when nothing could be read. */
  readonly exitCode: number;
  readonly logTail: string;
}

export interface Stages {
  extract(inputs: readonly string[], vars: Readonly<Record<string, string>>): Promise<{ catalog: Catalog; diagnostics: readonly Diagnostic[] }>;
  plan(catalog: Catalog, options: { target: string; naming?: Partial<NamingConventions>; select?: readonly string[] }): MigrationPlan;
  generate(plan: MigrationPlan, catalog: Catalog, ctx: StageContext & { readonly force: boolean }): Promise<{ files: number; diagnostics: readonly Diagnostic[] }>;
  load(plan: MigrationPlan, catalog: Catalog, inputs: readonly string[], ctx: StageContext & { readonly dataDir?: string }): Promise<readonly TableLoad[]>;
  /** Runs `dbt build` for the selected node names (all buildable nodes when undefined), in one dbt process. */
  build(select: readonly string[] | undefined, ctx: StageContext & { readonly onSpawn?: (pid: number) => void }): Promise<BuildOutcome>;
  /** Compares a built node's data with what it replaces; `unverifiable` when there is nothing to compare with. */
  evaluate(node: PlanNode, built: BuiltNode | undefined, plan: MigrationPlan, catalog: Catalog, ctx: StageContext): Promise<ValidationResult>;
}
