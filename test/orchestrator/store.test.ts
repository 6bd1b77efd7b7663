/** The durable state: legal transitions only, every change on disk, resume rewinds unfinished models. */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canTransition, MODEL_STATUSES } from '../../src/orchestrator/state.js';
import { readState, StateError, StateStore, STATE_FILE } from '../../src/orchestrator/store.js';
import { runFileSchemaErrors } from './validate-run-files.js';

function fresh(): { dir: string; store: StateStore } {
  const dir = mkdtempSync(path.join(tmpdir(), 'm2d-state-'));
  const store = StateStore.create(dir, { runId: 'r1', inputs: ['/in'], target: 'duckdb' });
  store.registerModels([
    { name: 'a', objectId: 'view:dbo.A', resourceType: 'model' },
    { name: 'b', objectId: 'view:dbo.B', resourceType: 'model' },
    { name: 'old_proc', objectId: 'procedure:dbo.P', resourceType: 'retire' },
  ]);
  return { dir, store };
}

const onDisk = (dir: string) => JSON.parse(readFileSync(path.join(dir, STATE_FILE), 'utf8'));

describe('state machine', () => {
  it('allows exactly the documented moves', () => {
    const legal = MODEL_STATUSES.flatMap((f) => MODEL_STATUSES.filter((t) => canTransition(f, t)).map((t) => `${f}>${t}`));
    expect(legal).toEqual([
      'PENDING>IN_PROGRESS', 'PENDING>FAILED', 'PENDING>SKIPPED',
      'IN_PROGRESS>PENDING', 'IN_PROGRESS>TESTING', 'IN_PROGRESS>FAILED',
      'TESTING>PENDING', 'TESTING>REBUILDING', 'TESTING>EVALUATING', 'TESTING>FAILED',
      'REBUILDING>PENDING', 'REBUILDING>TESTING', 'REBUILDING>FAILED',
      'EVALUATING>PENDING', 'EVALUATING>COMPLETED', 'EVALUATING>FAILED',
    ]);
  });

  it('writes every transition to disk and refuses illegal ones without writing', () => {
    const { dir, store } = fresh();
    store.transition(['a'], 'IN_PROGRESS');
    expect(onDisk(dir).models[0].status).toBe('IN_PROGRESS');
    const before = readFileSync(path.join(dir, STATE_FILE), 'utf8');
    expect(() => store.transition(['b', 'a'], 'COMPLETED')).toThrow(StateError);
    expect(readFileSync(path.join(dir, STATE_FILE), 'utf8')).toBe(before);
    expect(onDisk(dir).models.map((m: { status: string }) => m.status)).toEqual(['IN_PROGRESS', 'PENDING', 'PENDING']);
    expect(runFileSchemaErrors('state', onDisk(dir))).toEqual([]);
    // No temporary files are left beside the state.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('resume rewinds unfinished models, keeps final ones, and counts the resume', () => {
    const { dir, store } = fresh();
    store.transition(['a', 'b'], 'IN_PROGRESS');
    store.transition(['a', 'b'], 'TESTING');
    store.transition(['a'], 'EVALUATING');
    store.transition(['a'], 'COMPLETED');
    store.transition(['old_proc'], 'SKIPPED');
    store.startPhase('build');
    const resumed = StateStore.resume(dir)!;
    expect(resumed.rewindUnfinished()).toEqual(['b']);
    expect(resumed.state.resumes).toBe(1);
    expect(resumed.model('a').status).toBe('COMPLETED');
    expect(resumed.model('b').status).toBe('PENDING');
    expect(resumed.phaseDone('build')).toBe(false);
    expect(onDisk(dir).models[1].history.map((h: { status: string }) => h.status)).toEqual(['PENDING', 'IN_PROGRESS', 'TESTING', 'PENDING']);
  });

  it('resume keeps a built model that was being evaluated: the done build phase would never rebuild it', () => {
    const { dir, store } = fresh();
    store.transition(['a', 'b'], 'IN_PROGRESS');
    store.transition(['a', 'b'], 'TESTING');
    store.transition(['a', 'b'], 'EVALUATING');
    store.transition(['a'], 'COMPLETED');
    store.startPhase('build');
    store.finishPhase('build', 'built');
    store.startPhase('evaluate');
    const resumed = StateStore.resume(dir)!;
    expect(resumed.rewindUnfinished()).toEqual([]);
    expect(resumed.model('b').status).toBe('EVALUATING');
    expect(resumed.phaseDone('build')).toBe(true);
    expect(resumed.phaseDone('evaluate')).toBe(false);
  });

  it('refuses a damaged or foreign state file with a clear message', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'm2d-state-'));
    writeFileSync(path.join(dir, STATE_FILE), '{"formatVersion": 1, "models": [');
    expect(() => StateStore.resume(dir)).toThrow(/not a readable migration state/);
    writeFileSync(path.join(dir, STATE_FILE), '{"formatVersion": 7}');
    expect(() => readState(path.join(dir, STATE_FILE))).toThrow(/not a migration state of format 1/);
    expect(StateStore.resume(mkdtempSync(path.join(tmpdir(), 'm2d-none-')))).toBeUndefined();
  });
});
