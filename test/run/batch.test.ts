/**
 * runDbt/runDbtBatch with a stub dbt (a shell script): the arguments and environment dbt gets, and
 * what happens when it fails before writing results. Real dbt is in dbt-runtime.test.ts.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dbtArgs, runDbt, runDbtBatch } from '../../src/run/index.js';

function stubDbt(body: string): { dbt: string; project: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'mssql2dbt-stub-'));
  const dbt = path.join(dir, 'dbt');
  writeFileSync(dbt, `#!/bin/sh\n${body}\n`);
  chmodSync(dbt, 0o755);
  const project = path.join(dir, 'project');
  mkdirSync(path.join(project, 'target'), { recursive: true });
  return { dbt, project };
}

describe.skipIf(process.platform === 'win32')('runDbt', () => {
  it('passes project, profiles, target path, selection, vars and no-fail-fast; only the flags each command accepts', () => {
    const args = dbtArgs('build', { projectDir: '/p', select: ['a', 'b+'], exclude: ['c'], vars: { x: 1 }, target: 'ci', threads: 4 });
    expect(args).toEqual([
      'build', '--project-dir', '/p', '--profiles-dir', '/p', '--target-path', '/p/target', '--log-path', '/p/target/logs',
      '--no-fail-fast', '--no-use-colors', '--log-format', 'json', '--target', 'ci', '--select', 'a', 'b+', '--exclude', 'c', '--vars', '{"x":1}', '--threads', '4',
    ]);
    const debug = dbtArgs('debug', { projectDir: '/p', select: ['a'], threads: 2 });
    expect(debug).not.toContain('--select');
    expect(debug).not.toContain('--target-path');
    expect(dbtArgs('parse', { projectDir: '/p', select: ['a'] })).not.toContain('--select');
  });

  it('runs dbt in the project folder without telemetry, streaming JSON log lines and text lines', async () => {
    const { dbt, project } = stubDbt(
      [
        'echo "{\\"info\\": {\\"level\\": \\"info\\", \\"msg\\": \\"cwd=$(pwd) stats=$DBT_SEND_ANONYMOUS_USAGE_STATS track=$DO_NOT_TRACK secret=$MY_SECRET\\", \\"name\\": \\"Hello\\", \\"invocation_id\\": \\"abc\\"}, \\"data\\": {}}"',
        'echo "not json"',
        'echo "a warning" >&2',
        'exit 1',
      ].join('\n'),
    );
    const lines: string[] = [];
    const r = await runDbt('run', { projectDir: project, dbt, env: { MY_SECRET: 's3' }, onLog: (l) => lines.push(`${l.stream}:${l.level}:${l.event ?? '-'}:${l.message}`) });
    expect(r).toMatchObject({ exitCode: 1, ok: false, aborted: false, invocationId: 'abc' });
    expect(lines).toContain(`stdout:info:Hello:cwd=${project} stats=false track=1 secret=s3`);
    expect(lines).toContain('stdout:info:-:not json');
    expect(lines).toContain('stderr:warn:-:a warning');
    expect(r.outputTail).toMatch(/not json$/);
    expect(r.stderrTail).toBe('a warning');
  });

  it('reports no results when dbt fails before writing them, even with an old run_results.json on disk', async () => {
    const { dbt, project } = stubDbt('echo \'{"info": {"level": "error", "msg": "Compilation Error", "invocation_id": "new"}, "data": {}}\'\nexit 2');
    writeFileSync(path.join(project, 'target', 'run_results.json'), JSON.stringify({ metadata: { invocation_id: 'old' }, results: [{ unique_id: 'model.p.a', status: 'success' }] }));
    const outcome = await runDbtBatch('build', { projectDir: project, dbt });
    expect(outcome.run.exitCode).toBe(2);
    expect(outcome.results).toBeUndefined();
    expect(outcome.resultsError).toBe('dbt exited with code 2 without writing run_results.json');
    expect(outcome.run.outputTail).toContain('Compilation Error');
  });

  it('reads the results this run wrote', async () => {
    const { dbt, project } = stubDbt(
      [
        'echo \'{"info": {"level": "info", "msg": "start", "invocation_id": "inv-9"}, "data": {}}\'',
        `echo '{"metadata": {"invocation_id": "inv-9"}, "results": [{"unique_id": "model.p.a", "status": "success", "execution_time": 0.5}]}' > target/run_results.json`,
      ].join('\n'),
    );
    const outcome = await runDbtBatch('build', { projectDir: project, dbt });
    expect(outcome.run.ok).toBe(true);
    expect(outcome.results?.models.map((m) => `${m.name}:${m.status}`)).toEqual(['a:success']);
    expect(readFileSync(path.join(project, 'target', 'run_results.json'), 'utf8')).toContain('inv-9');
  });

  it('returns, not throws, when dbt cannot be started, and does not start when already aborted', async () => {
    const missing = await runDbt('build', { projectDir: tmpdir(), dbt: '/nonexistent/dbt' });
    expect(missing.ok).toBe(false);
    expect(missing.spawnError).toMatch(/cannot start \/nonexistent\/dbt: ENOENT/);
    const { dbt, project } = stubDbt('exit 0');
    const aborted = await runDbt('build', { projectDir: project, dbt, signal: AbortSignal.abort() });
    expect(aborted).toMatchObject({ aborted: true, exitCode: null, ok: false });
  });
});
