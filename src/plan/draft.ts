/**
 * The planner's working state: a node before its name is final (`Draft`) and what the per-kind
 * planners (functions.ts, procedures.ts) need from the assembly in plan.ts (`PlanContext`).
 */
import type { CatalogObjectBase, ObjectKind, Parameter } from '../catalog/model.js';
import type { Diagnostic } from '../diagnostics/index.js';
import type { CatalogIndex } from './catalog-index.js';
import type {
  IncrementalConfig, Layer, Materialization, NamingConventions, PlanDisposition, PlannedTest, PlanNode, PlanVar, RoutinePattern,
  SnapshotConfig, StatementRef,
} from './model.js';
import { snake } from './naming.js';
import type { Load } from './routine.js';

/** A node before names are final: dependencies are object ids (or other drafts) until resolution. */
export interface Draft {
  name: string;
  readonly wanted: () => string;
  readonly objectId: string;
  readonly obj: CatalogObjectBase;
  readonly kind: ObjectKind;
  disposition: PlanDisposition;
  layer: Layer;
  materialization?: Materialization;
  pattern?: RoutinePattern;
  /** Object ids read (resolved to the node that provides each). */
  readonly readIds: string[];
  /** Other drafts read directly (ephemeral models of #temp tables, the source of a staging model). */
  readonly readDrafts: Draft[];
  readonly reasons: string[];
  readonly diagnostics: Diagnostic[];
  raw?: PlanNode['raw'];
  replaces?: string;
  statements?: StatementRef[];
  incremental?: IncrementalConfig;
  snapshot?: SnapshotConfig;
  vars?: PlanVar[];
  tests?: PlannedTest[];
  /** Folder rule for the path, decided once the name is known. */
  pathOf?: (name: string) => string;
  /** For views: decided after every draft exists (read by others → intermediate). */
  view?: { heavy: string | undefined; indexed: boolean };
}

export const byKey = <T extends CatalogObjectBase>(list: readonly T[]): T[] =>
  [...list].sort((a, b) => {
    const x = `${a.schema}.${a.name}`.toLowerCase();
    const y = `${b.schema}.${b.name}`.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  });

/** The database the estate describes: from the inputs, else the input's file or folder name. */
/** What the per-kind planners share with the assembly. */
export interface PlanContext {
  readonly index: CatalogIndex;
  readonly naming: NamingConventions;
  readonly database: string;
  /** Lower case target name (`duckdb`, …). */
  readonly target: string;
  readonly newDraft: (d: Omit<Draft, 'name' | 'readIds' | 'readDrafts' | 'reasons' | 'diagnostics'> & Partial<Pick<Draft, 'readIds' | 'readDrafts' | 'reasons' | 'diagnostics'>>) => Draft;
  /** Path rule for a models/ folder (and an optional sub-folder). */
  readonly pathIn: (folder: keyof NamingConventions['folders'], sub?: string) => (name: string) => string;
  /** MD4009 when the object has no definition text. */
  readonly noteUndefined: (d: Draft, o: CatalogObjectBase & { definition?: string }) => void;
  /** Table id → the procedure whose model replaces it (first by id), and the other procedures loading it. */
  readonly derivedBy: ReadonlyMap<string, { procId: string; load: Load }>;
  readonly conflicts: ReadonlyMap<string, readonly string[]>;
  /** Filled by the procedure planner: table id → the node replacing it. */
  readonly loadNode: Map<string, Draft>;
  /** Filled by the planners: object id → its (main) node. */
  readonly nodeOfObject: Map<string, Draft>;
}

function varName(param: string): string {
  return snake(param.replace(/^@/, ''));
}

export function varsOf(params: readonly Parameter[]): PlanVar[] {
  return params.filter((p) => !p.output).map((p) => ({ name: varName(p.name), parameter: p.name, ...(p.default !== undefined ? { default: p.default } : {}) }));
}

export function paramsUsed(stmts: readonly StatementRef[], definition: string | undefined, params: readonly Parameter[]): Parameter[] {
  if (!definition || !params.length) return [];
  const text = stmts.map((s) => definition.slice(s.offset ?? 0, s.end ?? 0)).join('\n').toLowerCase();
  return params.filter((p) => !p.output && new RegExp(`${p.name.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w@#$])`).test(text));
}
