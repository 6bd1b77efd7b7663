/**
 * Running one dbt command as a child process. dbt's start-up (Python imports, project parse) costs
 * seconds, so callers batch: one `dbt build --select a b c` for many nodes, then read
 * run_results.json (results.ts). A dbt failure is a result, never a throw: exit code 1 means some
 * node failed, 2 means dbt itself could not run (bad project, profile, compilation).
 */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { locateDbt, type LocatedDbt } from './locate.js';

export type DbtCommand = 'build' | 'run' | 'test' | 'parse' | 'compile' | 'debug' | 'snapshot' | 'seed';

/** Which optional flags each command accepts; dbt rejects unknown ones with exit 2. */
const ACCEPTS: Readonly<Record<DbtCommand, { readonly targetPath: boolean; readonly select: boolean; readonly threads: boolean; readonly fullRefresh: boolean }>> = {
  build: { targetPath: true, select: true, threads: true, fullRefresh: true },
  run: { targetPath: true, select: true, threads: true, fullRefresh: true },
  test: { targetPath: true, select: true, threads: true, fullRefresh: false },
  seed: { targetPath: true, select: true, threads: true, fullRefresh: true },
  snapshot: { targetPath: true, select: true, threads: true, fullRefresh: false },
  compile: { targetPath: true, select: true, threads: true, fullRefresh: true },
  parse: { targetPath: true, select: false, threads: true, fullRefresh: false },
  debug: { targetPath: false, select: false, threads: false, fullRefresh: false },
};

/** One line of dbt's output. With JSON logs (the default) the structured fields are filled. */
export interface DbtLogLine {
  readonly stream: 'stdout' | 'stderr';
  /** dbt's level (`debug`, `info`, `warn`, `error`); `warn` for anything on stderr. */
  readonly level: string;
  /** The human-readable message (dbt's `info.msg`, or the raw line). */
  readonly message: string;
  /** dbt's event name (`LogModelResult`, `RunResultError`, …) when JSON. */
  readonly event?: string;
  /** dbt's event payload (`data`) when JSON: node_info, status, … */
  readonly data?: Readonly<Record<string, unknown>>;
}

export interface DbtRunOptions {
  readonly projectDir: string;
  /** Folder with profiles.yml; defaults to the project folder. */
  readonly profilesDir?: string;
  /** Where dbt writes manifest.json, run_results.json and compiled SQL; defaults to `<project>/target`. */
  readonly targetPath?: string;
  /** dbt.log folder; defaults to `<targetPath>/logs` so generated projects stay clean. */
  readonly logPath?: string;
  /** The profile target (`--target`), when not the profile's default. */
  readonly target?: string;
  /** Node selectors (`--select`), all passed in one flag so dbt runs them in one process. */
  readonly select?: readonly string[];
  readonly exclude?: readonly string[];
  /** Project variables, passed as `--vars` JSON. */
  readonly vars?: Readonly<Record<string, unknown>>;
  readonly threads?: number;
  readonly fullRefresh?: boolean;
  /** `json` (default) gives structured log lines to `onLog`; `text` is dbt's console output. */
  readonly logFormat?: 'json' | 'text';
  /** Further arguments, appended last. */
  readonly extraArgs?: readonly string[];
  /** Which dbt to run; located (locate.ts) when not given. */
  readonly dbt?: LocatedDbt | string;
  /** Extra environment variables for dbt (profile secrets, DBT_* settings). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Aborting stops dbt: SIGINT to its process group (dbt cancels running queries), SIGKILL after `killGraceMs`. */
  readonly signal?: AbortSignal;
  readonly killGraceMs?: number;
  readonly onLog?: (line: DbtLogLine) => void;
  /** Called with dbt's pid once it started (the orchestrator records it). */
  readonly onSpawn?: (pid: number) => void;
}

export interface DbtRunResult {
  readonly command: DbtCommand;
  readonly dbtPath: string;
  /** The arguments after the executable, for messages and reproducing the run by hand. */
  readonly args: readonly string[];
  /** dbt's exit code: 0 all succeeded, 1 some node failed, 2 dbt could not run; null when killed or not started. */
  readonly exitCode: number | null;
  readonly exitSignal: NodeJS.Signals | null;
  /** True when the run was stopped through the AbortSignal. */
  readonly aborted: boolean;
  /** Set when the executable could not be started (ENOENT, EACCES). */
  readonly spawnError?: string;
  /** exitCode 0 and not aborted. */
  readonly ok: boolean;
  /** dbt's invocation id (from JSON logs): run_results.json of this run carries the same id. */
  readonly invocationId?: string;
  readonly startedAt: Date;
  readonly durationMs: number;
  /** The last lines of dbt's human-readable output (messages, not JSON), for error reports. */
  readonly outputTail: string;
  readonly stderrTail: string;
  readonly projectDir: string;
  readonly targetPath: string;
}

const TAIL_LINES = 200;

/** The argument list for `dbt <command>`, without the executable. */
export function dbtArgs(command: DbtCommand, o: DbtRunOptions): string[] {
  const accepts = ACCEPTS[command];
  const projectDir = path.resolve(o.projectDir);
  const targetPath = path.resolve(o.targetPath ?? path.join(projectDir, 'target'));
  const args: string[] = [command, '--project-dir', projectDir, '--profiles-dir', path.resolve(o.profilesDir ?? projectDir)];
  if (accepts.targetPath) args.push('--target-path', targetPath);
  args.push('--log-path', path.resolve(o.logPath ?? path.join(targetPath, 'logs')));
  // Explicit, so a DBT_FAIL_FAST in the user's environment cannot stop a batch at its first failure:
  // every model of the batch must get its own result.
  args.push('--no-fail-fast', '--no-use-colors', '--log-format', o.logFormat ?? 'json');
  if (o.target !== undefined) args.push('--target', o.target);
  if (accepts.select && o.select?.length) args.push('--select', ...o.select);
  if (accepts.select && o.exclude?.length) args.push('--exclude', ...o.exclude);
  if (o.vars !== undefined && Object.keys(o.vars).length > 0) args.push('--vars', JSON.stringify(o.vars));
  if (accepts.threads && o.threads !== undefined) args.push('--threads', String(o.threads));
  if (accepts.fullRefresh && o.fullRefresh) args.push('--full-refresh');
  if (o.extraArgs) args.push(...o.extraArgs);
  return args;
}

/** The environment dbt runs with: no telemetry, no version nag, unbuffered so logs stream. */
export function dbtEnv(extra: Readonly<Record<string, string | undefined>> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DBT_SEND_ANONYMOUS_USAGE_STATS: 'false',
    DO_NOT_TRACK: '1',
    PYTHONUNBUFFERED: '1',
    PYTHONIOENCODING: 'utf-8',
    ...extra,
  };
}

function parseLogLine(line: string, stream: 'stdout' | 'stderr', json: boolean): DbtLogLine {
  if (json && stream === 'stdout' && line.startsWith('{')) {
    try {
      const parsed = JSON.parse(line) as { info?: { level?: unknown; msg?: unknown; name?: unknown }; data?: Record<string, unknown> };
      const info = parsed.info ?? {};
      return {
        stream,
        level: typeof info.level === 'string' ? info.level : 'info',
        message: typeof info.msg === 'string' ? info.msg : line,
        ...(typeof info.name === 'string' ? { event: info.name } : {}),
        ...(parsed.data ? { data: parsed.data } : {}),
      };
    } catch {
      // Not every stdout line is JSON (a Python warning printed by a package); keep it as text.
    }
  }
  return { stream, level: stream === 'stderr' ? 'warn' : 'info', message: line };
}

class Tail {
  private readonly lines: string[] = [];
  push(text: string): void {
    for (const l of text.split('\n')) {
      this.lines.push(l);
      if (this.lines.length > TAIL_LINES) this.lines.shift();
    }
  }
  toString(): string {
    return this.lines.join('\n');
  }
}

/**
 * Signals dbt's whole process group (dbt, its multiprocessing helpers, adapter subprocesses). Exported
 * for a resumed run that finds the pid of a dbt left behind by a killed orchestrator (`onSpawn`).
 */
export function killProcessGroup(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * dbt runs in its own process group, so a Ctrl-C on the terminal does not reach it and it would
 * outlive us. When our process exits (normally or by process.exit), take every running dbt with it.
 * A CLI should still turn SIGINT into an abort of its AbortSignal: a signal death runs no handler.
 */
const running = new Set<number>();
let exitHookInstalled = false;
function track(pid: number): void {
  running.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const p of running) killProcessGroup(p, 'SIGKILL');
  });
}

/**
 * Runs `dbt <command>`; resolves when dbt (and, after an abort, its whole process group) has exited.
 * Never rejects on a dbt failure; throws DbtNotFoundError only when no `dbt` is given and none is found.
 */
export function runDbt(command: DbtCommand, options: DbtRunOptions): Promise<DbtRunResult> {
  const dbtPath = typeof options.dbt === 'string' ? options.dbt : (options.dbt ?? locateDbt()).path;
  const args = dbtArgs(command, options);
  const projectDir = path.resolve(options.projectDir);
  const targetPath = path.resolve(options.targetPath ?? path.join(projectDir, 'target'));
  const json = (options.logFormat ?? 'json') === 'json';
  const startedAt = new Date();
  const output = new Tail();
  const stderr = new Tail();
  let invocationId: string | undefined;

  const finish = (fields: Pick<DbtRunResult, 'exitCode' | 'exitSignal' | 'aborted'> & { spawnError?: string }): DbtRunResult => ({
    command,
    dbtPath,
    args,
    ...fields,
    ok: fields.exitCode === 0 && !fields.aborted && fields.spawnError === undefined,
    ...(invocationId !== undefined ? { invocationId } : {}),
    startedAt,
    durationMs: Date.now() - startedAt.getTime(),
    outputTail: output.toString(),
    stderrTail: stderr.toString(),
    projectDir,
    targetPath,
  });

  if (options.signal?.aborted) return Promise.resolve(finish({ exitCode: null, exitSignal: null, aborted: true }));

  return new Promise((resolve) => {
    const child = spawn(dbtPath, args, {
      cwd: projectDir, // relative paths in profiles.yml (a DuckDB file) resolve against the project
      env: dbtEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so an abort can stop dbt and every process it started.
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    let aborted = false;
    let spawnError: string | undefined;
    let graceTimer: NodeJS.Timeout | undefined;

    const onAbort = (): void => {
      if (aborted || child.pid === undefined) return;
      aborted = true;
      killProcessGroup(child.pid, 'SIGINT');
      graceTimer = setTimeout(() => child.pid !== undefined && killProcessGroup(child.pid, 'SIGKILL'), options.killGraceMs ?? 5000);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });

    child.on('spawn', () => {
      if (child.pid === undefined) return;
      track(child.pid);
      options.onSpawn?.(child.pid);
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      spawnError = `cannot start ${dbtPath}: ${e.code ?? ''} ${e.message}`.replace(/\s+/g, ' ').trim();
    });

    const lines = (stream: 'stdout' | 'stderr', input: NodeJS.ReadableStream): void => {
      createInterface({ input, crlfDelay: Infinity }).on('line', (raw) => {
        const line = parseLogLine(raw, stream, json);
        if (stream === 'stderr') stderr.push(line.message);
        else output.push(line.message.replace(/\n$/, ''));
        if (invocationId === undefined && line.data !== undefined) invocationId = invocationIdOf(raw);
        try {
          options.onLog?.(line);
        } catch (e) {
          // A throwing listener must not crash us and leave dbt running unattended; keep it visible.
          stderr.push(`onLog listener threw: ${(e as Error).message}`);
        }
      });
    };
    lines('stdout', child.stdout);
    lines('stderr', child.stderr);

    child.on('close', (code, signal) => {
      if (child.pid !== undefined) running.delete(child.pid);
      options.signal?.removeEventListener('abort', onAbort);
      if (graceTimer) clearTimeout(graceTimer);
      const done = (): void => resolve(finish({ exitCode: code, exitSignal: signal, aborted, ...(spawnError !== undefined ? { spawnError } : {}) }));
      if (!aborted || child.pid === undefined) return done();
      // dbt may have exited on SIGINT while a helper in its group lives on: finish the job, and
      // resolve only once the group is gone, so the caller may reuse the database file at once.
      killProcessGroup(child.pid, 'SIGKILL');
      void waitForGroupExit(child.pid, 3000).then(done);
    });
  });
}

async function waitForGroupExit(pid: number, timeoutMs: number): Promise<void> {
  if (process.platform === 'win32') return;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(-pid, 0);
    } catch {
      return; // ESRCH: no process of the group is left
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

function invocationIdOf(raw: string): string | undefined {
  const m = /"invocation_id":\s*"([^"]+)"/.exec(raw);
  return m?.[1];
}

/** True when `file` was written by this run (by invocation id when known, else by time). */
export function writtenBy(run: DbtRunResult, file: string, fileInvocationId: string | undefined): boolean {
  if (run.invocationId !== undefined && fileInvocationId !== undefined) return run.invocationId === fileInvocationId;
  try {
    return statSync(file).mtimeMs >= run.startedAt.getTime() - 1000;
  } catch {
    return false;
  }
}
