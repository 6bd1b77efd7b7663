/**
 * The orchestrator: runs a migration end to end — extract, plan, generate, load, build (Tester),
 * repair (Rebuilder), evaluate (Evaluator), report — persisting every step in migration_state.json so
 * that a killed run resumes where it stopped and a completed model is never redone.
 *
 * Builds are batched over the DAG: one `dbt build` for every model still to build (dbt start-up costs
 * seconds), then `--select` re-runs of what the Rebuilder changed and of what was skipped behind it.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Catalog } from '../catalog/model.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import type { MigrationPlan, NamingConventions, PlanNode } from '../plan/model.js';
import { proposeRepair, type AiFixer } from '../repair/rebuilder.js';
import { writeMigrationReport } from '../report/write.js';
import { getDialect } from '../translate/dialects/registry.js';
import type { TargetName } from '../translate/dialects/registry.js';
import { buildResults, type MigrationResults } from './results.js';
import type { ModelState } from './state.js';
import { StateStore } from './store.js';
import type { BuiltNode, Stages, StageContext, WarehouseTarget } from './stages.js';

export const PLAN_FILE = 'migration_plan.json';
export const RESULTS_FILE = 'migration_results.json';
export const CATALOG_FILE = 'metadata.json';
/** Where the pid of a running dbt is kept, so a resumed run can stop a dbt orphaned by a kill. */
const DBT_PID_FILE = path.join('.mssql2dbt', 'dbt.pid');

export type MigrationEvent =
  | { readonly type: 'phase'; readonly phase: string; readonly state: 'start' | 'done' | 'skipped'; readonly summary?: string }
  | { readonly type: 'model'; readonly name: string; readonly status: string; readonly detail?: string }
  | { readonly type: 'build'; readonly round: number; readonly selected: number }
  | { readonly type: 'approval'; readonly step: string; readonly approved: boolean }
  | { readonly type: 'log'; readonly message: string };

export interface MigrateOptions {
  readonly inputs: readonly string[];
  readonly outDir: string;
  readonly target: TargetName;
  /** PostgreSQL connection URL (`--target postgres`). */
  readonly postgresUrl?: string;
  readonly vars?: Readonly<Record<string, string>>;
  /** dbt `--vars` for every build (e.g. `{ year: 2024 }` for a procedure parameter without a default). */
  readonly dbtVars?: Readonly<Record<string, unknown>>;
  readonly naming?: Partial<NamingConventions>;
  readonly select?: readonly string[];
  readonly dataDir?: string;
  readonly resume?: boolean;
  readonly force?: boolean;
  /** Attempts per model before it is FAILED (default 3). */
  readonly maxAttempts?: number;
  /** Asked before writing the project and before loading data; false stops the run. */
  readonly approve?: (step: 'generate' | 'load', summary: string) => Promise<boolean>;
  readonly ai?: AiFixer;
  readonly signal?: AbortSignal;
  readonly onEvent?: (e: MigrationEvent) => void;
}

export interface MigrateOutcome {
  readonly results: MigrationResults;
  /** True when the user declined at an approval step. */
  readonly stopped: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

const BUILDABLE = new Set(['model', 'snapshot']);

function resourceTypeOf(node: PlanNode): ModelState['resourceType'] {
  return node.disposition;
}

function warehouseOf(options: MigrateOptions): WarehouseTarget {
  if (options.target === 'postgres') {
    if (!options.postgresUrl) throw new Error('--target postgres needs a connection URL (--pg-url or MSSQL2DBT_PG_URL)');
    return { kind: 'postgres', url: options.postgresUrl };
  }
  if (options.target !== 'duckdb') throw new Error(`migrate runs on duckdb or postgres; ${options.target} projects are generated with \`mssql2dbt generate\``);
  return { kind: 'duckdb', path: path.resolve(options.outDir, 'warehouse.duckdb') };
}

/** A dbt left running by a killed run holds the DuckDB file: stop it before going on. */
function stopOrphanedDbt(outDir: string): void {
  const file = path.join(outDir, DBT_PID_FILE);
  if (!existsSync(file)) return;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (Number.isInteger(pid) && pid > 0) {
    let cmd = '';
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      /* gone, or not Linux */
    }
    if (cmd.includes('dbt')) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
      }
    }
  }
  rmSync(file, { force: true });
}

export async function runMigration(options: MigrateOptions, stages: Stages): Promise<MigrateOutcome> {
  const outDir = path.resolve(options.outDir);
  mkdirSync(outDir, { recursive: true });
  const emit = options.onEvent ?? (() => undefined);
  const maxAttempts = options.maxAttempts ?? 3;
  const diagnostics: Diagnostic[] = [];
  const target = warehouseOf(options);
  const ctx: StageContext = {
    outDir, target, log: (message) => emit({ type: 'log', message }),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.dbtVars ? { dbtVars: options.dbtVars } : {}),
  };

  stopOrphanedDbt(outDir);
  const resumed = options.resume ? StateStore.resume(outDir) : undefined;
  if (resumed) {
    const rewound = resumed.rewindUnfinished();
    emit({ type: 'log', message: `resuming run ${resumed.state.runId}${rewound.length ? `; ${rewound.length} unfinished model(s) go back to PENDING` : ''}` });
  }
  const store = resumed ?? StateStore.create(outDir, { runId: randomUUID(), inputs: options.inputs.map((i) => path.resolve(i)), target: options.target });

  const phase = async <T>(name: Parameters<StateStore['startPhase']>[0], run: () => Promise<{ value: T; summary: string }>, reuse: () => T): Promise<T> => {
    if (store.phaseDone(name)) {
      emit({ type: 'phase', phase: name, state: 'skipped', summary: 'done in an earlier run' });
      return reuse();
    }
    options.signal?.throwIfAborted();
    store.startPhase(name);
    emit({ type: 'phase', phase: name, state: 'start' });
    const { value, summary } = await run();
    store.finishPhase(name, summary);
    emit({ type: 'phase', phase: name, state: 'done', summary });
    return value;
  };

  // --- extract: the catalog, kept as metadata.json so a resumed run reads it back.
  const catalog = await phase<Catalog>('extract', async () => {
    const { catalog: c, diagnostics: d } = await stages.extract(options.inputs, options.vars ?? {});
    diagnostics.push(...d);
    writeFileAtomic(path.join(outDir, CATALOG_FILE), JSON.stringify(c, null, 2) + '\n');
    return { value: c, summary: `${c.tables.length} tables, ${c.views.length} views, ${c.procedures.length} procedures, ${c.functions.length} functions, ${c.triggers.length} triggers` };
  }, () => JSON.parse(readFileSync(path.join(outDir, CATALOG_FILE), 'utf8')) as Catalog);

  // --- plan
  const plan = await phase<MigrationPlan>('plan', async () => {
    const p = stages.plan(catalog, { target: options.target, ...(options.naming ? { naming: options.naming } : {}), ...(options.select ? { select: options.select } : {}) });
    diagnostics.push(...p.diagnostics);
    writeFileAtomic(path.join(outDir, PLAN_FILE), JSON.stringify(p, null, 2) + '\n');
    store.registerModels(p.nodes.map((n) => ({ name: n.name, objectId: n.objectId, resourceType: resourceTypeOf(n) })));
    return { value: p, summary: planSummary(p) };
  }, () => JSON.parse(readFileSync(path.join(outDir, PLAN_FILE), 'utf8')) as MigrationPlan);
  const byName = new Map(plan.nodes.map((n) => [n.name, n]));

  const approved = async (step: 'generate' | 'load', summary: string): Promise<boolean> => {
    if (!options.approve) return true;
    const ok = await options.approve(step, summary);
    emit({ type: 'approval', step, approved: ok });
    return ok;
  };
  const finish = (stopped: boolean): MigrateOutcome => {
    const results = buildResults(store.state, new Date().toISOString());
    writeFileAtomic(path.join(outDir, RESULTS_FILE), JSON.stringify(results, null, 2) + '\n');
    try {
      const report = writeMigrationReport(outDir);
      if (report.written) emit({ type: 'log', message: `report: ${report.file}` });
    } catch (e) {
      // The report is a view of the results: failing to write it must not fail the migration.
      emit({ type: 'log', message: `report.html could not be written: ${e instanceof Error ? e.message : String(e)}` });
    }
    return { results, stopped, diagnostics };
  };

  // --- generate the dbt project
  if (!store.phaseDone('generate') && !(await approved('generate', planSummary(plan)))) return finish(true);
  await phase('generate', async () => {
    const r = await stages.generate(plan, catalog, { ...ctx, force: options.force ?? false });
    diagnostics.push(...r.diagnostics);
    return { value: undefined, summary: `${r.files} files written or kept` };
  }, () => undefined);

  // Nodes that are not built by dbt get their final status now.
  const settle = (names: string[], to: 'SKIPPED' | 'COMPLETED', reason: (n: PlanNode) => string): void => {
    const pending = names.filter((n) => store.model(n).status === 'PENDING');
    if (!pending.length) return;
    if (to === 'SKIPPED') {
      store.transition(pending, 'SKIPPED', (m) => { m.reason = reason(byName.get(m.name)!); });
    } else {
      store.transition(pending, 'IN_PROGRESS');
      store.transition(pending, 'TESTING');
      store.transition(pending, 'EVALUATING');
      store.transition(pending, 'COMPLETED', (m) => { m.reason = reason(byName.get(m.name)!); });
    }
    for (const n of pending) emit({ type: 'model', name: n, status: to });
  };
  settle(plan.nodes.filter((n) => n.disposition === 'manual' || n.disposition === 'retire').map((n) => n.name), 'SKIPPED',
    (n) => `${n.disposition}: ${n.reasons.join(' ')}`);

  // --- load the source data into the raw schema
  if (!store.phaseDone('load') && !(await approved('load', `${plan.nodes.filter((n) => n.disposition === 'source').length} source tables into ${describeTarget(target)}`))) return finish(true);
  await phase('load', async () => {
    const loads = await stages.load(plan, catalog, options.inputs, { ...ctx, ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
    let rows = 0;
    for (const l of loads) {
      rows += l.rows;
      diagnostics.push(...l.diagnostics);
      const m = store.state.models.find((x) => x.name === l.node);
      if (m && m.status === 'PENDING') {
        store.transition([l.node], 'IN_PROGRESS');
        store.transition([l.node], 'TESTING');
        store.transition([l.node], 'EVALUATING', (s) => {
          s.validation = { status: l.from === 'none' ? 'unverifiable' : 'passed', summary: l.from === 'none' ? 'no data for this table in the inputs: its models build on an empty table' : `${l.rows} rows loaded from ${l.from}`, targetRows: l.rows };
        });
      }
    }
    return { value: undefined, summary: `${loads.length} tables, ${rows} rows loaded` };
  }, () => undefined);
  // Sources whose load left them unvisited (e.g. not in the load report) are still settled.
  for (const n of plan.nodes) {
    if (n.disposition !== 'source') continue;
    const m = store.model(n.name);
    if (m.status === 'EVALUATING') { store.transition([n.name], 'COMPLETED'); emit({ type: 'model', name: n.name, status: 'COMPLETED' }); }
  }
  settle(plan.nodes.filter((n) => n.disposition === 'source').map((n) => n.name), 'COMPLETED', () => 'source table: no load report (nothing to load)');

  // --- build, test, repair
  await phase('build', async () => {
    await buildLoop(plan, stages, store, ctx, maxAttempts, options, emit);
    const c = store.countBy();
    return { value: undefined, summary: `${c.EVALUATING + c.COMPLETED} built, ${c.FAILED} failed` };
  }, () => undefined);

  // --- evaluate: compare each built model's data with what it replaces
  await phase('evaluate', async () => {
    const built = readBuilt(outDir);
    let verified = 0;
    for (const m of store.state.models) {
      if (m.status !== 'EVALUATING') continue;
      options.signal?.throwIfAborted();
      const node = byName.get(m.name)!;
      let validation;
      try {
        validation = await stages.evaluate(node, built.get(m.name), plan, catalog, ctx);
      } catch (e) {
        validation = { status: 'unverifiable' as const, summary: `the comparison could not run: ${e instanceof Error ? e.message : String(e)}` };
      }
      if (validation.status === 'failed') {
        store.transition([m.name], 'FAILED', (s) => { s.validation = validation; s.reason = `data differs from ${validation.against ?? 'the source'}: ${validation.summary}`; });
      } else {
        if (validation.status === 'passed') verified += 1;
        store.transition([m.name], 'COMPLETED', (s) => { s.validation = validation; });
      }
      emit({ type: 'model', name: m.name, status: store.model(m.name).status, detail: validation.summary });
    }
    // Ephemeral models stand or fall with the models that inline them.
    for (const n of plan.nodes.filter((x) => x.materialization === 'ephemeral' && store.model(x.name).status === 'PENDING')) {
      const children = plan.nodes.filter((c) => c.dependsOn.includes(n.name)).map((c) => store.model(c.name));
      const failedChild = children.find((c) => c.status === 'FAILED' && !(c.reason ?? '').startsWith('not built'));
      const failedUpstream = upstreamOf(n.name, byName).filter((u) => store.model(u).status === 'FAILED');
      store.transition([n.name], 'IN_PROGRESS');
      store.transition([n.name], 'TESTING');
      if (failedUpstream.length) {
        store.transition([n.name], 'FAILED', (m) => { m.reason = `not built: upstream ${failedUpstream.join(', ')} failed`; });
      } else if (failedChild) {
        store.transition([n.name], 'FAILED', (m) => { m.reason = `ephemeral: ${failedChild.name}, which inlines it, failed`; });
      } else {
        store.transition([n.name], 'EVALUATING');
        store.transition([n.name], 'COMPLETED', (m) => { m.reason = `ephemeral: compiled into ${children.map((c) => c.name).join(', ') || 'no model'}`; m.validation = { status: 'unverifiable', summary: 'an ephemeral model has no relation of its own' }; });
      }
      emit({ type: 'model', name: n.name, status: store.model(n.name).status });
    }
    // Macros and trigger tests have no relation of their own: they are done when the build is.
    settle(plan.nodes.filter((n) => n.disposition === 'macro' || n.disposition === 'test' || n.disposition === 'analysis').map((n) => n.name), 'COMPLETED',
      (n) => n.disposition === 'macro' ? 'macro: compiled into the models that call it' : n.disposition === 'test' ? 'tests: run with the models they check' : 'analysis: compiled by dbt, not materialised');
    return { value: undefined, summary: `${verified} model(s) verified against their source` };
  }, () => undefined);

  store.startPhase('report');
  const outcome = finish(false);
  store.finishPhase('report', `${outcome.results.summary.byStatus.COMPLETED} completed, ${outcome.results.summary.byStatus.FAILED} failed`);
  return outcome;
}

function describeTarget(t: WarehouseTarget): string {
  return t.kind === 'duckdb' ? t.path : t.url.replace(/:[^:@/]*@/, ':***@');
}

export function planSummary(plan: MigrationPlan): string {
  const parts = Object.entries(plan.summary.byDisposition).filter(([, n]) => n > 0).map(([d, n]) => `${n} ${d}`);
  return `${plan.nodes.length} nodes: ${parts.join(', ')}`;
}

/** Built nodes of the last build, kept on disk so a resumed evaluation can find the relations. */
const BUILT_FILE = path.join('.mssql2dbt', 'built.json');

function readBuilt(outDir: string): Map<string, BuiltNode> {
  const file = path.join(outDir, BUILT_FILE);
  if (!existsSync(file)) return new Map();
  try {
    return new Map((JSON.parse(readFileSync(file, 'utf8')) as BuiltNode[]).map((b) => [b.name, b]));
  } catch {
    return new Map();
  }
}

function rememberBuilt(outDir: string, nodes: readonly BuiltNode[]): void {
  const known = readBuilt(outDir);
  for (const n of nodes) known.set(n.name, n);
  writeFileAtomic(path.join(outDir, BUILT_FILE), JSON.stringify([...known.values()], null, 2));
}

async function buildLoop(plan: MigrationPlan, stages: Stages, store: StateStore, ctx: StageContext, maxAttempts: number, options: MigrateOptions, emit: (e: MigrationEvent) => void): Promise<void> {
  const byName = new Map(plan.nodes.map((n) => [n.name, n]));
  // Ephemeral models are inlined into their children: dbt never reports them (settled after the build).
  const buildable = plan.nodes.filter((n) => BUILDABLE.has(n.disposition) && n.materialization !== 'ephemeral').map((n) => n.name);
  const reserved = getDialect(options.target).reserved;
  const pidFile = path.join(ctx.outDir, DBT_PID_FILE);
  const failedNames = (): Set<string> => new Set(store.state.models.filter((m) => m.status === 'FAILED').map((m) => m.name));

  // Models standing for tables that had no data in the inputs: a relationships test pointing at one
  // fails for want of data, not because of the model that carries it.
  const emptyTables = new Set(store.state.models.filter((m) => m.resourceType === 'source' && m.validation?.status === 'unverifiable').map((m) => m.objectId));
  const emptyParents = plan.nodes.filter((n) => n.disposition !== 'source' && emptyTables.has(n.replaces ?? (n.layer === 'staging' ? n.objectId : ''))).map((n) => n.name);
  const emptyParentOf = (test: string): string | undefined => emptyParents.find((p) => test.startsWith('relationships_') && test.includes(`ref_${p}_`));

  for (let round = 1; ; round += 1) {
    const todo = buildable.filter((n) => { const s = store.model(n).status; return s === 'PENDING' || s === 'REBUILDING'; });
    if (!todo.length) return;
    // Nodes behind a FAILED node cannot build: they fail with the reason, and the rest go on.
    const failed = failedNames();
    const blocked = todo.filter((n) => upstreamOf(n, byName).some((u) => failed.has(u)));
    if (blocked.length) {
      const pendingBlocked = blocked.filter((n) => store.model(n).status === 'PENDING');
      const rebuildingBlocked = blocked.filter((n) => store.model(n).status === 'REBUILDING');
      const reason = (m: ModelState): void => { m.reason = `not built: upstream ${upstreamOf(m.name, byName).filter((u) => failed.has(u)).join(', ')} failed`; };
      if (pendingBlocked.length) store.transition(pendingBlocked, 'FAILED', reason);
      if (rebuildingBlocked.length) store.transition(rebuildingBlocked, 'FAILED', reason);
      for (const n of blocked) emit({ type: 'model', name: n, status: 'FAILED', detail: store.model(n).reason });
    }
    const select = todo.filter((n) => !blocked.includes(n));
    if (!select.length) continue;
    const pending = select.filter((n) => store.model(n).status === 'PENDING');
    if (pending.length) store.transition(pending, 'IN_PROGRESS');
    store.transition(select, 'TESTING', (m) => { m.attempts += 1; });
    emit({ type: 'build', round, selected: select.length });
    // The first round builds everything in one dbt process; later rounds name what changed.
    const allPending = round === 1 && select.length === buildable.length;
    const outcome = await stages.build(allPending ? undefined : select, {
      ...ctx,
      onSpawn: (pid) => { mkdirSync(path.dirname(pidFile), { recursive: true }); writeFileSync(pidFile, String(pid)); },
    });
    rmSync(pidFile, { force: true });
    rememberBuilt(ctx.outDir, outcome.nodes);
    const results = new Map(outcome.nodes.map((n) => [n.name, n]));

    for (const name of select) {
      const r = results.get(name);
      const node = byName.get(name)!;
      const tests = (r?.tests ?? []).map((t) => {
        const parent = t.status === 'fail' ? emptyParentOf(t.name) : undefined;
        return parent ? { ...t, status: 'warn' as const, message: `${t.message ?? ''} — ${parent} has no rows: its table had no data in the inputs, so the relationship cannot hold here` } : t;
      });
      const testsFailed = tests.filter((t) => t.status === 'fail' || t.status === 'error');
      store.update([name], (m) => {
        if (r) {
          m.buildSeconds += r.seconds;
          m.tests = tests.map((t) => ({ name: t.name, status: t.status, ...(t.message ? { message: t.message } : {}), ...(t.failures !== undefined ? { failures: t.failures } : {}) }));
        }
      });
      if (r && r.status === 'success' && testsFailed.length === 0) {
        store.transition([name], 'EVALUATING');
        emit({ type: 'model', name, status: 'EVALUATING' });
        continue;
      }
      if (r?.status === 'skipped' && round <= maxAttempts * 2) {
        // Skipped behind a failure that is being repaired: built again next round.
        store.transition([name], 'PENDING', (m) => { m.attempts -= 1; });
        continue;
      }
      const failedTest = testsFailed[0];
      if (r?.status === 'success' && failedTest?.status === 'error') {
        // The test's own SQL did not run: not a data finding and not this model's SQL to repair.
        const why = `test ${failedTest.name} could not run, so the model is not proven: ${(failedTest.message ?? '').split('\n').map((l) => l.trim()).filter(Boolean).slice(1, 3).join(' ')}`;
        store.transition([name], 'FAILED', (m) => { m.errors.push({ attempt: m.attempts, cause: 'test-error', message: (failedTest.message ?? '').slice(0, 4000), at: new Date().toISOString() }); m.reason = why; });
        emit({ type: 'model', name, status: 'FAILED', detail: why });
        continue;
      }
      const error = r?.status === 'error' ? { kind: 'model' as const, message: r.message ?? 'dbt reported an error without a message' }
        : r?.status === 'success' && failedTest ? { kind: 'test' as const, test: failedTest.name, message: failedTest.message ?? 'test failed' }
          : { kind: 'model' as const, message: r ? `dbt skipped this node in ${round} rounds` : `dbt did not report this node (exit ${outcome.exitCode}): ${outcome.logTail.slice(-2000)}` };
      await rebuild(name, node, error, store, ctx, maxAttempts, options, reserved, emit);
    }
    // A round in which dbt itself failed before any node (a project error) fails everything selected.
    if (outcome.nodes.length === 0 && outcome.exitCode !== 0) {
      const stuck = select.filter((n) => store.model(n).status === 'PENDING');
      if (stuck.length) store.transition(stuck, 'FAILED', (m) => { m.reason = `dbt could not run: ${outcome.logTail.slice(-500)}`; });
    }
  }
}

function upstreamOf(name: string, byName: ReadonlyMap<string, PlanNode>, seen = new Set<string>()): string[] {
  for (const d of byName.get(name)?.dependsOn ?? []) {
    if (seen.has(d)) continue;
    seen.add(d);
    upstreamOf(d, byName, seen);
  }
  return [...seen];
}

async function rebuild(
  name: string, node: PlanNode,
  error: { kind: 'model'; message: string } | { kind: 'test'; test: string; message: string },
  store: StateStore, ctx: StageContext, maxAttempts: number, options: MigrateOptions, reserved: ReadonlySet<string>,
  emit: (e: MigrationEvent) => void,
): Promise<void> {
  const m = store.model(name);
  const file = node.path ? path.join(ctx.outDir, node.path) : undefined;
  const sql = file && existsSync(file) ? readFileSync(file, 'utf8') : '';
  const at = new Date().toISOString();
  const outcome = await proposeRepair({
    model: name, target: options.target, sql, error, reserved, history: m.errors.map((e) => e.message),
    ...(options.ai ? { ai: options.ai } : {}),
  });
  const recordError = (s: ModelState): void => { s.errors.push({ attempt: s.attempts, cause: outcome.failure.cause, message: outcome.failure.message.slice(0, 4000), at }); };
  if (m.attempts >= maxAttempts || outcome.kind === 'none' || !file) {
    const why = m.attempts >= maxAttempts ? `${maxAttempts} attempt(s) used; last error: ${outcome.failure.summary}` : outcome.kind === 'none' ? outcome.reason : 'no SQL file to repair';
    store.transition([name], 'FAILED', (s) => { recordError(s); s.reason = why; });
    emit({ type: 'model', name, status: 'FAILED', detail: why });
    return;
  }
  store.transition([name], 'REBUILDING', (s) => {
    recordError(s);
    s.fixes.push({ attempt: s.attempts, rule: outcome.rule, cause: outcome.failure.cause, what: outcome.what, why: outcome.why, before: sql, after: outcome.sql, at });
  });
  writeFileAtomic(file, outcome.sql);
  emit({ type: 'model', name, status: 'REBUILDING', detail: `${outcome.rule}: ${outcome.what}` });
}
