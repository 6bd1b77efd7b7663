/**
 * Aborting real dbt while a model runs (a Python model that sleeps), in its own project so it runs
 * in parallel with dbt-runtime.test.ts. A previous run's run_results.json is left in target/: the
 * aborted run must not report it as its own.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDbtBatch, tryLocateDbt } from '../../src/run/index.js';
import { writeTinyProject } from './dbt-project.js';

const dbt = tryLocateDbt();
const skip = dbt instanceof Error && !process.env.CI;

describe.skipIf(skip)('aborting real dbt', () => {
  it('stops a running dbt when the signal aborts, kills its process group, and reports no stale results', async () => {
    const project = writeTinyProject();
    const stale = { metadata: { invocation_id: 'a-previous-run' }, results: [{ unique_id: 'model.tiny.slow', status: 'success', execution_time: 1 }] };
    project.write('target/run_results.json', JSON.stringify(stale));
    const controller = new AbortController();
    let pid = 0;
    const started = Date.now();
    const outcome = await runDbtBatch('run', {
      projectDir: project.dir,
      select: ['slow'],
      killGraceMs: 1500,
      signal: controller.signal,
      onSpawn: (p) => (pid = p),
      // Abort once the sleeping model is running: dbt is fully up, with its helper processes.
      onLog: (l) => l.event === 'LogStartLine' && /slow/.test(l.message) && controller.abort(),
    });
    expect(outcome.run.aborted).toBe(true);
    expect(outcome.run.ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(30_000); // the model sleeps 120 s
    expect(pid).toBeGreaterThan(0);
    expect(() => process.kill(-pid, 0)).toThrow(); // no process of the group is left
    // dbt writes run_results.json on SIGINT with what finished (nothing here). Whatever is reported
    // must be this run's, never the previous build's file.
    if (outcome.results) {
      expect(outcome.results.invocationId).toBe(outcome.run.invocationId);
      expect(outcome.results.nodes.filter((n) => n.status === 'success')).toEqual([]);
    } else {
      expect(outcome.resultsError).toMatch(/stopped before it wrote run_results\.json/);
    }
    expect(outcome.run.invocationId).toBeDefined();
    expect(outcome.run.invocationId).not.toBe('a-previous-run');
    expect(path.isAbsolute(outcome.run.targetPath)).toBe(true);
  });
});
