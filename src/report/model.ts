/**
 * What report.html is made from: the files `migrate` leaves in its output folder, any of which may
 * be missing (a run stopped early, or a folder from an older run).
 */
import type { Assessment } from '../assess/model.js';
import type { Catalog, CatalogObjectBase, ObjectKind } from '../catalog/model.js';
import type { MigrationResults, ModelResult } from '../orchestrator/results.js';
import type { MigrationState } from '../orchestrator/state.js';
import type { MigrationPlan, PlanNode } from '../plan/model.js';

export interface MigrationReportInput {
  /** metadata.json: source definitions (left side of the side-by-side view). */
  readonly catalog?: Catalog;
  /** The assessment of `catalog` (summary, charts, graph, waves). */
  readonly assessment?: Assessment;
  readonly plan?: MigrationPlan;
  readonly results?: MigrationResults;
  /** migration_state.json: used for the phases, and for the models when `results` is absent. */
  readonly state?: MigrationState;
  /** A generated file by its path relative to the output folder (a plan node's `path`); undefined when absent. */
  readonly readFile?: (relPath: string) => string | undefined;
  /** Notes about the inputs (missing or unreadable files) shown at the top of the report. */
  readonly notices?: readonly string[];
  readonly title?: string;
  /** Most objects drawn in the dependency graph (default 300). */
  readonly maxGraphNodes?: number;
}

/** Status shown for a plan node the run never reached (no state, no results). */
export const NOT_RUN = 'NOT RUN';

/** One row of the report: a plan node and what happened to it (either side may be missing). */
export interface ModelView {
  readonly name: string;
  readonly objectId: string;
  readonly node?: PlanNode;
  readonly result?: ModelResult;
  readonly status: string;
  readonly source?: CatalogObjectBase & { readonly kind: ObjectKind };
}
