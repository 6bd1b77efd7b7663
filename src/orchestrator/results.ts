/**
 * `migration_results.json`: the outcome of a run, one entry per plan node, for people, reports and
 * CI gates. Derived from the state (never edited by hand); `schemas/migration-results.schema.json`
 * mirrors it.
 */
import type { MigrationState, ModelState, ModelStatus, ValidationResult } from './state.js';
import { MODEL_STATUSES } from './state.js';

export const RESULTS_FORMAT_VERSION = 1 as const;

export interface ModelResult {
  readonly name: string;
  /** Assessment id of the source object (`view:dbo.Invoices`). */
  readonly source: string;
  readonly resourceType: ModelState['resourceType'];
  readonly status: ModelStatus;
  readonly attempts: number;
  readonly errors: ModelState['errors'];
  readonly fixes: ModelState['fixes'];
  readonly tests: ModelState['tests'];
  readonly timings: { readonly buildSeconds: number; readonly startedAt?: string; readonly finishedAt?: string };
  readonly validation: ValidationResult | null;
  readonly reason?: string;
}

export interface ResultsSummary {
  readonly total: number;
  readonly byStatus: Readonly<Record<ModelStatus, number>>;
  readonly validation: Readonly<Record<ValidationResult['status'] | 'none', number>>;
  readonly fixesApplied: number;
  readonly seconds: number;
}

export interface MigrationResults {
  readonly formatVersion: typeof RESULTS_FORMAT_VERSION;
  readonly runId: string;
  readonly target: string;
  readonly inputs: readonly string[];
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly models: readonly ModelResult[];
  readonly summary: ResultsSummary;
}

export function buildResults(state: MigrationState, finishedAt: string): MigrationResults {
  const models: ModelResult[] = state.models.map((m) => {
    const started = m.history.find((h) => h.status === 'IN_PROGRESS')?.at;
    const finished = [...m.history].reverse().find((h) => h.status === 'COMPLETED' || h.status === 'FAILED' || h.status === 'SKIPPED')?.at;
    return {
      name: m.name, source: m.objectId, resourceType: m.resourceType, status: m.status, attempts: m.attempts,
      errors: m.errors, fixes: m.fixes, tests: m.tests,
      timings: { buildSeconds: Math.round(m.buildSeconds * 1000) / 1000, ...(started ? { startedAt: started } : {}), ...(finished ? { finishedAt: finished } : {}) },
      validation: m.validation ?? null,
      ...(m.reason ? { reason: m.reason } : {}),
    };
  });
  const byStatus = Object.fromEntries(MODEL_STATUSES.map((s) => [s, 0])) as Record<ModelStatus, number>;
  const validation: Record<ValidationResult['status'] | 'none', number> = { passed: 0, failed: 0, unverifiable: 0, none: 0 };
  for (const m of models) {
    byStatus[m.status] += 1;
    validation[m.validation?.status ?? 'none'] += 1;
  }
  const seconds = (Date.parse(finishedAt) - Date.parse(state.startedAt)) / 1000;
  return {
    formatVersion: RESULTS_FORMAT_VERSION, runId: state.runId, target: state.target, inputs: state.inputs,
    startedAt: state.startedAt, finishedAt, models,
    summary: { total: models.length, byStatus, validation, fixesApplied: models.reduce((n, m) => n + m.fixes.length, 0), seconds: Math.max(0, seconds) },
  };
}
