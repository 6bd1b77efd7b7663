import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { combineResults, DbtArtifactError, mergeRunResults, parseManifest, readRunResults } from '../../src/run/results.js';

/** run_results.json and manifest.json shaped as dbt 1.11 writes them, trimmed to the fields we read. */
const manifest = {
  metadata: { project_name: 'p' },
  nodes: {
    'model.p.a': { resource_type: 'model', name: 'a', compiled_path: 'target/compiled/p/models/a.sql', relation_name: '"db"."main"."a"', original_file_path: 'models/a.sql', depends_on: { nodes: [] } },
    'model.p.b': { resource_type: 'model', name: 'b', compiled_path: 'target/compiled/p/models/b.sql', relation_name: '"db"."main"."b"', depends_on: { nodes: ['model.p.a'] } },
    'model.p.c': { resource_type: 'model', name: 'c', relation_name: '"db"."main"."c"', depends_on: { nodes: ['model.p.b'] } },
    'test.p.not_null_a_id.1': { resource_type: 'test', name: 'not_null_a_id', attached_node: 'model.p.a', depends_on: { nodes: ['model.p.a'] } },
    // A relationships test depends on two models and is attached to the one it is declared on.
    'test.p.relationships_b.2': { resource_type: 'test', name: 'relationships_b', attached_node: 'model.p.b', depends_on: { nodes: ['model.p.a', 'model.p.b'] } },
  },
  unit_tests: {},
};
const runResults = {
  metadata: { invocation_id: 'inv-1', dbt_version: '1.11.16', generated_at: '2026-01-01T00:00:00Z' },
  elapsed_time: 1.5,
  args: { project_dir: '/proj' },
  results: [
    { unique_id: 'model.p.a', status: 'success', message: 'OK', execution_time: 0.2, failures: null, compiled_code: 'select 1', relation_name: '"db"."main"."a"' },
    { unique_id: 'test.p.not_null_a_id.1', status: 'pass', message: null, execution_time: 0.1, failures: 0 },
    { unique_id: 'model.p.b', status: 'success', message: 'OK', execution_time: 0.3 },
    { unique_id: 'test.p.relationships_b.2', status: 'fail', message: 'Got 2 results, configured to fail if != 0', execution_time: 0.1, failures: 2 },
    { unique_id: 'model.p.c', status: 'skipped', message: null, execution_time: 0 },
  ],
};

function targetDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mssql2dbt-results-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('dbt results', () => {
  it('joins run results with the manifest: names, relations, compiled paths, tests attached to their model', () => {
    const r = combineResults(runResults, parseManifest(manifest));
    expect(r).toMatchObject({ invocationId: 'inv-1', dbtVersion: '1.11.16', elapsedTime: 1.5 });
    const a = r.models.find((m) => m.name === 'a')!;
    expect(a).toMatchObject({ status: 'success', overall: 'success', relation: '"db"."main"."a"', compiledPath: '/proj/target/compiled/p/models/a.sql' });
    expect(a.tests.map((t) => t.name)).toEqual(['not_null_a_id']);
    const b = r.models.find((m) => m.name === 'b')!;
    expect(b.overall).toBe('fail');
    expect(b.tests).toEqual([expect.objectContaining({ name: 'relationships_b', status: 'fail', failures: 2, attachedTo: ['model.p.b'] })]);
  });

  it('explains a skip by the failed upstream node or test', () => {
    const c = combineResults(runResults, parseManifest(manifest)).models.find((m) => m.name === 'c')!;
    expect(c.overall).toBe('skipped');
    expect(c.node.skippedBecause).toEqual(['test.p.relationships_b.2']);
    expect(c.message).toMatch(/Skipping due to error or test failure upstream: relationships_b/);
    expect(c.compiledPath).toBeUndefined();
  });

  it('works without a manifest, naming nodes from their unique ids', () => {
    const dir = targetDir({ 'run_results.json': JSON.stringify(runResults) });
    const r = readRunResults(dir);
    expect(r.models.map((m) => m.name)).toEqual(['a', 'b', 'c']);
    expect(r.nodes.find((n) => n.resourceType === 'test')?.attachedTo).toEqual([]);
  });

  it('gives a clear error for a truncated, empty, missing or foreign run_results.json', () => {
    const full = JSON.stringify(runResults);
    const cases: [Record<string, string>, RegExp][] = [
      [{ 'run_results.json': full.slice(0, full.length / 2) }, /run_results\.json: not valid JSON, probably truncated/],
      [{ 'run_results.json': '' }, /run_results\.json: the file is empty/],
      [{}, /run_results\.json: the file does not exist/],
      [{ 'run_results.json': '{"nodes": {}}' }, /no "results" array: not a dbt run_results\.json/],
      [{ 'run_results.json': '{"results": [{"status": "success"}]}' }, /results\[0\] has no unique_id/],
      [{ 'run_results.json': full, 'manifest.json': '{"metadata": {}, "nodes": {' }, /manifest\.json: not valid JSON/],
    ];
    for (const [files, message] of cases) {
      const dir = targetDir(files);
      expect(() => readRunResults(dir)).toThrow(DbtArtifactError);
      expect(() => readRunResults(dir)).toThrow(message);
    }
  });

  it('merges a --select re-run into the first build: the latest result of each node wins', () => {
    const first = combineResults(runResults, parseManifest(manifest));
    const rerun = combineResults(
      {
        metadata: { invocation_id: 'inv-2' },
        results: [
          { unique_id: 'test.p.relationships_b.2', status: 'pass', execution_time: 0.1, failures: 0 },
          { unique_id: 'model.p.c', status: 'success', execution_time: 0.1 },
        ],
      },
      parseManifest(manifest),
    );
    const merged = mergeRunResults(first, rerun);
    expect(merged.invocationId).toBe('inv-2');
    expect(merged.models.map((m) => `${m.name}:${m.overall}`)).toEqual(['a:success', 'b:success', 'c:success']);
  });

  it('normalises dbt statuses it does not name itself', () => {
    const r = combineResults({ results: [{ unique_id: 'model.p.x', status: 'partial success', execution_time: 1 }, { unique_id: 'model.p.y', status: 'runtime error' }] }, undefined);
    expect(r.nodes.map((n) => [n.status, n.rawStatus])).toEqual([
      ['warn', 'partial success'],
      ['error', 'runtime error'],
    ]);
  });
});
