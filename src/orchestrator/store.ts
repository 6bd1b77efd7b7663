/**
 * The one owner of `migration_state.json`: every change goes through a method here, and every method
 * rewrites the file atomically (temp, fsync, rename) before it returns. Nothing else writes it, so a
 * SIGKILL between two calls leaves the state of the last completed call — never half a file.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import {
  canTransition, MODEL_STATUSES, PHASES, STATE_FORMAT_VERSION, type MigrationState, type ModelState, type ModelStatus, type Phase,
} from './state.js';

export const STATE_FILE = 'migration_state.json';

export class StateError extends Error {}

/** Reads a state file, checking the shape enough that a damaged or foreign file is refused clearly. */
export function readState(file: string): MigrationState {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new StateError(`${file}: not a readable migration state (${e instanceof Error ? e.message : String(e)}); remove it to start again`);
  }
  const s = data as Partial<MigrationState>;
  if (!s || typeof s !== 'object' || s.formatVersion !== STATE_FORMAT_VERSION || !Array.isArray(s.models) || !Array.isArray(s.phases) || typeof s.runId !== 'string') {
    throw new StateError(`${file}: not a migration state of format ${STATE_FORMAT_VERSION}; remove it to start again`);
  }
  for (const m of s.models) {
    if (!MODEL_STATUSES.includes(m.status)) throw new StateError(`${file}: model ${m.name} has unknown status ${String(m.status)}`);
  }
  for (const p of s.phases) {
    if (!PHASES.includes(p.phase)) throw new StateError(`${file}: unknown phase ${String(p.phase)}`);
  }
  return s as MigrationState;
}

export interface NewModel {
  readonly name: string;
  readonly objectId: string;
  readonly resourceType: ModelState['resourceType'];
}

export class StateStore {
  readonly file: string;
  private constructor(
    readonly state: MigrationState,
    file: string,
    private readonly now: () => Date,
  ) {
    this.file = file;
  }

  /** Starts a new run in `outDir` (replacing any earlier state there). */
  static create(outDir: string, init: { runId: string; inputs: readonly string[]; target: string }, now: () => Date = () => new Date()): StateStore {
    const at = now().toISOString();
    const state: MigrationState = {
      formatVersion: STATE_FORMAT_VERSION, runId: init.runId, inputs: [...init.inputs], target: init.target,
      startedAt: at, updatedAt: at, resumes: 0, phases: [], models: [],
    };
    const store = new StateStore(state, path.join(outDir, STATE_FILE), now);
    store.save();
    return store;
  }

  /** Opens the state of an earlier run in `outDir` for `--resume`; undefined when there is none. */
  static resume(outDir: string, now: () => Date = () => new Date()): StateStore | undefined {
    const file = path.join(outDir, STATE_FILE);
    if (!existsSync(file)) return undefined;
    const store = new StateStore(readState(file), file, now);
    store.state.resumes += 1;
    store.save();
    return store;
  }

  private save(): void {
    this.state.updatedAt = this.now().toISOString();
    writeFileAtomic(this.file, JSON.stringify(this.state, null, 2) + '\n');
  }

  phaseDone(phase: Phase): boolean {
    return this.state.phases.some((p) => p.phase === phase && p.finishedAt !== undefined);
  }

  startPhase(phase: Phase): void {
    // A phase interrupted by a kill is started again: drop its unfinished record.
    this.state.phases = this.state.phases.filter((p) => p.phase !== phase);
    this.state.phases.push({ phase, startedAt: this.now().toISOString() });
    this.save();
  }

  finishPhase(phase: Phase, summary: string): void {
    const record = this.state.phases.find((p) => p.phase === phase);
    if (!record) throw new StateError(`phase ${phase} was never started`);
    record.finishedAt = this.now().toISOString();
    record.summary = summary;
    this.save();
  }

  /** Forgets the phases from `phase` on (e.g. a re-plan invalidates generation and what follows). */
  resetFrom(phase: Phase): void {
    const from = PHASES.indexOf(phase);
    this.state.phases = this.state.phases.filter((p) => PHASES.indexOf(p.phase) < from);
    this.save();
  }

  model(name: string): ModelState {
    const m = this.state.models.find((x) => x.name === name);
    if (!m) throw new StateError(`no model ${name} in the state`);
    return m;
  }

  /** Registers the plan's nodes; nodes already known (a resumed run) keep their state. */
  registerModels(models: readonly NewModel[]): void {
    const known = new Set(this.state.models.map((m) => m.name));
    const at = this.now().toISOString();
    for (const m of models) {
      if (known.has(m.name)) continue;
      this.state.models.push({
        name: m.name, objectId: m.objectId, resourceType: m.resourceType, status: 'PENDING', attempts: 0,
        errors: [], fixes: [], tests: [], buildSeconds: 0, history: [{ status: 'PENDING', at }],
      });
    }
    this.save();
  }

  /**
   * Moves models to `to` (one write for the batch); `patch` may record errors, fixes, results.
   * An illegal move is a bug in the orchestrator and throws before anything is written.
   */
  transition(names: readonly string[], to: ModelStatus, patch?: (m: ModelState) => void): void {
    const models = names.map((n) => this.model(n));
    for (const m of models) {
      if (!canTransition(m.status, to)) throw new StateError(`model ${m.name}: ${m.status} → ${to} is not a legal transition`);
    }
    const at = this.now().toISOString();
    for (const m of models) {
      m.status = to;
      m.history.push({ status: to, at });
      patch?.(m);
    }
    this.save();
  }

  /** Records facts about models without a status change (test results, timings). */
  update(names: readonly string[], patch: (m: ModelState) => void): void {
    for (const n of names) patch(this.model(n));
    this.save();
  }

  /**
   * On resume: models caught between PENDING and a final status when the run died go back to
   * PENDING, so their last step is redone (every step is idempotent: files are rewritten, dbt
   * rebuilds). Completed, failed and skipped models are left alone, and so are EVALUATING ones:
   * they are built and tested (the build's relations are on disk), only their comparison is left,
   * and the evaluate phase redoes it. Rewinding them would strand them as PENDING when the build
   * phase was already done (a kill during the evaluation), since a done phase is not run again.
   */
  rewindUnfinished(): string[] {
    const rewound: string[] = [];
    for (const m of this.state.models) {
      if (m.status !== 'PENDING' && m.status !== 'EVALUATING' && canTransition(m.status, 'PENDING')) rewound.push(m.name);
    }
    if (rewound.length) this.transition(rewound, 'PENDING', (m) => { m.reason = 'resumed: the run stopped while this model was in progress'; });
    return rewound;
  }

  countBy(): Record<ModelStatus, number> {
    const counts = Object.fromEntries(MODEL_STATUSES.map((s) => [s, 0])) as Record<ModelStatus, number>;
    for (const m of this.state.models) counts[m.status] += 1;
    return counts;
  }
}
