/**
 * One dbt batch and its results together: run `dbt build|run|test|seed|snapshot` for many nodes in
 * one process, then read the run_results.json that run wrote. The Tester calls this once for the
 * whole DAG and again with `select` for what the Rebuilder repaired; `mergeRunResults` (results.ts)
 * folds the re-runs into the first build.
 */
import path from 'node:path';
import { runDbt, writtenBy, type DbtCommand, type DbtRunOptions, type DbtRunResult } from './dbt.js';
import { DbtArtifactError, readRunResults, runResultsInvocationId, type RunResults } from './results.js';

export interface DbtBatchOutcome {
  readonly run: DbtRunResult;
  /** Per-node results of this run; absent when dbt wrote none (exit 2, abort, not started). */
  readonly results?: RunResults;
  /** Why there are no results, for the report (dbt's own error is in `run.outputTail`). */
  readonly resultsError?: string;
}

export async function runDbtBatch(command: Extract<DbtCommand, 'build' | 'run' | 'test' | 'seed' | 'snapshot' | 'compile'>, options: DbtRunOptions): Promise<DbtBatchOutcome> {
  const run = await runDbt(command, options);
  if (run.spawnError !== undefined) return { run, resultsError: run.spawnError };
  const file = path.join(run.targetPath, 'run_results.json');
  // A run that failed before executing anything leaves the previous run's file in place: never
  // report those old results as this run's.
  if (!writtenBy(run, file, runResultsInvocationId(run.targetPath))) {
    return { run, resultsError: run.aborted ? 'dbt was stopped before it wrote run_results.json' : `dbt exited with code ${run.exitCode ?? run.exitSignal} without writing run_results.json` };
  }
  try {
    return { run, results: readRunResults(run.targetPath, { projectDir: run.projectDir }) };
  } catch (e) {
    if (e instanceof DbtArtifactError) return { run, resultsError: e.message };
    throw e;
  }
}
