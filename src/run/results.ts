/**
 * Reading dbt's artifacts — `run_results.json` (what happened to each node) and `manifest.json`
 * (what each node is: name, type, relation, compiled file, which model a test is attached to) —
 * into typed per-node results and a per-model rollup. Everything is checked as it is read: a
 * missing, truncated or foreign file is a DbtArtifactError saying which file and why, never a
 * TypeError deep in a caller.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** dbt's node statuses, normalised: `success` for models/seeds/snapshots, `pass` for tests. */
export type NodeStatus = 'success' | 'error' | 'fail' | 'warn' | 'skipped' | 'pass';

export type ResourceType = 'model' | 'test' | 'unit_test' | 'snapshot' | 'seed' | 'operation' | 'other';

export interface NodeResult {
  readonly uniqueId: string;
  readonly resourceType: ResourceType;
  /** The node's name (`stg_orders`, `not_null_orders_id`). */
  readonly name: string;
  readonly status: NodeStatus;
  /** dbt's status word when it is not one of ours (`partial success`, `no-op`, …). */
  readonly rawStatus: string;
  /** dbt's message: the engine error for `error`, `Got 3 results, …` for a failing test; for a skip, the upstream failure. */
  readonly message?: string;
  /** Seconds. */
  readonly executionTime: number;
  /** Failing rows of a test (`failures`). */
  readonly failures?: number;
  /** Absolute path of the compiled SQL file, when dbt compiled the node. */
  readonly compiledPath?: string;
  /** The compiled SQL dbt ran, when run_results.json has it. */
  readonly compiledCode?: string;
  /** The relation the node builds, as dbt quotes it (`"warehouse"."main"."stg_orders"`). */
  readonly relation?: string;
  /** The node's file in the project (`models/staging/stg_orders.sql`). */
  readonly originalFilePath?: string;
  /** For tests: the model/seed/snapshot ids the test is attached to (manifest `attached_node`, else `depends_on.nodes`). */
  readonly attachedTo: readonly string[];
  /** For skipped nodes: the failed upstream nodes (model or test) that caused the skip. */
  readonly skippedBecause?: readonly string[];
}

/** A model (or seed/snapshot) with the tests attached to it. */
export interface ModelResult {
  readonly uniqueId: string;
  readonly resourceType: ResourceType;
  readonly name: string;
  /** The model's own build status. */
  readonly status: NodeStatus;
  readonly message?: string;
  readonly executionTime: number;
  readonly relation?: string;
  readonly compiledPath?: string;
  readonly node: NodeResult;
  readonly tests: readonly NodeResult[];
  /**
   * Build and tests together: `error` when the model failed, `fail` when it built but a test failed
   * or errored, `warn` when a test warned, `skipped`, else `success`.
   */
  readonly overall: 'success' | 'error' | 'fail' | 'warn' | 'skipped';
}

export interface RunResults {
  readonly invocationId?: string;
  readonly dbtVersion?: string;
  readonly generatedAt?: string;
  /** Seconds dbt spent executing nodes. */
  readonly elapsedTime?: number;
  readonly nodes: readonly NodeResult[];
  readonly models: readonly ModelResult[];
}

export class DbtArtifactError extends Error {
  readonly file: string;
  constructor(file: string, reason: string) {
    super(`cannot read dbt artifact ${file}: ${reason}`);
    this.name = 'DbtArtifactError';
    this.file = file;
  }
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function readJson(file: string): Json {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DbtArtifactError(file, code === 'ENOENT' ? 'the file does not exist (dbt did not get as far as writing it; see its output)' : (e as Error).message);
  }
  if (text.trim() === '') throw new DbtArtifactError(file, 'the file is empty (dbt was stopped while writing it?)');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new DbtArtifactError(file, `not valid JSON, probably truncated (dbt was stopped while writing it?): ${(e as Error).message}`);
  }
  if (!isObject(parsed)) throw new DbtArtifactError(file, 'expected a JSON object');
  return parsed;
}

const RESOURCE_TYPES: ReadonlySet<string> = new Set(['model', 'test', 'unit_test', 'snapshot', 'seed', 'operation']);

function resourceTypeOf(uniqueId: string, manifestType: string | undefined): ResourceType {
  const t = manifestType ?? uniqueId.split('.', 1)[0]!;
  return RESOURCE_TYPES.has(t) ? (t as ResourceType) : 'other';
}

function normaliseStatus(raw: string, type: ResourceType): NodeStatus {
  switch (raw) {
    case 'success':
    case 'pass':
    case 'error':
    case 'fail':
    case 'warn':
    case 'skipped':
      return raw;
    case 'runtime error':
      return 'error';
    // `partial success` (microbatch) and `no-op` (ephemeral, saved queries) built something but not all.
    case 'partial success':
      return 'warn';
    case 'no-op':
      return type === 'test' || type === 'unit_test' ? 'pass' : 'success';
    default:
      return 'error';
  }
}

interface ManifestNode {
  readonly name?: string;
  readonly resourceType?: string;
  readonly compiledPath?: string;
  readonly relation?: string;
  readonly originalFilePath?: string;
  readonly attachedNode?: string;
  readonly dependsOn: readonly string[];
}

export interface Manifest {
  readonly projectName?: string;
  readonly nodes: ReadonlyMap<string, ManifestNode>;
}

/** The parts of manifest.json results need. `file` is only for messages. */
export function parseManifest(json: Json, file = 'manifest.json'): Manifest {
  const nodes = new Map<string, ManifestNode>();
  let sawSection = false;
  // Tests, models, seeds, snapshots live in `nodes`; unit tests (dbt 1.8+) in `unit_tests`.
  for (const section of ['nodes', 'unit_tests']) {
    const entries = json[section];
    if (entries === undefined) continue;
    if (!isObject(entries)) throw new DbtArtifactError(file, `"${section}" is not an object`);
    sawSection = true;
    for (const [id, n] of Object.entries(entries)) {
      if (!isObject(n)) continue;
      const dependsOn = isObject(n.depends_on) && Array.isArray(n.depends_on.nodes) ? n.depends_on.nodes.filter((x): x is string => typeof x === 'string') : [];
      nodes.set(id, {
        name: str(n.name),
        resourceType: str(n.resource_type),
        compiledPath: str(n.compiled_path),
        relation: str(n.relation_name),
        originalFilePath: str(n.original_file_path),
        attachedNode: str(n.attached_node),
        dependsOn,
      });
    }
  }
  if (!sawSection) throw new DbtArtifactError(file, 'no "nodes": not a dbt manifest');
  const metadata = isObject(json.metadata) ? json.metadata : {};
  return { projectName: str(metadata.project_name), nodes };
}

interface RawResult {
  readonly uniqueId: string;
  readonly rawStatus: string;
  readonly message?: string;
  readonly executionTime: number;
  readonly failures?: number;
  readonly compiledCode?: string;
  readonly relation?: string;
}

function parseRawResults(json: Json, file: string): { results: RawResult[]; meta: Pick<RunResults, 'invocationId' | 'dbtVersion' | 'generatedAt' | 'elapsedTime'>; projectDir?: string } {
  if (!Array.isArray(json.results)) throw new DbtArtifactError(file, 'no "results" array: not a dbt run_results.json');
  const results: RawResult[] = json.results.map((r, i) => {
    if (!isObject(r)) throw new DbtArtifactError(file, `results[${i}] is not an object`);
    const uniqueId = str(r.unique_id);
    const rawStatus = str(r.status);
    if (uniqueId === undefined || rawStatus === undefined) throw new DbtArtifactError(file, `results[${i}] has no unique_id or status`);
    return {
      uniqueId,
      rawStatus,
      message: str(r.message),
      executionTime: num(r.execution_time) ?? 0,
      failures: num(r.failures),
      compiledCode: str(r.compiled_code),
      relation: str(r.relation_name),
    };
  });
  const metadata = isObject(json.metadata) ? json.metadata : {};
  const args = isObject(json.args) ? json.args : {};
  return {
    results,
    meta: { invocationId: str(metadata.invocation_id), dbtVersion: str(metadata.dbt_version), generatedAt: str(metadata.generated_at), elapsedTime: num(json.elapsed_time) },
    projectDir: str(args.project_dir),
  };
}

const BUILDABLE: ReadonlySet<ResourceType> = new Set(['model', 'seed', 'snapshot']);
const isTest = (t: ResourceType): boolean => t === 'test' || t === 'unit_test';
const FAILED: ReadonlySet<NodeStatus> = new Set(['error', 'fail']);

/**
 * Joins run results with the manifest. `projectDir` resolves the manifest's relative compiled
 * paths; it defaults to the project folder recorded in run_results.json.
 */
export function combineResults(runResults: Json, manifest: Manifest | undefined, options: { projectDir?: string; runResultsFile?: string } = {}): RunResults {
  const file = options.runResultsFile ?? 'run_results.json';
  const { results, meta, projectDir: recordedDir } = parseRawResults(runResults, file);
  const projectDir = options.projectDir ?? recordedDir;
  const byId = new Map(results.map((r) => [r.uniqueId, r]));

  const nodes: NodeResult[] = results.map((r) => {
    const m = manifest?.nodes.get(r.uniqueId);
    const resourceType = resourceTypeOf(r.uniqueId, m?.resourceType);
    const status = normaliseStatus(r.rawStatus, resourceType);
    const attachedTo = isTest(resourceType) ? (m?.attachedNode ? [m.attachedNode] : (m?.dependsOn ?? []).filter((d) => BUILDABLE.has(resourceTypeOf(d, manifest?.nodes.get(d)?.resourceType)))) : [];
    // A compiled path exists only for nodes dbt got as far as compiling.
    const compiledPath = m?.compiledPath && status !== 'skipped' ? (projectDir ? path.resolve(projectDir, m.compiledPath) : m.compiledPath) : undefined;
    const skippedBecause = status === 'skipped' && manifest ? failedUpstream(r.uniqueId, manifest, byId) : undefined;
    const message = r.message ?? (skippedBecause?.length ? `Skipping due to error or test failure upstream: ${skippedBecause.map((id) => manifest?.nodes.get(id)?.name ?? id).join(', ')}` : undefined);
    const relation = r.relation ?? m?.relation;
    return {
      uniqueId: r.uniqueId,
      resourceType,
      name: m?.name ?? r.uniqueId.split('.').slice(2, 3)[0] ?? r.uniqueId,
      status,
      rawStatus: r.rawStatus,
      ...(message !== undefined ? { message } : {}),
      executionTime: r.executionTime,
      ...(r.failures !== undefined ? { failures: r.failures } : {}),
      ...(compiledPath !== undefined ? { compiledPath } : {}),
      ...(r.compiledCode !== undefined ? { compiledCode: r.compiledCode } : {}),
      ...(relation !== undefined && !isTest(resourceType) ? { relation } : {}),
      ...(m?.originalFilePath !== undefined ? { originalFilePath: m.originalFilePath } : {}),
      attachedTo,
      ...(skippedBecause !== undefined ? { skippedBecause } : {}),
    };
  });
  return { ...meta, nodes, models: rollup(nodes) };
}

/** The nearest failed ancestors of a skipped node: failed models upstream and failed tests on them. */
function failedUpstream(id: string, manifest: Manifest, results: ReadonlyMap<string, RawResult>): string[] {
  const testsOn = new Map<string, string[]>();
  for (const [tid, n] of manifest.nodes) {
    if (n.resourceType !== 'test') continue;
    for (const target of n.attachedNode ? [n.attachedNode] : n.dependsOn) testsOn.set(target, [...(testsOn.get(target) ?? []), tid]);
  }
  const failed = new Set<string>();
  const seen = new Set<string>();
  const stack = [...(manifest.nodes.get(id)?.dependsOn ?? [])];
  while (stack.length) {
    const up = stack.pop()!;
    if (seen.has(up)) continue;
    seen.add(up);
    const r = results.get(up);
    const status = r ? normaliseStatus(r.rawStatus, resourceTypeOf(up, manifest.nodes.get(up)?.resourceType)) : undefined;
    if (status !== undefined && FAILED.has(status)) {
      failed.add(up);
      continue;
    }
    const failedTests = (testsOn.get(up) ?? []).filter((t) => {
      const tr = results.get(t);
      return tr !== undefined && FAILED.has(normaliseStatus(tr.rawStatus, 'test'));
    });
    for (const t of failedTests) failed.add(t);
    if (failedTests.length === 0) stack.push(...(manifest.nodes.get(up)?.dependsOn ?? []));
  }
  return [...failed].sort();
}

function overallOf(node: NodeResult, tests: readonly NodeResult[]): ModelResult['overall'] {
  if (node.status === 'error' || node.status === 'fail') return 'error';
  if (node.status === 'skipped') return 'skipped';
  if (tests.some((t) => t.status === 'fail' || t.status === 'error')) return 'fail';
  if (node.status === 'warn' || tests.some((t) => t.status === 'warn')) return 'warn';
  return 'success';
}

function rollup(nodes: readonly NodeResult[]): ModelResult[] {
  const testsByModel = new Map<string, NodeResult[]>();
  for (const n of nodes) if (isTest(n.resourceType)) for (const m of n.attachedTo) testsByModel.set(m, [...(testsByModel.get(m) ?? []), n]);
  return nodes
    .filter((n) => BUILDABLE.has(n.resourceType))
    .map((n) => {
      const tests = testsByModel.get(n.uniqueId) ?? [];
      return {
        uniqueId: n.uniqueId,
        resourceType: n.resourceType,
        name: n.name,
        status: n.status,
        ...(n.message !== undefined ? { message: n.message } : {}),
        executionTime: n.executionTime,
        ...(n.relation !== undefined ? { relation: n.relation } : {}),
        ...(n.compiledPath !== undefined ? { compiledPath: n.compiledPath } : {}),
        node: n,
        tests,
        overall: overallOf(n, tests),
      };
    });
}

/**
 * Reads `<targetPath>/run_results.json` and `<targetPath>/manifest.json`. The manifest is optional
 * (names then come from unique ids, tests are not attached); run_results.json is required.
 */
export function readRunResults(targetPath: string, options: { projectDir?: string } = {}): RunResults {
  const runResultsFile = path.join(targetPath, 'run_results.json');
  const runResults = readJson(runResultsFile);
  const manifestFile = path.join(targetPath, 'manifest.json');
  let manifest: Manifest | undefined;
  try {
    manifest = parseManifest(readJson(manifestFile), manifestFile);
  } catch (e) {
    // A missing manifest degrades the results; a damaged one is an error worth seeing.
    if (!(e instanceof DbtArtifactError && /does not exist/.test(e.message))) throw e;
  }
  return combineResults(runResults, manifest, { ...options, runResultsFile });
}

/** The invocation id recorded in `<targetPath>/run_results.json` (for staleness checks); undefined when unreadable. */
export function runResultsInvocationId(targetPath: string): string | undefined {
  try {
    const metadata = readJson(path.join(targetPath, 'run_results.json')).metadata;
    return isObject(metadata) ? str(metadata.invocation_id) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Results of a first build updated by later `--select` re-runs: a node's latest result wins, nodes
 * not re-run keep theirs. Order: the earlier run's nodes, then nodes new in the later one.
 */
export function mergeRunResults(earlier: RunResults, later: RunResults): RunResults {
  const latest = new Map(later.nodes.map((n) => [n.uniqueId, n]));
  const before = new Set(earlier.nodes.map((n) => n.uniqueId));
  const nodes = [...earlier.nodes.map((n) => latest.get(n.uniqueId) ?? n), ...later.nodes.filter((n) => !before.has(n.uniqueId))];
  return { ...later, nodes, models: rollup(nodes) };
}
