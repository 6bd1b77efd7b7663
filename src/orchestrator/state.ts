/**
 * `migration_state.json`: where a migration run is, persisted after every transition so that a run
 * killed at any moment (SIGKILL included) resumes without redoing completed work.
 *
 * Two levels: the run's phases (extract → plan → generate → load → build → evaluate → report), each
 * done at most once per run and skipped on resume when finished; and one state machine per plan
 * node (the Tester/Rebuilder/Evaluator loop). Plain data only; `schemas/migration-state.schema.json`
 * mirrors it.
 */

export const STATE_FORMAT_VERSION = 1 as const;

export type ModelStatus = 'PENDING' | 'IN_PROGRESS' | 'TESTING' | 'REBUILDING' | 'EVALUATING' | 'COMPLETED' | 'FAILED' | 'SKIPPED';

export const MODEL_STATUSES: readonly ModelStatus[] = ['PENDING', 'IN_PROGRESS', 'TESTING', 'REBUILDING', 'EVALUATING', 'COMPLETED', 'FAILED', 'SKIPPED'];

/**
 * The only moves a model may make. PENDING → IN_PROGRESS (its SQL is written) → TESTING (dbt builds it
 * and runs its tests) → EVALUATING (built and tested: compare its data) or REBUILDING (a failure: a fix
 * is being applied) → TESTING again … → COMPLETED | FAILED. Retired/manual nodes go PENDING → SKIPPED.
 * A resumed run may put an unfinished model back to PENDING (its last step is redone, idempotently);
 * an EVALUATING one stays (only its comparison is left: store.ts rewindUnfinished).
 */
const TRANSITIONS: Readonly<Record<ModelStatus, readonly ModelStatus[]>> = {
  PENDING: ['IN_PROGRESS', 'SKIPPED', 'FAILED'],
  IN_PROGRESS: ['TESTING', 'FAILED', 'PENDING'],
  TESTING: ['EVALUATING', 'REBUILDING', 'FAILED', 'PENDING'],
  REBUILDING: ['TESTING', 'FAILED', 'PENDING'],
  EVALUATING: ['COMPLETED', 'FAILED', 'PENDING'],
  COMPLETED: [],
  FAILED: [],
  SKIPPED: [],
};

export function canTransition(from: ModelStatus, to: ModelStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isFinal(status: ModelStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

export type Phase = 'extract' | 'plan' | 'generate' | 'load' | 'build' | 'evaluate' | 'report';
export const PHASES: readonly Phase[] = ['extract', 'plan', 'generate', 'load', 'build', 'evaluate', 'report'];

/** A deterministic change the Rebuilder made to a model's SQL (or an AI fixer's accepted proposal). */
export interface AppliedFix {
  readonly attempt: number;
  /** Rule id (`unknown-function`, `reserved-word`, …) or `ai`. */
  readonly rule: string;
  /** The failure cause it answered. */
  readonly cause: string;
  readonly what: string;
  readonly why: string;
  readonly before: string;
  readonly after: string;
  readonly at: string;
}

export interface ModelError {
  readonly attempt: number;
  readonly cause: string;
  readonly message: string;
  readonly at: string;
}

export interface ValidationResult {
  /** `passed`: data equal; `failed`: differences found; `unverifiable`: nothing to compare with or the diff could not run. */
  readonly status: 'passed' | 'failed' | 'unverifiable';
  /** 0–100 (validate/score.ts); absent when unverifiable. */
  readonly score?: number;
  /** What the model was compared with (`raw.Orders`). */
  readonly against?: string;
  readonly sourceRows?: number;
  readonly targetRows?: number;
  readonly summary: string;
  /** A few of the differences found (missing keys, changed values), for reports. */
  readonly samples?: readonly ValidationSample[];
}

export interface ValidationSample {
  /** `missing-in-target`, `missing-in-source`, `changed`, `schema`, … */
  readonly kind: string;
  readonly key?: string;
  readonly column?: string;
  readonly source?: string | null;
  readonly target?: string | null;
}

export interface TestResult {
  readonly name: string;
  readonly status: string;
  readonly message?: string;
  readonly failures?: number;
}

export interface ModelState {
  readonly name: string;
  readonly objectId: string;
  readonly resourceType: 'model' | 'snapshot' | 'source' | 'macro' | 'analysis' | 'test' | 'manual' | 'retire';
  status: ModelStatus;
  attempts: number;
  errors: ModelError[];
  fixes: AppliedFix[];
  tests: TestResult[];
  /** Seconds spent by dbt building this node, summed over attempts. */
  buildSeconds: number;
  /** ISO timestamps of each status entered, oldest first. */
  history: { readonly status: ModelStatus; readonly at: string }[];
  validation?: ValidationResult;
  /** Why it was skipped or failed, in a sentence. */
  reason?: string;
}

export interface PhaseRecord {
  readonly phase: Phase;
  readonly startedAt: string;
  finishedAt?: string;
  /** A one-line outcome (`45 nodes planned`, `13 tables, 2,155 rows loaded`). */
  summary?: string;
}

export interface MigrationState {
  readonly formatVersion: typeof STATE_FORMAT_VERSION;
  /** Identifies the run; a resume keeps it. */
  readonly runId: string;
  readonly inputs: readonly string[];
  readonly target: string;
  readonly startedAt: string;
  updatedAt: string;
  /** How many times this run was resumed. */
  resumes: number;
  phases: PhaseRecord[];
  models: ModelState[];
}
